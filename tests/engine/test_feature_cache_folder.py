"""The feature cache's folder as a user meets it: `cache info` counts only the cache's own
entries, `cache clear` removes only the files the cache wrote (its entries and its unfinished
temp files) and the folders it emptied, and eviction keeps the cap by removing the least
recently used entries — exactly as many as needed, never a file that is not an entry.
A stand-in base (NumPy only): milliseconds per test."""

from __future__ import annotations

import os

import pytest

from engine.train import features

from .test_feature_cache_cap import _Base, _images


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    return tmp_path


def _fill(home, model, n, seed=0):
    """A configuration with ``n`` cached entries; returns the cache and its image files."""
    files = _images(home / f"data-{model}", n, seed=seed)
    cache = features.FeatureCache(model, None, 16, "stretch", max_bytes=1 << 30)
    cache.features(_Base(), files)
    return cache, files


def _entries(cache):
    return sorted(p.name for p in cache.folder.iterdir() if p.name.endswith(".npy"))


def test_info_counts_the_entries_of_every_configuration_and_nothing_else(home):
    a, _ = _fill(home, "a", 3)
    b, _ = _fill(home, "b", 2, seed=1)
    sizes = [p.stat().st_size for c in (a, b) for p in c.folder.iterdir()]
    (a.folder / "notes.txt").write_bytes(b"x" * 5000)  # not an entry
    (a.folder / ("ab" * 32 + ".npy.bak")).write_bytes(b"x" * 100)
    (features.cache_root() / "mine").mkdir()  # not a configuration folder
    (features.cache_root() / "mine" / ("cd" * 32 + ".npy")).write_bytes(b"x" * 300)
    got = features.info()
    assert (got.configurations, got.files, got.bytes) == (2, 5, sum(sizes))
    assert got.folder == str(features.cache_root())
    assert features.cache_size_bytes() == sum(sizes)


def test_only_the_caches_own_folder_names_are_configurations(home):
    a, _ = _fill(home, "a", 1)
    b, _ = _fill(home, "b", 1, seed=1)
    root = features.cache_root()
    (root / ("0" * 23)).mkdir()  # one digit short
    (root / ("A" * 24)).mkdir()  # not lower-case hex
    (root / ("f" * 24 + "x")).mkdir()
    (root / ("e" * 24)).write_text("a file, not a folder")
    other = home / "elsewhere"
    other.mkdir()
    (root / ("d" * 24)).symlink_to(other, target_is_directory=True)  # a link to a folder outside
    assert features.config_folders() == sorted([a.folder, b.folder])
    assert features.info().configurations == 2


def test_no_cache_folder_means_an_empty_cache(home):
    assert features.config_folders() == []
    got = features.info()
    assert (got.configurations, got.files, got.bytes) == (0, 0, 0)
    assert features.clear_cache() == 0


def test_clear_removes_the_caches_files_and_the_folders_it_emptied_and_keeps_the_rest(home):
    a, _ = _fill(home, "a", 3)
    b, _ = _fill(home, "b", 2, seed=1)
    temp = a.folder / f".{'ab' * 32}.npy.{os.getpid()}.1a2b3c4d.part"  # an unfinished write of the cache's
    temp.write_bytes(b"half")
    mine = a.folder / "notes.txt"
    mine.write_text("the user's")
    outside = home / "precious.npy"
    outside.write_bytes(b"the user's file")
    link = a.folder / ("ef" * 32 + ".npy")  # an entry's name, but a link to a file outside
    link.symlink_to(outside)
    stranger = features.cache_root() / "README-mine.txt"
    stranger.write_text("not the cache's")
    assert features.clear_cache() == 3 + 2 + 1
    assert sorted(p.name for p in a.folder.iterdir()) == sorted([link.name, mine.name])  # kept: not the cache's
    assert not b.folder.exists()  # emptied: removed
    assert outside.read_bytes() == b"the user's file" and stranger.read_text() == "not the cache's"
    assert features.info().files == 1  # the link, still there


def test_clearing_a_cache_of_only_its_own_files_removes_its_folder(home):
    _fill(home, "a", 2)
    _fill(home, "b", 1, seed=1)
    assert features.cache_root().is_dir()
    assert features.clear_cache() == 3
    assert not features.cache_root().exists()


def _aged(cache, files, ages):
    """Set each file's entry to ``ages[i]`` seconds old."""
    now = os.stat(cache.folder).st_mtime
    for f, age in zip(files, ages):
        entry = cache._path(features.file_hash(f))
        os.utime(entry, (now - age, now - age))


