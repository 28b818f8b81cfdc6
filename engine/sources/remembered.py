"""The preprocessing the user chose for each model file, remembered across runs.

A small JSON file in the app's data folder, keyed by the file's absolute path, size and
modification time: a file replaced by another model under the same name is asked about
again.  Written atomically; an unreadable store is treated as empty (it only saves a
question), and it never grows past :data:`MAX_ENTRIES` (the oldest are dropped).
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import Optional

from .. import fileio, paths

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
    try:
        data = json.loads(store_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def preprocessing(path: str | os.PathLike) -> Optional[str]:
    """The choice remembered for this file as it is now, or None."""
    key = file_key(path)
    entry = _read().get(key) if key else None
    choice = entry.get("preprocess") if isinstance(entry, dict) else None
    return choice if isinstance(choice, str) else None


def remember(path: str | os.PathLike, choice: str) -> None:
    key = file_key(path)
    if key is None:
        return
    with _lock:
        data = _read()
        data[key] = {"preprocess": choice, "when": time.time()}
        if len(data) > MAX_ENTRIES:
            def when(k):
                v = data[k].get("when", 0) if isinstance(data[k], dict) else 0
                return v if isinstance(v, (int, float)) else 0
            for old in sorted(data, key=when)[: len(data) - MAX_ENTRIES]:
                del data[old]
        store_path().parent.mkdir(parents=True, exist_ok=True)
        fileio.write_json(store_path(), data)
