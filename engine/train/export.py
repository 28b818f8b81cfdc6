"""Export a trained model for deployment: a TensorFlow SavedModel (``model.export``) and a
TFLite file converted from that SavedModel (in Keras 3 ``from_keras_model`` is broken), each
checked to give the same top-1 as the Keras model on sample images."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import fileio
from ..errors import StudioError


@dataclass
class ExportResult:
    saved_model: str
    tflite: str
    top1_agree: bool
    checked: int


def export(model, out_dir: str | Path, samples: np.ndarray) -> ExportResult:
    """Write ``out_dir/saved_model`` and ``out_dir/model.tflite``; ``samples`` are raw uint8 images."""
    import tensorflow as tf

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".saved_model.", dir=out_dir))
    saved = out_dir / "saved_model"
    try:
        model.export(str(tmp / "sm"), format="tf_saved_model", verbose=False)
        shutil.rmtree(saved, ignore_errors=True)
        shutil.move(str(tmp / "sm"), saved)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    converter = tf.lite.TFLiteConverter.from_saved_model(str(saved))
    tflite_bytes = converter.convert()
    tflite_path = out_dir / "model.tflite"
    fileio.write_bytes(tflite_path, tflite_bytes)
    x = samples.astype(np.float32)
    keras_top1 = np.argmax(np.asarray(model(x, training=False)), axis=1)
    interpreter = tf.lite.Interpreter(model_content=tflite_bytes)
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    lite_top1 = []
    for img in x:
        interpreter.resize_tensor_input(inp["index"], [1, *img.shape])
        interpreter.allocate_tensors()
        interpreter.set_tensor(inp["index"], img[None])
        interpreter.invoke()
        lite_top1.append(int(np.argmax(interpreter.get_tensor(out["index"])[0])))
    agree = bool(np.array_equal(keras_top1, np.array(lite_top1)))
    if not agree:
        raise StudioError(f"The TFLite export disagrees with the Keras model on {int((keras_top1 != lite_top1).sum())} "
                          f"of {len(x)} sample images; the files are in {out_dir} for inspection.")
    return ExportResult(str(saved), str(tflite_path), agree, len(x))
