"""The preprocessing the user chose for each model file, remembered across runs.

A small JSON file in the app's data folder, keyed by the file's absolute path, size and
modification time: a file replaced by another model under the same name is asked about
again.  Written atomically; an unreadable store is treated as empty (it only saves a
question), and it never grows past :data:`MAX_ENTRIES` (the oldest are dropped).
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Optional

from .. import fileio, paths, safefiles

STORE_NAME = "model_files.json"
MAX_ENTRIES = 500
_lock = threading.Lock()


def store_path() -> Path:
    return paths.user_data_dir() / STORE_NAME


def file_key(path: str | os.PathLike) -> Optional[str]:
    """Path + size + mtime of the file as it is now (None if it cannot be read)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}"


def _read() -> dict:
    data = safefiles.read_state(store_path(), what="the list of model files opened", check=safefiles.expect_object)
    return data or {}


def _path_of(key: str) -> str:
    return key.rsplit("|", 2)[0]  # the path may hold "|" itself: size and mtime are the last two


def _choice(entry) -> Optional[str]:
    choice = entry.get("preprocess") if isinstance(entry, dict) else None
    return choice if isinstance(choice, str) else None


def preprocessing(path: str | os.PathLike) -> Optional[str]:
    """The choice remembered for this file as it is now, or None."""
    key = file_key(path)
    return _choice(_read().get(key)) if key else None


def _when(entry) -> float:
    v = entry.get("when", 0) if isinstance(entry, dict) else 0
    return v if isinstance(v, (int, float)) else 0


def _write(data: dict) -> None:
    store_path().parent.mkdir(parents=True, exist_ok=True)
    fileio.write_json(store_path(), data)


def remember(path: str | os.PathLike, choice: str) -> None:
    key = file_key(path)
    if key is None:
        return
    with _lock:
        data = _read()
        opened = data.get(key, {}).get("opened") if isinstance(data.get(key), dict) else None
        data[key] = {"preprocess": choice, "when": time.time()}
        if opened is not None:
            data[key]["opened"] = opened
        if len(data) > MAX_ENTRIES:
            for old in sorted(data, key=lambda k: _when(data[k]))[: len(data) - MAX_ENTRIES]:
                del data[old]
        _write(data)


def mark_opened(path: str | os.PathLike, ok: bool) -> None:
    """Record whether the file (as it is now) opened: one that failed is not listed at the next
    start (:func:`recent`).  Only files with a remembered choice are recorded."""
    key = file_key(path)
    if key is None:
        return
    with _lock:
        data = _read()
        entry = data.get(key)
        if not isinstance(entry, dict) or entry.get("opened") == ok:
            return
        entry["opened"] = ok
        _write(data)


def recent(limit: int = 12) -> list[tuple[str, str]]:
    """(path, choice) of the model files opened most recently that are still there, unchanged
    since, newest first: the window lists them again at start.  A file replaced or gone is
    left out (replaced: its choice is asked again when it is opened), and so is one that
    failed to open the last time it was tried."""
    from .preprocessing import choices

    valid = set(choices())
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, entry in sorted(_read().items(), key=lambda kv: _when(kv[1]), reverse=True):
        path, choice = _path_of(key), _choice(entry)
        if path in seen or choice not in valid or entry.get("opened") is False or file_key(path) != key:
            continue
        seen.add(path)
        out.append((path, choice))
        if len(out) >= limit:
            break
    return out


def forget(path: str | os.PathLike) -> int:
    """Drop every remembered entry of this path (the user removed it from the list); how many.
    The file itself is not touched."""
    target = os.path.abspath(path)
    with _lock:
        data = _read()
        gone = [k for k in data if _path_of(k) == target]
        for key in gone:
            del data[key]
        if gone:
            _write(data)
    return len(gone)