def test_eviction_removes_just_enough_of_the_least_recently_used_across_configurations(home):
    a, fa = _fill(home, "a", 3)
    b, fb = _fill(home, "b", 3, seed=1)
    _aged(a, fa, [500, 100, 300])
    _aged(b, fb, [400, 600, 200])
    (a.folder / "notes.txt").write_bytes(b"x" * 100_000)  # not an entry: neither counted nor removed
    per = features.cache_size_bytes() // 6
    assert features.evict(6 * per) == 0  # exactly at the cap: nothing goes
    assert features.evict(4 * per) == 2  # the two oldest: b's second (600 s), a's first (500 s)
    gone = {(c.folder.name, features.file_hash(f)) for c, fs in ((a, fa), (b, fb)) for f in fs
            if not c._path(features.file_hash(f)).exists()}
    assert gone == {(b.folder.name, features.file_hash(fb[1])), (a.folder.name, features.file_hash(fa[0]))}
    assert features.evict(4 * per - 1) == 1  # one byte over: the next oldest (b's first, 400 s)
    assert not b._path(features.file_hash(fb[0])).exists() and a._path(features.file_hash(fa[2])).exists()
    assert (a.folder / "notes.txt").stat().st_size == 100_000
    assert features.evict(0) == 3 and features.info().files == 0
    assert (a.folder / "notes.txt").exists()


def test_entries_of_the_same_age_are_evicted_in_a_fixed_order(home):
    a, fa = _fill(home, "a", 4)
    _aged(a, fa, [50, 50, 50, 50])
    per = features.cache_size_bytes() // 4
    names = _entries(a)
    assert features.evict(2 * per) == 2
    assert _entries(a) == names[2:]  # by name: the same two on every run


def test_eviction_neither_counts_nor_removes_a_link_with_an_entrys_name(home):
    a, fa = _fill(home, "a", 3)
    _aged(a, fa, [300, 200, 100])
    per = features.cache_size_bytes() // 3
    outside = home / "big-old.npy"
    outside.write_bytes(b"x" * 100_000)
    os.utime(outside, (1, 1))  # older than any entry: the first to go if it were one
    link = a.folder / ("ef" * 32 + ".npy")
    link.symlink_to(outside)
    assert features.evict(2 * per) == 1  # the oldest real entry; the link's 100 kB are not the cache's
    assert link.is_symlink() and outside.stat().st_size == 100_000
    assert not a._path(features.file_hash(fa[0])).exists() and a._path(features.file_hash(fa[1])).exists()


def test_a_configuration_folder_that_vanishes_while_evicting_is_skipped(home, monkeypatch):
    a, fa = _fill(home, "a", 3)
    gone = features.cache_root() / ("0" * 24)  # listed, then removed by another process
    monkeypatch.setattr(features, "config_folders", lambda: [gone, a.folder])
    assert features.evict(0) == 3 and _entries(a) == []


def test_an_entry_that_cannot_be_removed_is_skipped_and_the_next_oldest_go(home, monkeypatch):
    a, fa = _fill(home, "a", 4)
    _aged(a, fa, [400, 300, 200, 100])
    per = features.cache_size_bytes() // 4
    stuck = str(a._path(features.file_hash(fa[0])))
    real = os.unlink

    def unlink(path, *args, **kw):
        if str(path) == stuck:
            raise PermissionError(13, "Permission denied", path)
        return real(path, *args, **kw)

    monkeypatch.setattr(os, "unlink", unlink)
    assert features.evict(2 * per) == 2
    assert [os.path.exists(a._path(features.file_hash(f))) for f in fa] == [True, False, False, True]


def test_a_pass_that_only_reads_removes_nothing_even_over_the_cap(home):
    """The cap is kept when the cache grows; a pass of hits (under a cap lowered since) costs no entry."""
    a, fa = _fill(home, "a", 5)
    per = features.cache_size_bytes() // 5
    reader = features.FeatureCache("a", None, 16, "stretch", max_bytes=2 * per)
    reader.features(_Base(), fa)
    assert reader.base_passes == 0 and reader.evicted == 0 and features.info().files == 5


def test_a_cache_an_earlier_version_left_is_counted_and_cleared(home):
    """Earlier versions kept the cache in the user data folder's ``feature_cache``: after an
    update `cache info` still counts it and `cache clear` still removes it (none stranded)."""
    from engine import paths

    old = paths.user_data_dir() / "feature_cache" / ("0123456789abcdef01234567")
    old.mkdir(parents=True)
    (old / ("ab" * 32 + ".npy")).write_bytes(b"x" * 200)
    got = features.info()
    assert (got.configurations, got.files, got.bytes) == (1, 1, 200)
    assert features.clear_cache() == 1 and not old.exists()
