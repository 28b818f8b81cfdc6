"""Export a trained model for deployment: a TensorFlow SavedModel (``model.export``) and a
TFLite file converted from that SavedModel (in Keras 3 ``from_keras_model`` is broken), both
made without the training-only layers (augmentation, dropout) and each checked to give the
Keras model's top-1 and probabilities on sample images.

The export folder is built whole under a temp name and renamed into place (with an
``export.json`` marking it as ours): an existing folder is filled only when empty, and
replaced only when it is an earlier export of ours and ``overwrite`` is asked for."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import fileio, safefiles
from ..errors import StudioError
from . import owned

MARKER_FILE = "export.json"
_OWN_FILES = {"saved_model", "model.tflite", MARKER_FILE}


def is_export(folder: Path) -> bool:
    """True for a folder holding only an export this app wrote."""
    try:
        names = {p.name for p in folder.iterdir()}
        if MARKER_FILE not in names or not names <= _OWN_FILES:
            return False
        meta = safefiles.load_json(folder / MARKER_FILE, cap=64 << 10)  # a FIFO would hang, /dev/zero never end
    except (OSError, ValueError):  # safefiles.UnsafeFile is a ValueError
        return False
    return isinstance(meta, dict) and meta.get("created_by") == "Pretrained Studio"


@dataclass
class ExportResult:
    saved_model: str
    tflite: str
    top1_agree: bool
    checked: int


def export(model, out_dir: str | Path, samples: np.ndarray, *, overwrite: bool = False) -> ExportResult:
    """Write ``out_dir/saved_model`` and ``out_dir/model.tflite``; ``samples`` are raw uint8 images.

    ``out_dir`` must be new or empty (or, with ``overwrite``, an earlier export of ours)."""
    out_dir = Path(os.path.abspath(out_dir))
    why = owned.refusal(out_dir, owned.state(out_dir, is_export), overwrite, "an export")
    if why:
        raise StudioError(why)
    tmp = fileio.temp_dir_beside(out_dir)
    try:
        result = write_into(model, tmp, samples)
        (tmp / MARKER_FILE).write_text(json.dumps({"created_by": "Pretrained Studio", "format": 1}) + "\n",
                                       encoding="utf-8")
        owned.put_in_place(tmp, out_dir, overwrite, is_export, "an export")
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return ExportResult(str(out_dir / "saved_model"), str(out_dir / "model.tflite"), result.top1_agree,
                        result.checked)


def write_into(model, folder: Path, samples: np.ndarray) -> ExportResult:
    """SavedModel and TFLite into ``folder``, a temp folder its caller is building and owns.

    Both are made from the model without its training-only layers (augmentation, dropout:
    :mod:`engine.train.inference_model`) and each is run on ``samples`` against the Keras model."""
    import tensorflow as tf

    from .inference_model import for_inference

    folder = Path(folder)
    model = for_inference(model, samples)
    model.export(str(folder / "saved_model"), format="tf_saved_model", verbose=False)
    tflite_bytes = tf.lite.TFLiteConverter.from_saved_model(str(folder / "saved_model")).convert()
    (folder / "model.tflite").write_bytes(tflite_bytes)
    x = samples.astype(np.float32)
    want = np.asarray(model(x, training=False))
    _agrees("SavedModel", want, _run_saved_model(folder / "saved_model", x))
    _agrees("TFLite", want, run_tflite(tflite_bytes, x))
    return ExportResult(str(folder / "saved_model"), str(folder / "model.tflite"), True, len(samples))


PROBABILITY_TOLERANCE = 1e-3  # float32 kernels differ in the last digits, never by a tenth of a percent


def _agrees(what: str, want: np.ndarray, got: np.ndarray) -> None:
    """The exported model gives the Keras model's top-1 and probabilities, or nothing is exported."""
    differ = int((np.argmax(want, axis=1) != np.argmax(got, axis=1)).sum())
    if differ:
        raise StudioError(f"The {what} export disagrees with the Keras model on {differ} of {len(want)} sample "
                          "images; nothing was exported.")
    gap = float(np.abs(want - got).max()) if want.size else 0.0
    if gap > PROBABILITY_TOLERANCE:
        raise StudioError(f"The {what} export gives probabilities up to {gap * 100:.2f} points away from the Keras "
                          "model's; nothing was exported.")


def _run_saved_model(path: Path, x: np.ndarray) -> np.ndarray:
    import tensorflow as tf

    loaded = tf.saved_model.load(str(path))
    return np.asarray(loaded.serve(tf.constant(x)))


def run_tflite(tflite_bytes: bytes, x: np.ndarray) -> np.ndarray:
    """The TFLite model's outputs for each image of ``x`` (one at a time, as a phone runs it)."""
    import tensorflow as tf

    interpreter = tf.lite.Interpreter(model_content=tflite_bytes)
    inp = interpreter.get_input_details()[0]
    out = interpreter.get_output_details()[0]
    rows = []
    for img in x.astype(np.float32):
        interpreter.resize_tensor_input(inp["index"], [1, *img.shape])
        interpreter.allocate_tensors()
        interpreter.set_tensor(inp["index"], img[None])
        interpreter.invoke()
        rows.append(np.array(interpreter.get_tensor(out["index"])[0]))
    return np.stack(rows) if rows else np.zeros((0, 0), np.float32)
