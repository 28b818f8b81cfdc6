"""Export a trained model for deployment: a TensorFlow SavedModel (``model.export``) and a
TFLite file converted from that SavedModel (in Keras 3 ``from_keras_model`` is broken), each
checked to give the same top-1 as the Keras model on sample images.

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
    """SavedModel and TFLite into ``folder``, a temp folder its caller is building and owns."""
    import tensorflow as tf

    folder = Path(folder)
    model.export(str(folder / "saved_model"), format="tf_saved_model", verbose=False)
    tflite_bytes = tf.lite.TFLiteConverter.from_saved_model(str(folder / "saved_model")).convert()
    (folder / "model.tflite").write_bytes(tflite_bytes)
    top1 = _check_tflite(model, tflite_bytes, samples)
    return ExportResult(str(folder / "saved_model"), str(folder / "model.tflite"), top1, len(samples))


def _check_tflite(model, tflite_bytes: bytes, samples: np.ndarray) -> bool:
    import tensorflow as tf

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
        raise StudioError(f"The TFLite export disagrees with the Keras model on "
                          f"{int((keras_top1 != np.array(lite_top1)).sum())} of {len(x)} sample images; "
                          "nothing was exported.")
    return agree
