"""Folders the app writes whole (a trained-model bundle, an export): recognise them,
put a new one in place atomically, and never touch a folder that is not ours.

A new folder is built under a temp name beside its destination and renamed into place.
The destination may be absent or empty; one recognised as ours (``is_ours``) is replaced
only when asked: it is first moved aside under a temp name, so a process killed between
the two renames leaves it for :func:`recover` (run at the next start by
``engine.housekeeping``), which puts it back.  Anything else is refused.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Callable

from .. import fileio
from ..errors import StudioError
from ..pathnames import printable

IsOurs = Callable[[Path], bool]
_REPLACED = "~replaced"
_REPLACED_RE = re.compile(r"^\.(?P<name>.+)" + re.escape(_REPLACED) + r"\.\d+\.[A-Za-z0-9_]+\.tmpdir$")


def state(folder: Path, is_ours: IsOurs) -> str:
    """'absent', 'empty', 'ours' or 'other' (anything we must not touch)."""
    if not os.path.lexists(folder):
        return "absent"
    if folder.is_symlink() or not folder.is_dir():
        return "other"
    try:
        if not any(folder.iterdir()):
            return "empty"
    except OSError:
        return "other"
    return "ours" if is_ours(folder) else "other"


def refusal(folder: Path, st: str, overwrite: bool, what: str = "a trained model") -> str | None:
    """Why ``what`` may not be written to ``folder`` (None: it may)."""
    where = printable(folder)
    if st == "other":
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir()):
            return f"'{where}' is a file or a link, not a folder; choose a new folder name for {what}."
        return (f"'{where}' already exists and holds files this app did not create; it never writes into or "
                f"replaces such a folder. Choose a new folder name for {what}.")
    if st == "ours" and not overwrite:
        return (f"'{where}' holds {what} from an earlier run. Replace it with --overwrite, or choose another "
                "folder name.")
    return None


def put_in_place(tmp: Path, folder: Path, overwrite: bool, is_ours: IsOurs, what: str = "a trained model") -> None:
    st = state(folder, is_ours)  # again: the folder may have changed while ``tmp`` was written
    why = refusal(folder, st, overwrite, what)
    if why:
        raise StudioError(why)
    try:
        if st == "empty":
            os.rmdir(folder)  # fails, rather than deletes, if something arrived meanwhile
        if st == "ours":
            aside = fileio.temp_dir_beside(folder.with_name(folder.name + _REPLACED))
            os.rmdir(aside)
            os.rename(folder, aside)
            os.rename(tmp, folder)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(tmp, folder)  # never replaces a non-empty folder (POSIX or Windows)
    except OSError as exc:
        raise StudioError(f"Could not put {what} in place at '{printable(folder)}' ({exc.strerror or exc}).") from None


def recover(parent: Path, is_ours: IsOurs) -> list[Path]:
    """Put back folders of ours that a killed process had moved aside to replace them."""
    restored = []
    try:
        entries = list(parent.iterdir())
    except OSError:
        return restored
    for entry in entries:
        m = _REPLACED_RE.match(entry.name)
        if not m or not fileio.is_stale_temp(entry):
            continue
        target = parent / m.group("name")
        if not os.path.lexists(target) and is_ours(entry):
            try:
                os.rename(entry, target)
                restored.append(target)
            except OSError:
                pass
    return restored
