"""Files other tools wrote: the real Teachable Machine export (Keras 2.4.0) shipped with the
fixtures, and conversions of it made here the way its users make them (TFLite float and
dynamic-range quantised, a tf_keras SavedModel folder).  The reference for what the export
means is Teachable Machine's own Python snippet, computed in the test under ``tf_keras``."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image, ImageOps

from ..conftest import FIXTURES

TM = FIXTURES / "real_models" / "teachable_machine_water"
TM_MODEL = TM / "keras_model.h5"
TM_CLASSES = ("5 Galoon", "500ML")

needs_tm = pytest.mark.skipif(not TM_MODEL.is_file(), reason=f"the real Teachable Machine export is not at {TM}")


def snippet_input(path_or_image) -> np.ndarray:
    """Teachable Machine's snippet: RGB, ImageOps.fit to 224 × 224 with LANCZOS, x / 127.5 − 1."""
    image = path_or_image if isinstance(path_or_image, Image.Image) else Image.open(path_or_image)
    image = ImageOps.fit(image.convert("RGB"), (224, 224), Image.Resampling.LANCZOS)
    return (np.asarray(image).astype(np.float32) / 127.5) - 1


@pytest.fixture(scope="session")
def tm_reference():
    """The export as Teachable Machine's snippet loads it (tf_keras, compile=False)."""
    if not TM_MODEL.is_file():
        pytest.skip(f"the real Teachable Machine export is not at {TM}")
    import tf_keras

    return tf_keras.models.load_model(str(TM_MODEL), compile=False)


@pytest.fixture(scope="session")
def tm_conversions(tm_reference, tmp_path_factory):
    """{name: path} of the export converted as users do, each folder with the export's labels.txt."""
    import tensorflow as tf

    root = tmp_path_factory.mktemp("tm-conversions")
    out = {}
    for name in ("float", "quantized", "savedmodel"):
        folder = root / name
        folder.mkdir()
        shutil.copy(TM / "labels.txt", folder / "labels.txt")
        if name == "savedmodel":
            out[name] = folder / "model.savedmodel"
            tm_reference.save(str(out[name]))
            continue
        converter = tf.lite.TFLiteConverter.from_keras_model(tm_reference)
        if name == "quantized":
            converter.optimizations = [tf.lite.Optimize.DEFAULT]  # dynamic-range: 8-bit weights
        out[name] = folder / ("model.tflite" if name == "quantized" else "model_unquant.tflite")
        out[name].write_bytes(converter.convert())
    return out


def made_images(tmp_path) -> list:
    """Images of other shapes and contents than the photos: wide, tall, textured, flat."""
    rng = np.random.default_rng(21)
    wide = np.zeros((120, 300, 3), np.uint8)
    wide[..., 0] = np.linspace(0, 255, 300, dtype=np.uint8)[None]
    wide[40:80, 100:200] = (30, 200, 90)
    tall = rng.integers(0, 256, (280, 90, 3), dtype=np.uint8)
    stripes = np.zeros((224, 224, 3), np.uint8)
    stripes[:, ::8] = 255
    out = []
    for name, px in (("wide.png", wide), ("tall.png", tall), ("stripes.png", stripes)):
        Image.fromarray(px).save(tmp_path / name)
        out.append(tmp_path / name)
    return out
