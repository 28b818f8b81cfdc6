"""Read a small file the app did not just write — its own state files, a model's JSON — safely.

A state file in the app's folders can be anything by the time it is read: a FIFO (an
``open`` would wait for a writer forever), a link to ``/dev/zero`` (``stat`` says 0 bytes, a
read never ends), a socket, a folder, a file of gigabytes.  :func:`read_bytes` opens without
blocking, refuses anything but a regular file (links resolved, then checked), and reads at
most ``cap`` bytes.  :func:`loads_json` parses with a size and a nesting limit (``'[' * 100000``
would crash the parser's recursion, and 900 levels crash whatever walks the result).  Both
raise :class:`UnsafeFile` with a sentence a user can act on.  :func:`read_state` is what the
app's own state files go through: a file that cannot be used is set aside beside itself
(``NAME.unreadable-TIME``), said once (stderr; :func:`notices` for the window), and the caller
goes on with its defaults.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import stat
import threading
import time
from pathlib import Path
from typing import Callable, Optional

KB, MB = 1 << 10, 1 << 20
STATE_CAP = 16 * MB  # the app's own JSON files are a few KB; a model's config a few MB
MAX_DEPTH = 100  # Keras model configs nest about 10 levels deep


class UnsafeFile(ValueError):
    """The file is not a regular file, is too large, or is not JSON the app can use."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: os.PathLike | str, cap: int = STATE_CAP) -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes; never blocks on a FIFO or device.

    Raises :class:`FileNotFoundError` when there is no file (callers treat that as "none yet")
    and :class:`UnsafeFile` for anything else that is not a regular file of a sane size."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno in (errno.EISDIR,):
            raise UnsafeFile(f"'{path.name}' is a folder, not a file") from exc
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing elsewhere
            raise UnsafeFile(f"'{path.name}' is a socket or pipe, not a file") from exc
        raise
    try:
        st = os.fstat(fd)  # of what was opened: a link swapped after a check cannot fool it
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(f"'{path.name}' is {_kind(st.st_mode)}, not a file")
        if st.st_size > cap:
            raise UnsafeFile(f"'{path.name}' is {st.st_size:,} bytes, more than the {cap:,} allowed")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 * MB, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > cap:  # grew while being read (or lied about its size)
                raise UnsafeFile(f"'{path.name}' is more than the {cap:,} bytes allowed")
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: os.PathLike | str, cap: int = STATE_CAP) -> str:
    try:
        return read_bytes(path, cap).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeFile(f"'{Path(path).name}' is not UTF-8 text") from exc


# A JSON string (escapes included; an unterminated one runs to the end) or a bracket: one
# linear pass, strings skipped whole.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\Z)|[\[\]{}]', re.DOTALL)


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """How deep ``[``/``{`` nest outside strings, stopping once past ``limit`` (linear)."""
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        ch = m.group()[0]
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif ch in "]}":
            depth -= 1
    return deepest


def loads_json(data: bytes | str, *, what: str = "the file", cap: int = STATE_CAP, max_depth: int = MAX_DEPTH):
    """``json.loads`` with a size and a nesting limit; :class:`UnsafeFile` with a message."""
    if isinstance(data, bytes):
        if len(data) > cap:
            raise UnsafeFile(f"{what} is {len(data):,} bytes, more than the {cap:,} allowed")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsafeFile(f"{what} is not UTF-8 text") from exc
    elif len(data) > cap:
        raise UnsafeFile(f"{what} is {len(data):,} characters, more than the {cap:,} allowed")
    if nesting_depth(data, max_depth) > max_depth:
        raise UnsafeFile(f"{what} nests deeper than {max_depth} levels; it is not a file this app writes or reads")
    try:
        return json.loads(data)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise UnsafeFile(f"{what} nests too deeply") from exc
    except ValueError as exc:
        raise UnsafeFile(f"{what} is not valid JSON ({exc})") from exc


def load_json(path: os.PathLike | str, *, cap: int = STATE_CAP, max_depth: int = MAX_DEPTH):
    """A JSON file read with :func:`read_bytes` and parsed with :func:`loads_json`."""
    return loads_json(read_bytes(path, cap), what=f"'{Path(path).name}'", cap=cap, max_depth=max_depth)


