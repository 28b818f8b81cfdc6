"""Converted models on disk, so a second start converts nothing.

One folder per cache key (see :func:`.convert.cache_key`) under the user data folder:
``model.xml`` and ``model.bin`` (OpenVINO IR, weights kept in f32) and ``meta.json`` with
their sha256, the key and the digest of the Keras weights it was converted from, and the
agreement check of each precision.  Written into a temp folder and renamed into place; a
file whose hash no longer matches is discarded and the model converted again.  An entry is
bound to its key: a folder copied from another model's conversion (its own meta.json
consistent) names another key or weights digest and is not used — and whatever the meta
says, :mod:`.attach` runs a one-image agreement check against Keras on every load.  A junk
meta.json is repaired (rewritten once the model files pass the full check), not a reason
to convert on every run.  The least recently used entries go past :data:`LIMIT_BYTES`.
"""

from __future__ import annotations

import datetime
import os
import shutil
import stat
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

from .. import fileio, paths, safefiles
from ..fileio import sha256_of
from .base import CheckResult

FILES = ("model.xml", "model.bin")
META = "meta.json"
LIMIT_BYTES = 2 * 1024 ** 3
META_CAP = 1 << 20  # a meta.json is under a kilobyte


def cache_root() -> Path:
    return paths.user_data_dir() / "openvino_cache"


def size_bytes() -> int:
    root = cache_root()
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) if root.exists() else 0


def clear() -> None:
    """Remove every converted model (the app's own folder only)."""
    shutil.rmtree(cache_root(), ignore_errors=True)


def _regular(path: Path) -> bool:
    """A plain file (not a link, FIFO or device: hashing ``/dev/zero`` would never end)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_meta(entry: Path, key: str = "", digest: str = "") -> Optional[dict]:
    """The entry's meta.json when it is an object bound to ``key`` (and ``digest``), else None.

    Never blocks (a FIFO), never reads without bound (a link to ``/dev/zero``)."""
    meta, _problem = safefiles.read_state_report(entry / META, what=f"the converted model's {META}", cap=META_CAP,
                                                 check=safefiles.expect_object, aside=False)
    if not isinstance(meta, dict) or not isinstance(meta.get("sha256"), dict):
        return None
    if key and meta.get("key") != key:
        return None  # copied from another model's entry: its own meta is consistent, but not ours
    if digest and meta.get("weights_sha256") != digest:
        return None
    return meta


@dataclass
class Found:
    """A cache entry read for ``key``: the model, its meta, and whether that meta could be used."""

    model: object
    meta: dict
    repair: bool = False  # meta.json was junk: the entry must pass the full check, then meta is rewritten


def load(key: str, digest: str = ""):
    """The entry of ``key`` as :class:`Found`, or None when absent or unusable (then removed).

    A junk ``meta.json`` (unreadable, not bound to this key and weights, a FIFO, a folder)
    does not cost a conversion: the model files come back with ``repair`` set, for the
    caller's full agreement check to vouch for them before the meta is written again."""
    entry = cache_root() / key
    if not entry.is_dir() or entry.is_symlink():
        return None
    files_there = all(_regular(entry / name) for name in FILES)
    meta = _read_meta(entry, key, digest)
    if meta is not None:
        intact = files_there and all(sha256_of(entry / name) == meta["sha256"].get(name) for name in FILES)
        if not intact:
            shutil.rmtree(entry, ignore_errors=True)
            return None
    elif not files_there:
        shutil.rmtree(entry, ignore_errors=True)
        return None
    from .openvino_backend import core

    try:
        model = core().read_model(str(entry / "model.xml"))
    except Exception:  # noqa: BLE001 - any damage: convert again
        shutil.rmtree(entry, ignore_errors=True)
        return None
    if meta is None:
        return Found(model, {}, repair=True)
    try:
        os.utime(entry / META)  # most recently used
    except OSError:
        pass
    return Found(model, meta)


def _meta(key: str, digest: str, description: str, folder: Path) -> dict:
    return {"key": key, "weights_sha256": digest, "model": description,
            "created": datetime.datetime.now().isoformat(timespec="seconds"),
            "sha256": {name: sha256_of(folder / name) for name in FILES}, "checks": {}}


def store(key: str, model, description: str, digest: str = "") -> dict:
    """Write ``model`` under ``key`` atomically; another process's entry, if first, is kept."""
    import openvino as ov

    root = cache_root()
    fileio.remove_stale_temps(root)
    entry = root / key
    tmp = fileio.temp_dir_beside(entry)
    try:
        ov.save_model(model, str(tmp / "model.xml"), compress_to_fp16=False)  # fp16 would lose accuracy
        meta = _meta(key, digest, description, tmp)
        fileio.write_json(tmp / META, meta)
        if os.path.lexists(entry) and _read_meta(entry, key, digest) is None:
            _discard(entry)  # an unusable entry in the way (junk meta, not a folder): ours to replace
        try:
            os.replace(tmp, entry)
        except OSError:  # written meanwhile by another process: theirs is as good
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune(keep=key)
    return _read_meta(entry, key, digest) or meta


def repair(key: str, digest: str, description: str) -> dict:
    """Write a fresh meta.json for an entry whose model files just passed the full check."""
    entry = cache_root() / key
    meta = _meta(key, digest, description, entry)
    if (entry / META).is_dir() and not (entry / META).is_symlink():
        shutil.rmtree(entry / META, ignore_errors=True)
    fileio.write_json(entry / META, meta)  # replaces a FIFO, a link or junk, never follows it
    return meta


def discard(key: str) -> None:
    """Remove the entry of ``key`` (it failed its agreement check)."""
    _discard(cache_root() / key)


def _discard(entry: Path) -> None:
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry, ignore_errors=True)
    else:
        try:
            os.unlink(entry)
        except OSError:
            pass


def record_check(key: str, result: CheckResult, digest: str = "") -> None:
    entry = cache_root() / key
    meta = _read_meta(entry, key, digest)
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
