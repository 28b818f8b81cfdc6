"""The feature cache: the convolutional base runs once over the data; its outputs are kept
on disk keyed by model, weights file hash, input size, resize policy and each image's
content hash.  A second run, a new head or added images cost no base pass for what is
cached.  The cache reports its size and can be cleared.

Nothing read from the cache is trusted: every file is checked (size, ``.npy`` header with
``allow_pickle=False``, shape, dtype, finite values) and recomputed when it fails, so a
truncated, random, empty, wrong-shape or NaN file costs one base pass, never a crash or a
silently broken model.

The cache has a size cap (``Preferences.feature_cache_gb``): a hit refreshes the entry's
modification time, and when the cache grows past the cap the least recently used entries
(oldest modification time, any configuration) are removed until it fits again.
"""

from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .. import fileio, imagefile, jobs, paths, safefiles
from ..errors import ImageLoadError
from ..jobs import CancelToken, ProgressFn

FEATURE_DTYPE = np.float16
_CONFIG_DIR = re.compile(r"^[0-9a-f]{24}$")
_ENTRY = re.compile(r"^[0-9a-f]{64}\.npy$")
_NPY_HEADER_MAX = 4096  # an .npy header is 128 bytes here; anything beyond is not ours
_GB = 1 << 30


def cache_root() -> Path:
    return paths.user_data_dir() / "feature_cache"


def config_folders() -> list[Path]:
    """The cache's per-configuration folders (only names the cache itself makes)."""
    root = cache_root()
    try:
        return sorted(d for d in root.iterdir() if _CONFIG_DIR.match(d.name) and d.is_dir() and not d.is_symlink())
    except OSError:
        return []


@dataclass
class CacheInfo:
    folder: str
    configurations: int
    files: int
    bytes: int


def info() -> CacheInfo:
    files = size = 0
    folders = config_folders()
    for d in folders:
        for f in d.iterdir():
            if _ENTRY.match(f.name) and f.is_file():
                files += 1
                size += f.stat().st_size
    return CacheInfo(str(cache_root()), len(folders), files, size)


def cache_size_bytes() -> int:
    return info().bytes


def clear_cache() -> int:
    """Delete the cached features; returns how many files went.  Only files the cache wrote
    (its own names, in its own folders) are removed: anything else put there is left."""
    removed = 0
    for d in config_folders():
        for f in d.iterdir():
            if (_ENTRY.match(f.name) or fileio.is_temp_name(f.name)) and f.is_file() and not f.is_symlink():
                f.unlink()
                removed += 1
        try:
            d.rmdir()
        except OSError:
            pass  # something else is in there: keep it
    try:
        cache_root().rmdir()
    except OSError:
        pass
    return removed


def default_cap_bytes() -> int:
    """The user's cap (Preferences ``feature_cache_gb``)."""
    from .. import preferences

    return int(preferences.load().feature_cache_gb * _GB)


def evict(max_bytes: int) -> int:
    """Remove the least recently used entries until the cache holds at most ``max_bytes``;
    returns how many went.  Only the cache's own entry files are ever removed."""
    entries = []
    for d in config_folders():
        try:
            with os.scandir(d) as it:
                for e in it:
                    if _ENTRY.match(e.name) and e.is_file(follow_symlinks=False):
                        st = e.stat(follow_symlinks=False)
                        entries.append((st.st_mtime_ns, e.name, st.st_size, e.path))
        except OSError:
            continue
    total = sum(size for _, _, size, _ in entries)
    removed = 0
    for _, _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


_hash_memo: dict[tuple, str] = {}


