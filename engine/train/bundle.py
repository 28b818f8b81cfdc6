"""A trained model on disk: ``model.keras`` plus ``metadata.json`` in one folder, written
atomically (a temp folder renamed into place), loaded with Keras ``safe_mode``."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from .. import paths
from ..errors import StudioError

MODEL_FILE = "model.keras"
META_FILE = "metadata.json"


def save(model, metadata: dict, folder: str | os.PathLike) -> Path:
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        model.save(tmp / MODEL_FILE)
        (tmp / META_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True, default=str) + "\n",
                                     encoding="utf-8")
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
            os.replace(tmp, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def load(folder: str | os.PathLike):
    """(keras model, metadata) — never unpickles: Keras safe_mode refuses lambdas."""
    import keras

    from . import layers  # noqa: F401  registers FamilyPreprocess

    folder = Path(folder)
    if not (folder / MODEL_FILE).is_file():
        raise StudioError(f"'{folder}' is not a trained-model folder (no {MODEL_FILE}).")
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8")) if (folder / META_FILE).is_file() else {}
    model = keras.saving.load_model(folder / MODEL_FILE, safe_mode=True)
    return model, meta


def load_as_loaded_model(folder: str | os.PathLike):
    """A bundle as a LoadedModel: usable by Predict, Explain and Inside like a zoo model."""
    from ..models import from_keras

    model, meta = load(folder)
    return from_keras(model, lambda x: x, name=meta.get("name", Path(folder).name),
                      class_names=meta.get("class_names"))


def user_models() -> list[tuple[str, str]]:
    """(name, folder) of the bundles in the user's models folder, for the model picker."""
    root = paths.user_models_dir()
    if not root.is_dir():
        return []
    return sorted((d.name, str(d)) for d in root.iterdir() if (d / MODEL_FILE).is_file() and not d.name.startswith("."))
