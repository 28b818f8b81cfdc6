"""No-top bases (for training) taken from a model's full ImageNet weights: the bookkeeping.

When only the full file of a variant is on this computer (imported, cached, in a pack), the
feature extractor needs no second file: the no-top model is the full model without its
classifier, layer for layer.  The builder makes and proves the file
(:func:`engine.builder.derive_notop_file`); this module knows which full file a no-top file
corresponds to, stores what was made in the app's folder (``weights/derived/``), and records
in ``derived.json`` which full file (sha256) each one came from, so :mod:`.resolve` can tell
a derived file whose source changed or went away (then it is removed: the app made it).
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Callable, Optional

from .. import fileio, safefiles
from ..zoo import Variant
from . import importing, manifest
from .manifest import WeightsFile
from .sources import derived_dir
from .verify import Check, verify_file

_INDEX = "derived.json"

# (model name, full variant, no-top variant, full file, output file) -> None; raises when the
# derived file does not reproduce the full model's features.
Maker = Callable[[str, Variant, Variant, Path, Path], None]


def _index() -> dict:
    data = safefiles.read_state(derived_dir() / _INDEX, what="the index of derived no-top weights",
                                check=safefiles.expect_object)
    return {k: v for k, v in (data or {}).items() if _row_ok(v)}


def _row_ok(row) -> bool:
    """A row :func:`recorded` can use; a hand-edited one is ignored (the file is derived again)."""
    return (isinstance(row, dict) and all(isinstance(row.get(k), str) for k in ("file", "sha256", "from_filename",
                                                                                 "from_sha256"))
            and isinstance(row.get("size"), int) and safefiles.plain_name(row["file"]))


def parse_variant(describe: str) -> Variant:
    """The inverse of ``Variant.describe()`` (the manifest's key format)."""
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
            return name, variant, replace(variant, include_top=True), full
    return None


def recorded(wf_notop: WeightsFile):
    """(path, checks, source) of the derived file recorded for ``wf_notop``, or None.

    ``source`` is the full file it was made from: (its WeightsFile, its sha256 then)."""
    row = _index().get(wf_notop.filename)
    if not row:
        return None
    source = manifest.file_by_name(row["from_filename"]) or WeightsFile(row["from_filename"], "")
    return (derived_dir() / row["file"],
            [Check("size", row["size"]), Check("sha256", row["sha256"], "recorded when it was derived")],
            (source, row["from_sha256"]))


def make(wf_notop: WeightsFile, full, maker: Maker, model: Optional[str] = None) -> Optional[Path]:
    """Derive the no-top file from ``full`` (the verified WeightsStatus of its full file) with
    ``maker``, store it atomically and record where it came from; None for a file that has no
    full counterpart."""
    found = full_counterpart(wf_notop, model)
    if found is None or full.path is None:
        return None
    name, notop_variant, full_variant, wf_full = found
    target = derived_dir() / importing.stored_name(wf_notop.filename, "keras3")
    stage = fileio.temp_dir_beside(target)
    try:
        staged = stage / target.name
        maker(name, full_variant, notop_variant, full.path, staged)
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
