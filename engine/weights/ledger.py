"""Which files in shared folders (the Keras cache) this app wrote itself.

The app may replace a bad file only if it created it; a file Keras, another program or the
user put in the cache is left alone.  A file counts as ours while its path and inode are
those recorded when the download was renamed into place.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .. import fileio, paths, safefiles

_lock = threading.Lock()


def ledger_file() -> Path:
    return paths.user_data_dir() / "weights-downloaded.json"


def _read() -> dict:
    data = safefiles.read_state(ledger_file(), what="the record of downloaded weights", check=safefiles.expect_object)
    return {k: v for k, v in (data or {}).items() if isinstance(v, dict) and isinstance(v.get("ino"), int)}


def record_created(path: Path) -> None:
    with _lock:
        data = {k: v for k, v in _read().items() if os.path.exists(k)}
        data[os.path.abspath(path)] = {"ino": Path(path).stat().st_ino}
        try:
            fileio.write_json(ledger_file(), data)
        except OSError:
            pass


def app_created(path: Path) -> bool:
    row = _read().get(os.path.abspath(path))
    try:
        return bool(row) and row.get("ino") == Path(path).stat().st_ino
    except OSError:
        return False
