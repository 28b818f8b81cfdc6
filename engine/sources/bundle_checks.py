"""Checks on a trained-model bundle before and after Keras opens it.

A bundle's files may have been edited, cut short or replaced: each fault becomes a
:class:`StudioError` that says what is wrong with which file, never a traceback.

* ``metadata.json``: size-capped, valid JSON, an object, and fields of the right types;
  its class names must match the model's outputs (checked once the model is loaded).
* ``model.keras``: a zip archive whose *declared* member sizes are checked before Keras
  extracts anything.  Keras stores members uncompressed, so a member that claims to be
  much larger than its compressed bytes (a zip bomb) or an archive that claims more than
  :data:`MAX_UNCOMPRESSED` is refused.  Python's zipfile never inflates past a member's
  declared size, so the declared sizes bound the memory Keras can use.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

from .. import safefiles
from ..errors import StudioError
from ..pathnames import printable

MAX_METADATA_BYTES = 8 << 20
#: The largest zoo model saved whole (ConvNeXtXLarge, ~1.4 GB) fits with room to spare.
MAX_UNCOMPRESSED = 6 << 30
# Keras writes members uncompressed (ratio 1); allow compression by other tools up to this.
MAX_RATIO = 20
_SMALL = 1 << 20  # members below 1 MiB are never refused for their ratio


def read_metadata(path: Path) -> dict:
    """The metadata object, with its fields' types checked (absent fields are fine)."""
    where = printable(path)
    try:  # a regular file (a FIFO would hang, /dev/zero never end), capped, JSON of sane depth
        meta = safefiles.load_json(path, cap=MAX_METADATA_BYTES)
    except safefiles.UnsafeFile as exc:
        raise StudioError(f"'{where}' is damaged: {exc}. Train the model again or restore the folder from a "
                          "backup.") from None
    except OSError as exc:
        raise StudioError(f"'{where}' cannot be read ({exc.strerror or exc}).") from None
    if not isinstance(meta, dict):
        raise StudioError(f"'{where}' is damaged: it holds a JSON {type(meta).__name__}, not an object of fields.")
    names = meta.get("class_names")
    if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) for n in names)):
        raise StudioError(f"'{where}' is damaged: 'class_names' must be a list of names, not "
                          f"{type(names).__name__ if not isinstance(names, list) else 'a list holding non-text'}.")
    for key in ("name", "base_model", "resize_policy"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            raise StudioError(f"'{where}' is damaged: '{key}' must be text, not {type(meta[key]).__name__}.")
    for key in ("metrics", "training", "dataset", "history"):
        if key in meta and not isinstance(meta[key], dict):
            raise StudioError(f"'{where}' is damaged: '{key}' must be an object, not {type(meta[key]).__name__}.")
    return meta


def check_archive(path: Path) -> None:
    """Refuse a ``model.keras`` that is not a zip archive or that claims too much when extracted."""
    where = printable(path)
    try:
        size = path.stat().st_size
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
        raise StudioError(f"The model file '{where}' is damaged: it is not a complete Keras archive "
                          f"({exc}). Train the model again or restore it from a backup.") from None
    except OSError as exc:
        raise StudioError(f"The model file '{where}' cannot be read ({exc.strerror or exc}).") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED or total > MAX_RATIO * size + _SMALL:
        raise StudioError(f"The model file '{where}' claims {total / 2**30:.1f} GiB when extracted from "
                          f"{size / 2**20:.1f} MiB: it is damaged or hostile (a 'zip bomb') and was not opened.")
    for i in infos:
        if i.file_size > _SMALL and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise StudioError(f"The model file '{where}' holds '{printable(i.filename)}', which claims "
                              f"{i.file_size / 2**20:.0f} MiB from {i.compress_size / 2**20:.2f} MiB "
                              "compressed: it is damaged or hostile (a 'zip bomb') and was not opened.")
    if "config.json" not in {i.filename for i in infos}:
        raise StudioError(f"The model file '{where}' is damaged: it has no config.json (not a Keras 3 model file).")


def check_against_model(meta: dict, model, folder: Path) -> None:
    """The metadata's class names must name every output of the model, no more, no fewer."""
    names = meta.get("class_names")
    outputs = model.output_shape[-1] if len(getattr(model, "outputs", []) or []) <= 1 else None
    if names is None or outputs is None:
        return
    if len(names) != outputs:
        raise StudioError(f"The bundle '{printable(folder)}' is inconsistent: metadata.json names {len(names)} "
                          f"classes but the model has {outputs} outputs. Restore the folder or train it again.")


def finite_history(meta: dict) -> bool:
    """False when the recorded training loss is NaN or infinite (a diverged model)."""
    history = meta.get("history") or {}
    losses = [v for k in ("loss", "val_loss") for v in (history.get(k) or [])] if isinstance(history, dict) else []
    return all(isinstance(v, (int, float)) and math.isfinite(v) for v in losses)
