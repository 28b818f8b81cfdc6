"""Tidying up after processes that were killed while writing.

Writes are atomic (:mod:`engine.fileio`): a killed writer leaves a temp file or folder
whose name carries its process id, never a half-written result.  :func:`tidy` — called
once by the GUI at start and once by every command-line command — puts back any trained
model that was moved aside to be replaced, then removes the temp files of dead processes
in the app's own folders.  Folders of other parts (the weight folders) are added by
:data:`EXTRA_FOLDERS` providers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from . import fileio, paths

#: Callables returning more folders to tidy (e.g. the weight caches); each is asked at tidy time.
EXTRA_FOLDERS: list[Callable[[], Iterable[Path]]] = []


def _app_folders() -> list[Path]:
    from .train import features

    cache = features.cache_root()
    return [paths.user_data_dir(), paths.user_models_dir(), cache, *features.config_folders()]


def tidy_folder(folder: Path) -> list[Path]:
    """Restore moved-aside bundles and exports, then remove dead writers' temps in ``folder``."""
    from .train import bundle, export, owned

    folder = Path(folder)
    bundle.recover(folder)
    owned.recover(folder, export.is_export)
    return fileio.remove_stale_temps(folder)


def tidy() -> list[Path]:
    """Tidy every folder the app writes to; returns what was removed.  Never raises."""
    removed: list[Path] = []
    folders = _app_folders()
    for provider in EXTRA_FOLDERS:
        try:
            folders += list(provider())
        except Exception:  # noqa: BLE001 - housekeeping must never stop the app
            pass
    for folder in folders:
        try:
            removed += tidy_folder(folder)
        except Exception:  # noqa: BLE001
            pass
    return removed
