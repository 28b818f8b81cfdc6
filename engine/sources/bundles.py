"""The user's trained models: a folder holding ``model.keras`` plus ``metadata.json``
(written by :mod:`engine.train.bundle`), read here with Keras ``safe_mode``.

A folder is recognised as a bundle of ours when it holds nothing but these two files and
its metadata carries the :data:`MARKER` (bundles from before the marker: the format, base
model and class names).
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import paths
from ..errors import StudioError
from ..pathnames import printable
from . import bundle_checks, keras_archive

MODEL_FILE = "model.keras"
META_FILE = "metadata.json"
MARKER_KEY = "created_by"
MARKER = "Pretrained Studio"
OWN_FILES = {MODEL_FILE, META_FILE}


def is_bundle(folder: str | os.PathLike) -> bool:
    """True for a real folder holding only a bundle this app wrote (see the module docstring)."""
    folder = Path(folder)
    try:
        if folder.is_symlink() or not folder.is_dir():
            return False
        names = {p.name for p in folder.iterdir()}
        if META_FILE not in names or not names <= OWN_FILES:
            return False
        meta = bundle_checks.read_metadata(folder / META_FILE)
    except (OSError, StudioError):
        return False
    if meta.get(MARKER_KEY) == MARKER:
        return True
    return meta.get("format") == 1 and "base_model" in meta and isinstance(meta.get("class_names"), list)


def load(folder: str | os.PathLike):
    """(keras model, metadata) — never unpickles: Keras safe_mode refuses lambdas.

    Every fault of the folder's files is a :class:`StudioError` naming it.
    """
    folder = Path(folder)
    model_path = folder / MODEL_FILE
    if not folder.is_dir():
        raise StudioError(f"'{printable(folder)}' is not a folder; a trained model is a folder holding {MODEL_FILE}.")
    if not model_path.is_file():
        raise StudioError(f"'{printable(folder)}' is not a trained-model folder (no {MODEL_FILE}).")
    meta = bundle_checks.read_metadata(folder / META_FILE) if (folder / META_FILE).is_file() else {}
    try:
        model = keras_archive.load(model_path)  # the checks every model file gets: no file is trusted
    except StudioError as exc:
        raise StudioError(f"{exc} Train the model again or restore it from a backup.") from None
    bundle_checks.check_against_model(meta, model, folder)
    return model, meta


def load_as_loaded_model(folder: str | os.PathLike):
    """A bundle as a LoadedModel: usable by Predict, Explain and Inside like a zoo model."""
    from ..models import from_keras

    model, meta = load(folder)
    names = meta.get("class_names")
    return from_keras(model, lambda x: x, name=printable(meta.get("name") or Path(folder).name),
                      class_names=[printable(n) for n in names] if names is not None else None)


def user_models() -> list[tuple[str, str]]:
    """(name, folder) of the bundles in the user's models folder, for the model picker."""
    root = paths.user_models_dir()
    if not root.is_dir():
        return []
    return sorted((printable(d.name), str(d)) for d in root.iterdir()
                  if (d / MODEL_FILE).is_file() and not d.name.startswith("."))
