"""The feature cache: the convolutional base runs once over the data; its outputs are kept
on disk keyed by model, weights file hash, input size, resize policy and each image's
content hash.  A second run, a new head or added images cost no base pass for what is
cached.  The cache reports its size and can be cleared."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .. import fileio, jobs, paths
from ..jobs import CancelToken, ProgressFn


def cache_root() -> Path:
    return paths.user_data_dir() / "feature_cache"


def cache_size_bytes() -> int:
    root = cache_root()
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) if root.exists() else 0


def clear_cache() -> None:
    shutil.rmtree(cache_root(), ignore_errors=True)


_hash_memo: dict[tuple, str] = {}


def file_hash(path: str | os.PathLike) -> str:
    """sha256 of a file's content (memoised by path, size and modification time)."""
    st = os.stat(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _hash_memo:
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        _hash_memo[key] = h.hexdigest()
    return _hash_memo[key]


class FeatureCache:
    """Features of one base model configuration; ``base_passes`` counts images run through the base."""

    def __init__(self, model_key: str, weights_file: Optional[str], input_size: int, policy: str):
        w = file_hash(weights_file) if weights_file and os.path.isfile(weights_file) else str(weights_file)
        ident = f"{model_key}|{w}|{input_size}|{policy}"
        self.folder = cache_root() / hashlib.sha256(ident.encode()).hexdigest()[:24]
        self.input_size = input_size
        self.policy = policy
        self.base_passes = 0

    def _path(self, content_hash: str) -> Path:
        return self.folder / f"{content_hash}.npy"

    def features(self, base, files: Sequence[str], *, batch_size: int = 32, progress: Optional[ProgressFn] = None,
                 cancel: Optional[CancelToken] = None) -> np.ndarray:
        """Features of ``files`` in order; only files not cached go through ``base`` (a LoadedModel)."""
        from ..predict import file_dataset

        hashes = [file_hash(f) for f in files]
        missing = [i for i, h in enumerate(hashes) if not self._path(h).is_file()]
        if missing:
            todo = [files[i] for i in missing]
            done = 0
            batches = file_dataset(todo, self.input_size, self.policy, batch_size)
            for (pixels, errors), feats in base.run_stream(batches):  # the base's backend, batches in flight
                jobs.check(cancel)
                feats = feats.astype(np.float16)
                for j, err in enumerate(errors.numpy()):
                    if not err:
                        self._store(hashes[missing[done + j]], feats[j])
                done += len(feats)
                self.base_passes += len(feats)
                jobs.report(progress, done / len(todo), f"Caching features: {done} of {len(todo)}")
        return np.stack([np.load(self._path(h)) for h in hashes]).astype(np.float32)

    def _store(self, content_hash: str, feats: np.ndarray) -> None:
        import io

        buf = io.BytesIO()
        np.save(buf, feats)
        fileio.write_bytes(self._path(content_hash), buf.getvalue())
