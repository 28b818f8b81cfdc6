"""Move a training image to another class folder, and undo it.

After training, a misclassified image is often a mislabelled one: moving it to the class
folder it belongs in is how the next run learns from the mistake.  The move never
overwrites anything (a clash gets a new name such as ``cat (2).jpg``) and can be undone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import StudioError


@dataclass(frozen=True)
class Move:
    source: str
    target: str

    @property
    def class_name(self) -> str:
        return Path(self.target).parent.name


def free_path(folder: Path, name: str) -> Path:
    """``folder/name``, or ``folder/stem (2).ext``… when that name is taken."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def _move_no_clobber(source: Path, folder: Path, name: str = "") -> Path:
    """Move ``source`` into ``folder`` as ``name`` (default: its own) or the next free variant of
    it; a file appearing meanwhile is never replaced."""
    for _ in range(1000):
        target = free_path(folder, name or source.name)
        try:
            os.link(source, target)  # fails if target exists: no window for an overwrite
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some network or FAT drives)
            if target.exists():
                continue
            os.rename(source, target)
            return target
        os.unlink(source)
        return target
    raise StudioError(f"No free name for '{source.name}' in '{folder}'.")


def move_to_class(path: str | os.PathLike, class_name: str) -> Move:
    """Move an image from its class folder to the sibling folder ``class_name``."""
    source = Path(path)
    if not source.is_file():
        raise StudioError(f"'{source}' is no longer there: it was moved or deleted since training.")
    if class_name == source.parent.name:
        raise StudioError(f"'{source.name}' is already in the folder '{class_name}'.")
    folder = source.parent.parent / class_name
    if not folder.is_dir():
        raise StudioError(f"There is no class folder '{class_name}' beside '{source.parent}'.")
    return Move(str(source), str(_move_no_clobber(source, folder)))


def undo(move: Move) -> Move:
    """Move the image back to where it was (under a new name if that one was taken meanwhile)."""
    target = Path(move.target)
    if not target.is_file():
        raise StudioError(f"'{target}' is no longer there: it cannot be moved back.")
    source = Path(move.source)
    source.parent.mkdir(parents=True, exist_ok=True)
    return Move(str(target), str(_move_no_clobber(target, source.parent, source.name)))
