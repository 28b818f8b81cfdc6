"""Where a command writes its output, checked before any work: never an input, never a
file of someone else's, never a folder, a device or a name the file system refuses.

``predict a.png b.jpg --csv b.jpg`` must not replace the photo with a table, and ``explain
--out thesis.txt`` must not replace a thesis with a heatmap.  :func:`check_file` refuses, with
a sentence that names the option:

* one of the inputs (the same file by path or by identity: a link, a hard link) or another
  output of the same command — always;
* an existing file that is not the kind being written, or not written by this app (a CSV
  with another header, a PNG without the app's mark) — unless ``--overwrite``;
* a folder, ``/``, a FIFO or a device, a name longer than the file system allows, a folder
  that does not exist or cannot be written — always.

It runs first thing in a command, so a refused target costs no model load and no hour of
work.  Writes themselves stay atomic (:mod:`engine.fileio`).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from . import safefiles
from .errors import StudioError
from .pathnames import printable

APP_MARK = "Pretrained Studio"  # PNG text chunk 'Software' of the images the app writes
NAME_MAX, PATH_MAX = 255, 4096


@dataclass(frozen=True)
class Kind:
    """What a command writes: for messages, and how to tell an earlier one of the app's."""

    what: str  # "a CSV table of predictions"
    ours: Callable[[Path], bool]


def _head(path: Path, n: int = 8192) -> bytes:
    try:
        return safefiles.read_head(path, n)
    except (OSError, ValueError):
        return b""


def csv_with_header(header: Iterable[str]) -> Callable[[Path], bool]:
    """A CSV whose first line is ``header``: a table of the app's."""
    first = ",".join(header).encode()
    return lambda p: _head(p, len(first) + 2).splitlines()[:1] == [first]


def _png_of_ours(path: Path) -> bool:
    head = _head(path)
    return head.startswith(b"\x89PNG\r\n\x1a\n") and b"tEXtSoftware\x00" + APP_MARK.encode() in head


def _npy(path: Path) -> bool:
    return _head(path, 6) == b"\x93NUMPY"


def _parquet(path: Path) -> bool:
    return _head(path, 4) == b"PAR1"


def _json_with(keys: set) -> Callable[[Path], bool]:
    def ours(path: Path) -> bool:
        try:
            data = safefiles.load_json(path)
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and keys <= set(data)
    return ours


PNG = Kind("a PNG image written by this app", _png_of_ours)
NPY = Kind("a NumPy .npy array", _npy)
PARQUET = Kind("a Parquet table", _parquet)
EXPLAIN_JSON = Kind("an explain summary written by this app", _json_with({"image", "method", "overlay"}))


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _byte_len(text: str) -> int:
    return len(os.fsencode(text))


def _limits(folder: Path) -> tuple[int, int]:
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):
        return NAME_MAX, PATH_MAX


def check_name(target: str | os.PathLike, option: str, *, make_parents: bool = False) -> Path:
    """The absolute path of an output (file or folder), refused when it is the root or longer
    than the file system allows.  Its folder must exist — or, with ``make_parents`` (an output
    folder the app creates with its parents), the nearest one that exists must be a folder."""
    text = os.fspath(target)
    shown = printable(text)
    if not text.strip():
        raise StudioError(f"{option}: give a name to write to.")
    path = Path(os.path.abspath(os.path.expanduser(text)))
    if path == path.parent:
        raise StudioError(f"{option} '{shown}' is the root folder; give a new name inside a folder of yours.")
    parent = path.parent
    while make_parents and not os.path.lexists(parent) and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        why = "does not exist" if not os.path.lexists(parent) else "is not a folder"
        raise StudioError(f"{option} '{shown}': its folder '{printable(parent)}' {why}; nothing was done.")
    name_max, path_max = _limits(parent)
    if any(_byte_len(part) > name_max for part in path.parts):
        raise StudioError(f"{option}: a name in '{shown}' is longer than this file system allows ({name_max} "
                          "bytes); choose a shorter one.")
    if _byte_len(path.name) > name_max or _byte_len(str(path)) >= path_max:
        what = "name" if _byte_len(path.name) > name_max else "path"
        raise StudioError(f"{option}: the {what} '{shown}' is longer than this file system allows "
                          f"({name_max} bytes a name, {path_max} a path); choose a shorter one.")
    return path


def check_file(target: str | os.PathLike, *, kind: Kind, option: str, inputs: Iterable = (),
               others: Iterable = (), overwrite: bool = False) -> Path:
    """The absolute path a file output may be written to (see the module docstring).

    ``inputs``: paths the command reads; ``others``: its other outputs."""
    text = os.fspath(target)
    shown = printable(text)
    if text.endswith(("/", os.sep)) or os.path.isdir(text):
        raise StudioError(f"{option} '{shown}' is a folder; give a file name.")
    path = check_name(target, option)
    for other in others:
        if other and (_same(path, Path(other)) or os.path.abspath(other) == str(path)):
            raise StudioError(f"{option} '{shown}' is also given for another output; give each its own file.")
    exists = os.path.lexists(path)
    if exists:
        for given in inputs:
            if given and _same(path, Path(given)):
                raise StudioError(f"{option} '{shown}' is one of the inputs; it would be replaced by the output. "
                                  "Nothing was done: give another file name.")
        st = os.lstat(path)
        if not stat.S_ISLNK(st.st_mode) and not stat.S_ISREG(st.st_mode):
            raise StudioError(f"{option} '{shown}' is not a regular file (a device, pipe or socket); give a file "
                              "name.")
        if stat.S_ISLNK(st.st_mode) and not overwrite:
            raise StudioError(f"{option} '{shown}' is a link; nothing was done. Give another file name, or "
                              "--overwrite to replace the link itself with the output.")
        if not overwrite and not kind.ours(path):
            raise StudioError(f"{option} '{shown}' already exists and is not {kind.what}; nothing was done. Give "
                              "another file name, or --overwrite to replace it.")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StudioError(f"{option} '{shown}': the folder '{printable(path.parent)}' cannot be written to.")
    return path


def check_folder(target: str | os.PathLike, option: str, inputs: Iterable = ()) -> Path:
    """A folder output's name checked (root, length, its parent) and never one of ``inputs``
    (nor inside one, nor holding one: the app would write among them)."""
    path = check_name(target, option)
    real = Path(os.path.realpath(path))
    for given in inputs:
        if not given:
            continue
        other = Path(os.path.realpath(given))
        if real == other or other in real.parents or real in other.parents:
            raise StudioError(f"{option} '{printable(target)}' is, holds or lies inside '{printable(given)}', which "
                              "the command reads; give a folder of its own.")
    return path


def optional(value: Optional[str]) -> list:
    return [value] if value else []
