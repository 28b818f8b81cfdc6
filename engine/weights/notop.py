"""A no-top base (for training) taken from a model's full ImageNet weights.

When only the full file of a variant is on this computer (imported, cached, in a pack), the
feature extractor needs no second file: the no-top model is the full model without its
classifier, layer for layer.  The weights are copied by layer name into the no-top model,
saved in the Keras 3 format in the app's folder (``weights/derived/``), loaded back into a
fresh no-top model, and its features compared with the full model's at the same layer on a
fixed input; only then is the file used.  ``derived.json`` records which full file (sha256)
each one came from: when that file changes or goes away, the derived file is stale, and is
removed (the app made it) instead of being used.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
from pathlib import Path
from typing import Optional

from .. import fileio
from ..errors import WeightsFileError
from . import importing, manifest
from .manifest import WeightsFile
from .verify import Check, verify_file

_INDEX = "derived.json"


def derived_dir() -> Path:
    return importing.imported_dir() / "derived"


def _index() -> dict:
    try:
        data = json.loads((derived_dir() / _INDEX).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def parse_variant(describe: str):
    """The inverse of ``Variant.describe()`` (the manifest's key format)."""
    from ..zoo import Variant

    kw: dict = {"include_top": True}
    for part in filter(None, (p.strip() for p in describe.split(","))):
        if part.startswith("alpha="):
            kw["alpha"] = float(part[len("alpha="):])
        elif part == "minimalistic":
            kw["minimalistic"] = True
        elif part.endswith("px"):
            kw["input_size"] = int(part[:-2])
        elif part == "no top":
            kw["include_top"] = False
    return Variant(**kw)


def full_counterpart(wf_notop: WeightsFile, model: Optional[str] = None):
    """(model name, no-top variant, full variant, full WeightsFile) for a no-top file, else None."""
    for key in manifest.keys_for_file(wf_notop.filename):
        name, _, desc = key.partition("|")
        if model and name.lower() != model.lower():
            continue
        variant = parse_variant(desc)
        if variant.include_top:
            continue
        full_desc = ", ".join(p for p in (x.strip() for x in desc.split(",")) if p and p != "no top")
        full = manifest.from_manifest(f"{name}|{full_desc}")
        if full is not None:
            from dataclasses import replace

            return name, variant, replace(variant, include_top=True), full
    return None


def recorded(wf_notop: WeightsFile):
    """(path, checks) of the derived file recorded for ``wf_notop``, its source not re-checked."""
    row = _index().get(wf_notop.filename)
    if not row:
        return None
    return derived_dir() / row["file"], [Check("size", row["size"]),
                                         Check("sha256", row["sha256"], "recorded when it was derived")]


def current_derived(wf_notop: WeightsFile, offline_dirs, cancel):
    """(path, checks) of a usable derived file for ``wf_notop``, or None (stale ones removed)."""
    row = _index().get(wf_notop.filename)
    if not row:
        return None
    path = derived_dir() / row["file"]
    from .sources import locate

    wf_full = manifest.file_by_name(row["from_filename"]) or WeightsFile(row["from_filename"], "")
    full = locate(wf_full, offline_dirs, cancel=cancel)
    if full.verdict is None or full.verdict.sha256 != row["from_sha256"]:
        path.unlink(missing_ok=True)  # made by the app from a file that is gone or changed
        return None
    return recorded(wf_notop)


def derive(wf_notop: WeightsFile, offline_dirs=(), model: Optional[str] = None, cancel=None) -> Optional[Path]:
    """Make the no-top file from a verified full file on this computer; None when there is none."""
    found = full_counterpart(wf_notop, model)
    if found is None:
        return None
    name, notop_variant, full_variant, wf_full = found
    from .sources import locate

    full = locate(wf_full, offline_dirs, cancel=cancel, model=name)
    if full.path is None:
        return None
    from .. import zoo

    spec = zoo.get(name)
    target = derived_dir() / importing.stored_name(wf_notop.filename, "keras3")
    stage = fileio.temp_dir_beside(target)
    try:
        staged = stage / target.name
        _derive_file(spec, full_variant, notop_variant, full.path, staged)
        derived_dir().mkdir(parents=True, exist_ok=True)
        os.replace(staged, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    verdict = verify_file(target, [Check("readable")])
    rows = _index()
    rows[wf_notop.filename] = {
        "file": target.name, "sha256": verdict.sha256, "size": target.stat().st_size,
        "from_filename": wf_full.filename, "from_sha256": full.verdict.sha256, "from_path": str(full.path),
        "created": _dt.datetime.now().isoformat(timespec="seconds"),
    }
    fileio.write_json(derived_dir() / _INDEX, rows)
    return target


def _derive_file(spec, full_variant, notop_variant, full_path: Path, out: Path) -> None:
    import keras
    import numpy as np

    from .. import builder

    full = builder.build(spec, full_variant, full_path)
    base = builder.build(spec, notop_variant, None)
    for layer in base.layers:
        if layer.weights:
            layer.set_weights(full.get_layer(layer.name).get_weights())
    base.save_weights(str(out))
    check = builder.build(spec, notop_variant, out)
    size = int(base.input_shape[1])
    x = np.random.RandomState(0).uniform(-1.0, 1.0, (2, size, size, 3)).astype("float32")
    cut = keras.Model(full.inputs, full.get_layer(base.layers[-1].name).output)
    want = np.asarray(cut(x, training=False))
    got = np.asarray(check(x, training=False))
    if want.shape != got.shape or not np.allclose(want, got, rtol=1e-5, atol=1e-5):
        raise WeightsFileError(
            f"The no-top weights derived from '{full_path}' do not reproduce the full model's features; "
            "they were not kept. Download or import the no-top file instead.")
