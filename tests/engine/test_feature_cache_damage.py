"""A damaged feature cache entry costs one base pass, never a crash or wrong features: each kind
of damage (truncated, random, empty, another shape or type, NaN, infinite, pickled, a header
that claims a huge array, a file one byte larger than an entry can be) is recomputed and
written again, and the other entries are still used.  The same promise as
``tests/faults/test_cache_faults.py``, with a stand-in base (NumPy only) so that a mutation run
can afford it for every mutant."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

from engine.train import features

from .test_feature_cache_cap import _images
from .test_feature_cache_run import _cache, _QuadBase


def _npy(arr, **kw):
    buf = io.BytesIO()
    np.save(buf, arr, **kw)
    return buf.getvalue()


DAMAGE = {
    "truncated": lambda b: b[: len(b) // 2],
    "random bytes": lambda b: np.random.default_rng(0).integers(0, 256, len(b), dtype=np.uint8).tobytes(),
    "empty": lambda b: b"",
    "header only": lambda b: b[:128],
    "wrong shape": lambda b: _npy(np.zeros((3, 2, 2), np.float16)),
    "wrong dtype": lambda b: _npy(np.zeros((2, 2, 3), np.float32)),
    "NaN": lambda b: _npy(np.full((2, 2, 3), np.nan, np.float16)),
    "one infinite value": lambda b: _npy(np.where(np.arange(12).reshape(2, 2, 3) == 5, np.inf, 1).astype(np.float16)),
    "pickled object": lambda b: _npy(np.array([{"a": 1}] * 12, dtype=object).reshape(2, 2, 3), allow_pickle=True),
    "header claiming a huge array": lambda b: b.replace(b"(2, 2, 3)", b"(400000, 40000, 3)"),
    "too large by one byte": lambda b: b + b"\0" * (4096 + 1 - (len(b) - 12 * 2)),
}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_entry_is_recomputed_and_written_again(home, damage):
    files = _images(home / "data", 3)
    fresh = _cache().features(_QuadBase(), files).values
    victim = _cache()._path(features.file_hash(files[1]))
    good = victim.read_bytes()
    victim.write_bytes(DAMAGE[damage](good))
    again = _cache()
    got = again.features(_QuadBase(), files)
    assert (again.base_passes, again.repaired) == (1, 1)
    np.testing.assert_array_equal(got.values, fresh)
    assert victim.read_bytes() == good  # repaired on disk
    untouched = _cache()
    untouched.features(_QuadBase(), files)
    assert (untouched.base_passes, untouched.repaired) == (0, 0)


def test_an_entry_with_a_header_as_large_as_allowed_is_still_used(home):
    """The cap on an entry's size leaves room for a header of up to 4096 bytes (NumPy writes 128)."""
    files = _images(home / "data", 2)
    fresh = _cache().features(_QuadBase(), files).values
    victim = _cache()._path(features.file_hash(files[0]))
    arr = np.load(victim)
    header = "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2, 3), }"
    room = 4096 - 10 - len(header) - 1  # magic + version + length take 10 bytes, the newline 1
    victim.write_bytes(b"\x93NUMPY\x01\x00" + (4096 - 10).to_bytes(2, "little") + header.encode()
                       + b" " * room + b"\n" + arr.tobytes())
    assert np.array_equal(np.load(victim), arr)  # a valid entry, just with a long header
    again = _cache()
    np.testing.assert_array_equal(again.features(_QuadBase(), files).values, fresh)
    assert (again.base_passes, again.repaired) == (0, 0)


def _trip(path):
    Path(path).write_text("unpickled")
    return 0.0


class _Tripwire:
    """Unpickling it writes a file: shows whether a cache entry was ever unpickled."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return _trip, (self.path,)


def test_a_pickled_entry_is_never_unpickled(home):
    files = _images(home / "data", 2)
    fresh = _cache().features(_QuadBase(), files).values
    victim = _cache()._path(features.file_hash(files[0]))
    wire = home / "tripped"
    victim.write_bytes(_npy(np.array([_Tripwire(str(wire))] * 12, dtype=object).reshape(2, 2, 3), allow_pickle=True))
    again = _cache()
    np.testing.assert_array_equal(again.features(_QuadBase(), files).values, fresh)
    assert (again.base_passes, again.repaired) == (1, 1) and not wire.exists()


def test_every_damaged_entry_of_a_pass_is_counted(home):
    files = _images(home / "data", 5)
    _cache().features(_QuadBase(), files)
    cache = _cache()
    entries = [cache._path(features.file_hash(f)) for f in files]
    entries[0].write_bytes(b"")  # damaged content, twice
    entries[1].write_bytes(DAMAGE["NaN"](b""))
    entries[2].unlink()  # not a file, twice: a folder and a FIFO
    entries[2].mkdir()
    entries[3].unlink()
    os.mkfifo(entries[3])
    cache.features(_QuadBase(), files)
    assert (cache.base_passes, cache.repaired) == (4, 4)