# --- the app's own state files: read, or set aside and go on with defaults -----------------------

log = logging.getLogger("engine.state")
_NOTICES: list[str] = []
_notice_lock = threading.Lock()


def read_head(path: os.PathLike | str, size: int = 512) -> bytes:
    """The first ``size`` bytes of a regular file (never blocks); :class:`UnsafeFile` otherwise."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise UnsafeFile(f"'{path.name}' is a folder, not a file") from exc
        if exc.errno == errno.ENXIO:
            raise UnsafeFile(f"'{path.name}' is a socket or pipe, not a file") from exc
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeFile(f"'{path.name}' is {_kind(st.st_mode)}, not a file")
        return os.read(fd, size)
    finally:
        os.close(fd)


def set_aside(path: os.PathLike | str) -> Optional[Path]:
    """Rename a state file the app cannot use to ``NAME.unreadable-YYYYmmdd-HHMMSS`` beside it.

    Only for files in the app's own folders (the caller knows which): the entry itself is
    renamed (a link, not what it points to), so nothing is deleted and the next write starts
    afresh.  None when it could not be renamed (a read-only folder): the caller goes on with
    defaults all the same."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        aside = path.with_name(f"{path.name}.unreadable-{stamp}" + (f"-{n}" if n else ""))
        if os.path.lexists(aside):
            continue
        try:
            os.rename(path, aside)
        except OSError:
            return None
        return aside
    return None


def notice(message: str) -> None:
    """Say ``message`` once (stderr for the command line; :func:`notices` for the window)."""
    with _notice_lock:
        _NOTICES.append(message)
        del _NOTICES[:-50]
    log.warning("warning: %s", message)


def notices(clear: bool = True) -> list[str]:
    """What :func:`read_state` reported in this process (for the window to show once)."""
    with _notice_lock:
        out = list(_NOTICES)
        if clear:
            _NOTICES.clear()
        return out


def read_state_report(path: os.PathLike | str, *, what: str = "", cap: int = STATE_CAP, max_depth: int = MAX_DEPTH,
                      check: Optional[Callable[[object], str]] = None, aside: bool = True):
    """``(data, problem)`` for one of the app's own JSON state files.

    ``(None, "")`` when there is none.  When it is not a regular file, too large, not JSON,
    or ``check(data)`` names what is wrong with it, ``data`` is None and ``problem`` says so in
    a sentence; with ``aside`` the file is also set aside (:func:`set_aside`), so it costs one
    message, not one per start."""
    path = Path(path)
    what = what or f"'{path.name}'"
    try:
        data = loads_json(read_bytes(path, cap), what=what, cap=cap, max_depth=max_depth)
        why = check(data) if check is not None else ""
        if not why:
            return data, ""
        reason = f"{what} {why}"
    except FileNotFoundError:
        return None, ""
    except UnsafeFile as exc:
        reason = str(exc).replace(f"'{path.name}'", what, 1) if str(exc).startswith(f"'{path.name}'") else str(exc)
    except OSError as exc:
        reason = f"{what} cannot be read ({exc.strerror or exc})"
    moved = set_aside(path) if aside else None
    tail = f"; it was set aside as '{moved.name}'" if moved is not None else ""
    return None, f"{reason} ({path}){tail}; defaults are used"


def read_state(path: os.PathLike | str, *, what: str = "", cap: int = STATE_CAP, max_depth: int = MAX_DEPTH,
               check: Optional[Callable[[object], str]] = None, aside: bool = True):
    """:func:`read_state_report`'s data; a problem is reported (stderr, and :func:`notices`)."""
    data, problem = read_state_report(path, what=what, cap=cap, max_depth=max_depth, check=check, aside=aside)
    if problem:
        notice(problem)
    return data


def plain_name(name) -> bool:
    """True for a file name a state file may hold: one name, no folder part (a hand-edited
    ``"../../x"`` must never send a later removal outside the app's folder)."""
    return (isinstance(name, str) and name not in ("", ".", "..") and not any(c in name for c in "/\\\0")
            and len(name.encode("utf-8", "surrogateescape")) <= 255)


def expect_object(data) -> str:
    """A ``check`` for :func:`read_state`: the file must hold a JSON object."""
    return "" if isinstance(data, dict) else f"holds {type(data).__name__}, not an object"
