"""A trained model on disk: ``model.keras`` plus ``metadata.json`` in one folder, built in a
temp folder beside its destination and renamed into place (read by :mod:`engine.sources.bundles`).

The app never deletes or overwrites what it did not create.  A folder is recognised as a
bundle of ours when it holds nothing but these two files and its metadata carries the
:data:`MARKER` (bundles from before the marker: the format, base model and class names);
:func:`save` replaces such a folder only when asked (``overwrite=True``), fills an empty
folder, and refuses everything else (see :mod:`engine.train.owned`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .. import fileio
from ..errors import StudioError
from ..sources import bundle_checks
# Reading bundles is a model source (engine.sources.bundles); writing them is training's.
from ..sources.bundles import (MARKER, MARKER_KEY, META_FILE, MODEL_FILE, is_bundle, load,  # noqa: F401
                               load_as_loaded_model, user_models)
from . import owned


def state(folder: str | os.PathLike) -> str:
    """'absent', 'empty', 'ours' (a bundle of ours) or 'other' (anything we must not touch)."""
    return owned.state(Path(folder), is_bundle)


def refusal(folder: Path, st: str, overwrite: bool) -> str | None:
    return owned.refusal(folder, st, overwrite, "a trained model")


def save(model, metadata: dict, folder: str | os.PathLike, *, overwrite: bool = False) -> Path:
    """Write the bundle to ``folder`` (absent, empty, or with ``overwrite`` a bundle of ours)."""
    folder = Path(os.path.abspath(folder))
    if not bundle_checks.finite_history(metadata):
        raise StudioError("The model's training loss is not finite (it diverged): it was not saved. "
                          "Train again with a lower learning rate.")
    why = refusal(folder, state(folder), overwrite)
    if why:
        raise StudioError(why)
    meta = dict(metadata)
    meta[MARKER_KEY] = MARKER
    meta.setdefault("format", 1)
    tmp = fileio.temp_dir_beside(folder)
    try:
        model.save(tmp / MODEL_FILE)
        (tmp / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=True, default=str) + "\n",
                                     encoding="utf-8", errors="surrogateescape")
        owned.put_in_place(tmp, folder, overwrite, is_bundle, "a trained model")
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def recover(parent: str | os.PathLike) -> list[Path]:
    """Put back bundles that a killed process had moved aside to replace them."""
    return owned.recover(Path(parent), is_bundle)
