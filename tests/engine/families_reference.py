"""The legacy ``tf_keras`` models as the reference for our RegNet and ResNet-RS.

A reference model gets seeded random weights in every weight, batch-normalization
statistics included (Keras' initial values would leave BN an identity and hide its
epsilon), and writes them as a legacy ``.h5`` file, the format of the official files.

The scales matter.  With BN gains around 1 or more a deep random network is chaotic: the
last-bit differences of two correct implementations (BN computed in another order) grow
block by block to 1e-3 at ResNetRS50's output (and past it in the deeper models).  With
much smaller gains the output is all biases and every photo gives the same answer, which
would prove little.  So: BN gains from 0.5 to 1.1, smaller ones (0.2 to 0.5) on the BN that
closes a residual branch (as trained residual networks have them), and small offsets.  That
keeps agreement to about 1e-6 up to ResNetRS420, with photos that still differ at the
output (which the tests check).
"""

from __future__ import annotations

import zlib

import numpy as np

from engine import images

from ..conftest import fixture_image

PHOTOS = ("cat.png", "parrot.jpg", "hot_dog.jpg")


def tf_keras_function(name: str):
    import tf_keras

    return getattr(tf_keras.applications, name)


def official_request(name: str, include_top: bool) -> tuple[str, str, str]:
    """(file name, URL, hash) tf_keras would fetch for ``name``, read from its own tables."""
    from tf_keras.src.applications import regnet, resnet_rs

    if name.startswith("RegNet"):
        key = name[len("RegNet"):].lower()
        filename = f"regnet{key}{'' if include_top else '_notop'}.h5"
        return filename, regnet.BASE_WEIGHTS_PATH + filename, regnet.WEIGHTS_HASHES[key][0 if include_top else 1]
    depth = int(name[len("ResNetRS"):])
    size = max(resnet_rs.DEPTH_TO_WEIGHT_VARIANTS[depth])
    filename = f"resnet-rs-{depth}-i{size}{'' if include_top else '_notop'}.h5"
    return filename, resnet_rs.BASE_WEIGHTS_URL + filename, resnet_rs.WEIGHT_HASHES[filename]


# The BN layer that closes a residual branch: RegNet's, ResNet-RS's (tf_keras' and our names).
BRANCH_END = ("_conv_1x1_2_bn/", "_batch_norm_3/")


def randomize(model, seed_text: str) -> None:
    """Seeded random values for every weight (see the module docstring for the scales)."""
    rng = np.random.default_rng(zlib.crc32(seed_text.encode()))
    for w in model.weights:
        path = getattr(w, "path", None) or w.name  # Keras 3: "layer/gamma"; tf_keras: "layer/gamma:0"
        kind = path.split("/")[-1].split(":")[0]
        shape = tuple(w.shape)
        if kind == "kernel":
            value = rng.normal(0.0, np.sqrt(2.0 / np.prod(shape[:-1])), shape)
        elif kind == "gamma":
            value = rng.uniform(*((0.2, 0.5) if any(m in path for m in BRANCH_END) else (0.5, 1.1)), shape)
        elif kind == "moving_variance":
            value = rng.uniform(0.5, 1.5, shape)
        elif kind in ("beta", "moving_mean", "bias"):
            value = rng.normal(0.0, 0.03, shape)
        else:
            raise AssertionError(f"unexpected weight {w.name}")
        w.assign(value.astype(np.float32))


def reference(name: str, include_top: bool, size: int, h5_path):
    """The tf_keras model (logits on top) with random weights, written to ``h5_path``."""
    kw = {"classifier_activation": None} if include_top else {}
    model = tf_keras_function(name)(weights=None, include_top=include_top, input_shape=(size, size, 3), **kw)
    randomize(model, name)
    model.save_weights(str(h5_path))
    return model


def photos(size: int) -> np.ndarray:
    """The fixture photos at ``size`` x ``size``, float32 pixels 0-255."""
    out = [images.model_input(images.load_image(fixture_image(p)).pixels, size).pixels for p in PHOTOS]
    return np.stack(out).astype(np.float32)


def relative_error(ours, theirs) -> float:
    """Largest difference over the largest reference value."""
    ours, theirs = np.asarray(ours, np.float64), np.asarray(theirs, np.float64)
    return float(np.abs(ours - theirs).max() / np.abs(theirs).max())


def between_photos(outputs) -> np.ndarray:
    """What differs from photo to photo: each output minus the mean over the photos."""
    outputs = np.asarray(outputs, np.float64)
    return outputs - outputs.mean(axis=0)
