"""Atomic file writes: a temp file in the target folder, then ``os.replace``.

A crash or a cancel never leaves a half-written preferences file, CSV or model behind.
Temp names carry the writer's process id (``.NAME.PID.RANDOM.part``), so a later start can
tell the leftovers of a killed process from the files a live one is still writing, and
remove only the former (:func:`remove_stale_temps`).  They add about 25 bytes to the name; a
target named near the file system's limit gets NAME shortened in the middle, so any name
that can be written can be written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
from pathlib import Path
from typing import Iterator, Optional

from .jobs import CancelToken, check

_TEMP_RE = re.compile(r"^\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+\.(part|tmpdir)(\.[A-Za-z0-9]+)?$")


NAME_MAX = 255  # bytes in a file name on every common file system


def _fits(text: str, room: int) -> bool:
    return len(os.fsencode(text)) <= room


def clipped(name: str, room: int) -> str:
    """``name`` shortened in the middle (its end kept: an extension, a marker) to ``room`` bytes."""
    if _fits(name, room):
        return name
    tail = name[-16:]
    head = name[:-16]
    while head and not _fits(head + "~" + tail, room):
        head = head[:-1]
    return head + "~" + tail if head else tail[-max(room, 1):]


def _temp_name(target: Path, suffix: str) -> str:
    """``.NAME.PID.RANDOM{suffix}``, NAME clipped so the whole stays within :data:`NAME_MAX`:
    a target named near the limit (250 characters) must still get a temp name beside it."""
    tail = f".{os.getpid()}.{secrets.token_hex(4)}{suffix}"
    return f".{clipped(target.name, NAME_MAX - 1 - len(os.fsencode(tail)))}{tail}"


def _unique_temp(target: Path, suffix: str, make) -> Path:
    """Create a new temp entry beside ``target`` with ``make(path)``; retry on a name clash.

    Not ``tempfile.mkstemp``/``mkdtemp``: those create 0600 files and 0700 folders, so an
    exported model or CSV ended up readable by its owner only.  Here the mode is the normal
    0666/0777 less the user's umask, like any file the user saves.
    """
    for _ in range(100):
        path = target.parent / _temp_name(target, suffix)
        try:
            make(path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temp name beside {target}")


def _new_file(path: Path) -> None:
    os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))


def _temp_then_replace(target: os.PathLike | str, suffix: str = "") -> Iterator[Path]:
    """Yield a temp path beside ``target``; it replaces ``target`` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temp name ends with ``suffix`` (after ".part"): some writers insist on an extension.
    tmp_path = _unique_temp(target, ".part" + suffix, _new_file)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


# Decorated by a call, not an ``@``: mutation testing (tests/mutation.py) skips decorated
# functions, and this one guards every file the app writes.
atomic_path = contextlib.contextmanager(_temp_then_replace)


def temp_dir_beside(target: os.PathLike | str) -> Path:
    """A new hidden folder beside ``target`` for building a folder that is renamed into place.

    The caller renames it onto its final name or removes it; a killed process leaves it for
    :func:`remove_stale_temps`.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    return _unique_temp(target, ".tmpdir", lambda p: os.mkdir(p, 0o777))


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:  # Windows: signal 0 unsupported for some processes; keep the file
        return True
    return True


def is_temp_name(name: str) -> bool:
    """True for a name this module gives its temp files and folders."""
    return bool(_TEMP_RE.match(name))


def is_stale_temp(path: Path) -> bool:
    """True for a temp file or folder of ours whose writing process no longer runs."""
    m = _TEMP_RE.match(path.name)
    return bool(m) and not _pid_alive(int(m.group("pid")))


def remove_stale_temps(folder: os.PathLike | str) -> list[Path]:
    """Remove the temp files and folders of killed writers in ``folder`` (not recursive).

    Only names this module makes are touched, and only when their process is gone: a file
    another running instance is writing, or any file of the user's, is left alone.
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for p in entries:
        if not is_stale_temp(p):
            continue
        try:
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed.append(p)
        except OSError:
            pass
    return removed


def write_bytes(target: os.PathLike | str, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: os.PathLike | str, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_json(target: os.PathLike | str, data) -> None:
    write_text(target, json.dumps(data, indent=2, sort_keys=True) + "\n")


def sha256_of(path: os.PathLike | str) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB chunks (weight files exceed 1 GiB)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def copy_hashed(src: os.PathLike | str, dst: os.PathLike | str,
                cancel: Optional[CancelToken] = None) -> tuple[str, int]:
    """Copy ``src`` to ``dst`` and return (SHA-256, size) of the bytes copied, in one read."""
    h, n = hashlib.sha256(), 0
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        for chunk in iter(lambda: fin.read(1 << 20), b""):
            check(cancel)
            h.update(chunk)
            fout.write(chunk)
            n += len(chunk)
    return h.hexdigest(), n