def file_hash(path: str | os.PathLike) -> str:
    """sha256 of a file's content.

    Memoised by path, size, mtime, ctime, inode and device: a file replaced by another of
    the same size and modification time still gets a new ctime (and usually a new inode),
    so it is hashed again.
    """
    st = os.stat(path)
    key = (os.fspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
    if key not in _hash_memo:
        h = hashlib.sha256()
        with imagefile.open_file(path, size_cap=False) as f:  # a regular file only: a pipe would block
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        _hash_memo[key] = h.hexdigest()
    return _hash_memo[key]


@dataclass
class FeatureSet:
    """Features of the files that could be read, in order; ``kept`` indexes the input list."""
    values: np.ndarray
    kept: list[int]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


class FeatureCache:
    """Features of one base model configuration.

    ``base_passes`` counts images run through the base; ``repaired`` counts cache files
    that were found damaged and recomputed.
    """

    def __init__(self, model_key: str, weights_file: Optional[str], input_size: int, policy: str,
                 max_bytes: Optional[int] = None):
        w = file_hash(weights_file) if weights_file and os.path.isfile(weights_file) else str(weights_file)
        ident = f"{model_key}|{w}|{input_size}|{policy}"
        self.folder = cache_root() / hashlib.sha256(ident.encode()).hexdigest()[:24]
        self.input_size = input_size
        self.policy = policy
        self.base_passes = 0
        self.repaired = 0
        self.max_bytes = default_cap_bytes() if max_bytes is None else int(max_bytes)
        self.evicted = 0
        self._stored_since_evict = 0
        self.disabled = ""  # why nothing is stored (the cache folder cannot be written): training goes on
        self._said_entry = False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not os.access(self.folder, os.W_OK):
                raise PermissionError(13, "not writable")
        except OSError as exc:
            self._disable(f"the folder {self.folder} cannot be used ({exc.strerror or exc})")

    def _disable(self, why: str) -> None:
        self.disabled = why
        safefiles.notice(f"the feature cache is off for this run: {why}. Training goes on without it (every "
                         "image runs through the base model); fix or remove that folder to cache again.")

    def _path(self, content_hash: str) -> Path:
        return self.folder / f"{content_hash}.npy"

    def features(self, base, files: Sequence[str], *, batch_size: int = 32, progress: Optional[ProgressFn] = None,
                 cancel: Optional[CancelToken] = None, pool: bool = False) -> FeatureSet:
        """Features of ``files``; only files not cached (or cached badly) go through ``base``.

        A file the loader refuses is skipped and listed, never stored, never a crash.
        ``pool``: each image's (H, W, C) features averaged to (C,) as it is read — what a
        global-average-pooling head sees, at 1/(H*W) of the memory (20,000 MobileNetV2
        images: 100 MB instead of 5 GB).  Only the features are ever held, never the images.
        """
        from ..predict import decoded_batches

        shape = tuple(int(d) for d in base.model.output_shape[1:])
        hashes: list[Optional[str]] = []
        skipped: list[tuple[int, str]] = []
        for i, f in enumerate(files):
            try:
                hashes.append(file_hash(f))
            except ImageLoadError as exc:
                hashes.append(None)
                skipped.append((i, str(exc)))
            except OSError as exc:
                hashes.append(None)
                skipped.append((i, str(ImageLoadError(f, f"the file cannot be read ({exc.strerror or exc})."))))
        values: dict[int, np.ndarray] = {}

        def keep(i, arr):
            values[i] = arr.astype(np.float32).mean(axis=(0, 1)) if pool and arr.ndim == 3 else arr

        for i, h in enumerate(hashes):
            if h is not None:
                got = self._read(h, shape)
                if got is not None:
                    keep(i, got)
        missing = [i for i, h in enumerate(hashes) if h is not None and i not in values]

        def absorb(rows, errors, feats):
            feats = np.asarray(feats).astype(FEATURE_DTYPE)
            for j, err in enumerate(errors):
                if err:
                    skipped.append((rows[j], err))
                    continue
                keep(rows[j], feats[j])
                if np.isfinite(feats[j]).all():  # a non-finite output is never cached
                    self._store(hashes[rows[j]], feats[j])

        done = 0
        pending = None
        batches = decoded_batches([files[i] for i in missing], self.input_size, self.policy, batch_size)
        # One batch is converted and written in a thread while the base runs the next.
        with ThreadPoolExecutor(1) as writer:
            for (_pixels, errors), feats in base.run_stream(batches):  # the base's backend, batches in flight
                jobs.check(cancel)
                if pending is not None:
                    pending.result()
                pending = writer.submit(absorb, missing[done:done + len(errors)], errors, feats)
                done += len(errors)
                self.base_passes += len(errors)
                jobs.report(progress, done / len(missing), f"Caching features: {done} of {len(missing)}")
            if pending is not None:
                pending.result()
        if self._stored_since_evict:
            self._evict()
        kept = sorted(values)
        out_shape = shape[-1:] if pool and len(shape) == 3 else shape
        stacked = np.zeros((len(kept), *out_shape), np.float32)
        for row, i in enumerate(kept):  # row by row: never a second full copy in float16
            stacked[row] = values.pop(i)
        return FeatureSet(stacked, kept, [(files[i], why) for i, why in sorted(skipped)])

    def _read(self, content_hash: str, shape: tuple) -> Optional[np.ndarray]:
        """The cached features, or None when absent or damaged (damaged files are counted)."""
        import io

        path = self._path(content_hash)
        expected = int(np.prod(shape)) * np.dtype(FEATURE_DTYPE).itemsize
        try:
            # A regular file of at most the size an entry can have: never blocks on a FIFO,
            # never reads on from a link to /dev/zero.
            data = safefiles.read_bytes(path, cap=expected + _NPY_HEADER_MAX)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except (safefiles.UnsafeFile, OSError):  # a FIFO, a folder, a device, too large: recompute
            self.repaired += 1
            return None
        try:
            if len(data) <= expected:
                raise ValueError("unexpected size")
            arr = np.load(io.BytesIO(data), allow_pickle=False)
            if arr.shape != shape or arr.dtype != FEATURE_DTYPE or not np.isfinite(arr).all():
                raise ValueError("unexpected content")
        except Exception:  # noqa: BLE001 - any damage means: recompute
            self.repaired += 1
            return None
        try:
            os.utime(path)  # recently used: the last to be evicted
        except OSError:
            pass
        return arr

    def _store(self, content_hash: str, feats: np.ndarray) -> None:
        import io

        if self.disabled:
            return
        path = self._path(content_hash)
        if path.is_dir() and not path.is_symlink():  # not ours to replace: this image is not cached
            if not self._said_entry:
                self._said_entry = True
                safefiles.notice(f"the feature cache entry {path} is a folder, not a file of the cache; that "
                                 "image's features are not cached.")
            return
        buf = io.BytesIO()
        np.save(buf, feats, allow_pickle=False)
        try:
            fileio.write_bytes(path, buf.getvalue())
        except OSError as exc:
            self._disable(f"{self.folder} cannot be written ({exc.strerror or exc})")
            return
        self._stored_since_evict += buf.tell()
        if self._stored_since_evict > self.max_bytes // 8:  # keep the cap while a big folder is cached
            self._evict()

    def _evict(self) -> None:
        self._stored_since_evict = 0
        self.evicted += evict(self.max_bytes)
