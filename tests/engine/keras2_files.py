"""Keras 2 model files written by ``tf_keras``, shaped like a Teachable Machine export: a
MobileNet (alpha 0.25) base nested in a Sequential, a small Dense head, ``model.save(".h5")``
and a ``labels.txt`` in Teachable Machine's ``0 cat`` format.

The weights are seeded random, and the BatchNormalization statistics and the head are
randomised too: with Keras' initial values every image would give (nearly) the same
probabilities, and a load that mixed weights up could not be told from a right one.
"""

from __future__ import annotations

import numpy as np

SIZE = 96
CLASSES = ("cat", "dog", "hot dog")


def randomise(model, seed: int = 7) -> None:
    """Seeded random weights, BatchNormalization statistics calibrated on random images (so
    the features stay image-dependent through the depth), and randomised BN scales and shifts."""
    rng = np.random.default_rng(seed)
    for w in model.weights:
        shape, name = tuple(w.shape), w.name
        if "gamma" in name:
            value = rng.uniform(0.7, 1.3, shape)
        elif "beta" in name or "bias" in name:
            value = rng.normal(0.0, 0.3, shape)
        elif "moving" in name:
            continue
        else:
            fan_in = int(np.prod(shape[:-1])) or 1
            value = rng.normal(0.0, 2.0 / np.sqrt(fan_in), shape)
        w.assign(value.astype("float32"))
    norms = [layer for layer in _leaves(model) if layer.__class__.__name__ == "BatchNormalization"]
    for layer in norms:
        layer.momentum = 0.0  # one training-mode pass sets the statistics to this batch's
    calibration = rng.uniform(-1, 1, (16, SIZE, SIZE, 3)).astype("float32")
    model(calibration, training=True)
    for layer in norms:
        layer.momentum = 0.99


def _leaves(layer):
    for inner in getattr(layer, "layers", []):
        if getattr(inner, "layers", None):
            yield from _leaves(inner)
        else:
            yield inner


def teachable_machine_like(folder, labels: str | None = "indexed"):
    """(path of keras_model.h5, the tf_keras model) in ``folder``; ``labels``: "indexed"
    (``0 cat``), "plain" (one name a line) or None (no labels.txt)."""
    import tf_keras as k2

    k2.utils.set_random_seed(1)
    base = k2.applications.MobileNet(input_shape=(SIZE, SIZE, 3), alpha=0.25, include_top=False, weights=None,
                                     pooling="avg")
    body = k2.Sequential([base], name="sequential_1")
    head = k2.Sequential([k2.layers.Dense(16, activation="relu"), k2.layers.Dense(len(CLASSES), activation="softmax")],
                         name="sequential_3")
    model = k2.Sequential([k2.Input((SIZE, SIZE, 3)), body, head])
    randomise(model)
    path = folder / "keras_model.h5"
    model.save(path)
    if labels == "indexed":
        (folder / "labels.txt").write_text("".join(f"{i} {c}\n" for i, c in enumerate(CLASSES)), encoding="utf-8")
    elif labels == "plain":
        (folder / "labels.txt").write_text("\n".join(CLASSES) + "\n", encoding="utf-8")
    return path, model


def minus1to1(pixels: np.ndarray) -> np.ndarray:
    return pixels.astype(np.float32) / 127.5 - 1.0
