"""The places a weight file is looked for, in order (the search itself is :mod:`.resolve`).

Order: the pack bundled into an installer build (read-only), the user's imported weights
(an explicit choice for that model), the Keras cache (``$KERAS_HOME`` or ``~/.keras``, so
files Keras already downloaded are reused), the offline folders of Preferences (each a pack
or a plain folder of Keras-named files, also its ``models/`` sub-folder), the packs named in
``PRETRAINED_STUDIO_WEIGHT_PACKS``, then no-top files the app derived from a full file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import fileio, paths
from ..pathnames import printable
from . import importing, packs

_cleaned = False


@dataclass(frozen=True)
class Source:
    where: str  # "pack", "imported", "cache", "offline", "derived"
    folder: Path
    pack: Optional[packs.Pack] = None

    @property
    def label(self) -> str:
        return self.pack.label if self.pack is not None else f"{self.where} {printable(self.folder)}"


def derived_dir() -> Path:
    return importing.imported_dir() / "derived"


def _folder_source(kind: str, folder: Path) -> Source:
    return Source("pack", folder, packs.read_pack(folder)) if packs.is_pack(folder) else Source(kind, folder)


def sources(offline_dirs: Iterable[str | os.PathLike] = ()) -> list[Source]:
    found = []
    bundled = paths.bundled_pack_dir()
    if bundled is not None:
        found.append(_folder_source("offline", bundled))
    found.append(Source("imported", importing.imported_dir()))
    found.append(Source("cache", paths.keras_models_cache()))
    for d in offline_dirs:
        d = Path(d).expanduser()
        found.append(_folder_source("offline", d))
        found.append(_folder_source("offline", d / "models"))
    for d in packs.env_pack_dirs():
        found.append(_folder_source("offline", d))
    found.append(Source("derived", derived_dir()))
    return found


def search_dirs(offline_dirs: Iterable[str | os.PathLike] = ()) -> list[tuple[str, Path]]:
    """Folders searched for a weight file, in order, with a label for each."""
    return [(s.where, s.folder) for s in sources(offline_dirs)]


def cleanup_stale_temps(force: bool = False) -> None:
    """Remove what killed downloads, imports and verifications left (once per process)."""
    global _cleaned
    if _cleaned and not force:
        return
    _cleaned = True
    for folder in (paths.keras_models_cache(), importing.imported_dir(), importing.previous_dir(),
                   derived_dir(), paths.user_data_dir()):
        fileio.remove_stale_temps(folder)
