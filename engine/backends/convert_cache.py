"""Converted models on disk, so a second start converts nothing.

One folder per cache key (see :func:`.convert.cache_key`) under the user data folder:
``model.xml`` and ``model.bin`` (OpenVINO IR, weights kept in f32) and ``meta.json`` with
their sha256 and the agreement check of each precision.  Written into a temp folder and
renamed into place; a file whose hash no longer matches is discarded and the model
converted again.  The least recently used entries go past :data:`LIMIT_BYTES`.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Optional

from .. import fileio, paths
from ..fileio import sha256_of
from .base import CheckResult

FILES = ("model.xml", "model.bin")
META = "meta.json"
LIMIT_BYTES = 2 * 1024 ** 3


def cache_root() -> Path:
    return paths.user_data_dir() / "openvino_cache"


def size_bytes() -> int:
    root = cache_root()
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) if root.exists() else 0


def clear() -> None:
    """Remove every converted model (the app's own folder only)."""
    shutil.rmtree(cache_root(), ignore_errors=True)


def _read_meta(entry: Path) -> Optional[dict]:
    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def load(key: str):
    """``(openvino.Model, meta)`` for ``key``, or None when absent or damaged (then removed)."""
    entry = cache_root() / key
    meta = _read_meta(entry)
    if meta is None:
        return None
    try:
        intact = all(sha256_of(entry / name) == meta.get("sha256", {}).get(name) for name in FILES)
    except OSError:
        intact = False
    if not intact:
        shutil.rmtree(entry, ignore_errors=True)
        return None
    from .openvino_backend import core

    os.utime(entry / META)  # most recently used
    return core().read_model(str(entry / "model.xml")), meta


def store(key: str, model, description: str) -> dict:
    """Write ``model`` under ``key`` atomically; another process's entry, if first, is kept."""
    import openvino as ov

    root = cache_root()
    fileio.remove_stale_temps(root)
    entry = root / key
    tmp = fileio.temp_dir_beside(entry)
    try:
        ov.save_model(model, str(tmp / "model.xml"), compress_to_fp16=False)  # fp16 would lose accuracy
        meta = {"model": description, "created": datetime.datetime.now().isoformat(timespec="seconds"),
                "sha256": {name: sha256_of(tmp / name) for name in FILES}, "checks": {}}
        fileio.write_json(tmp / META, meta)
        try:
            os.replace(tmp, entry)
        except OSError:  # written meanwhile by another process: theirs is as good
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune(keep=key)
    return _read_meta(entry) or meta


def record_check(key: str, result: CheckResult) -> None:
    entry = cache_root() / key
    meta = _read_meta(entry)
    if meta is None:
        return
    meta.setdefault("checks", {})[result.precision] = asdict(result)
    fileio.write_json(entry / META, meta)


def recorded_check(meta: dict, precision: str) -> Optional[CheckResult]:
    raw = (meta.get("checks") or {}).get(precision)
    try:
        return CheckResult(**raw) if isinstance(raw, dict) else None
    except TypeError:
        return None


def prune(keep: str = "", limit: int = LIMIT_BYTES) -> None:
    """Drop the least recently used entries until the cache fits ``limit`` (``keep`` stays)."""
    root = cache_root()
    if not root.is_dir():
        return
    entries = []
    for entry in root.iterdir():
        if entry.is_dir() and (entry / META).is_file():
            size = sum(f.stat().st_size for f in entry.iterdir() if f.is_file())
            entries.append(((entry / META).stat().st_mtime, size, entry))
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries):
        if total <= limit:
            break
        if entry.name != keep:
            shutil.rmtree(entry, ignore_errors=True)
            total -= size
