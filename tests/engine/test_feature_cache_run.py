"""One pass of the feature cache as training uses it: pooled features are the mean of each
image's feature map whether it was cached or not, progress counts only the images that go
through the base, a cancel keeps what was cached so far, unreadable files are listed in input
order, a cache that cannot be written costs speed never the run, and the size cap comes from
the user's preferences.  Progress is said in words the window can translate.  A stand-in base (NumPy only) whose feature map varies over space."""

from __future__ import annotations

import numpy as np
import pytest

from engine import jobs, preferences, safefiles
from engine.train import features

from ..translatable import assert_translatable
from .test_feature_cache_cap import _images


class _QuadBase:
    """Features (2, 2, 3): each quadrant's mean colour, so the map varies over space and a
    pooled feature is not any single position's (counts the images it sees)."""

    class model:  # noqa: N801 - mimics LoadedModel.model
        output_shape = (None, 2, 2, 3)

    def __init__(self, cancel_after=None):
        self.seen = 0
        self.cancel_after, self.token = cancel_after, jobs.CancelToken()

    def run_stream(self, batches):
        for pixels, errors in batches:
            self.seen += len(errors)
            n, h, w, c = pixels.shape
            quads = pixels.reshape(n, 2, h // 2, 2, w // 2, c).astype("float32").mean(axis=(2, 4))
            yield (pixels, errors), quads
            if self.cancel_after is not None and self.seen >= self.cancel_after:
                self.token.cancel()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    return tmp_path


def _cache(**kw):
    return features.FeatureCache("quad", None, 16, "stretch", max_bytes=1 << 30, **kw)


def test_pooled_features_are_each_maps_mean_cached_or_not(home):
    files = _images(home / "data", 5)
    full = _cache().features(_QuadBase(), files[:2])  # two cached, three not
    assert full.values.shape == (2, 2, 2, 3)
    base = _QuadBase()
    pooled = _cache().features(base, files, pool=True, batch_size=2)
    assert base.seen == 3 and pooled.values.shape == (5, 3) and pooled.values.dtype == np.float32
    maps = _cache().features(_QuadBase(), files).values  # every file cached now
    np.testing.assert_allclose(pooled.values, maps.astype(np.float32).mean(axis=(1, 2)), rtol=1e-6)
    assert not np.allclose(maps[:, 0, 0], pooled.values)  # the map does vary: pooling did something
    np.testing.assert_allclose(maps[:2], full.values)


def test_progress_counts_the_images_that_go_through_the_base(home):
    files = _images(home / "data", 7)
    _cache().features(_QuadBase(), files[:2])
    seen = []
    _cache().features(_QuadBase(), files, batch_size=2, progress=lambda f, m: seen.append((f, m)))
    assert [f for f, _ in seen] == pytest.approx([2 / 5, 4 / 5, 1.0])
    assert [m for _, m in seen] == ["Caching features: 2 of 5", "Caching features: 4 of 5",
                                    "Caching features: 5 of 5"]
    for _, message in seen:
        assert_translatable(message)  # the window can say it


def test_a_cancel_keeps_what_was_cached_before_it(home):
    files = _images(home / "data", 6)
    base = _QuadBase(cancel_after=2)
    first = _cache()
    with pytest.raises(jobs.Cancelled):
        first.features(base, files, batch_size=2, cancel=base.token)
    again = _cache()
    again.features(_QuadBase(), files, batch_size=2)
    assert again.base_passes == 4  # the first batch's two were kept; the rest are computed now


def test_unreadable_files_are_listed_in_input_order_and_the_rest_kept(home):
    files = _images(home / "data", 3)
    missing = str(home / "data" / "gone.png")
    broken = home / "data" / "broken.png"
    broken.write_bytes(b"not an image at all")
    folder = home / "data" / "a folder.png"
    folder.mkdir()
    empty = home / "data" / "empty.png"
    empty.write_bytes(b"")
    order = [str(broken), files[0], missing, str(folder), files[1], str(empty), files[2]]
    got = _cache().features(_QuadBase(), order)
    assert got.kept == [1, 4, 6] and got.values.shape == (3, 2, 2, 3)
    assert [p for p, _ in got.skipped] == [str(broken), missing, str(folder), str(empty)]
    assert got.skipped[1][1] == f"Cannot read image '{missing}': the file cannot be read (No such file or directory)."
    assert "it is a folder, not an image file" in got.skipped[2][1] and str(folder) in got.skipped[2][1]
    assert "the file is empty" in got.skipped[3][1]
    np.testing.assert_allclose(got.values, _cache().features(_QuadBase(), files).values)
    assert features.info().files == 3  # nothing stored for the two that could not be read


def test_a_cache_folder_that_cannot_be_made_means_no_cache_and_the_same_features(home):
    files = _images(home / "data", 3)
    want = _cache().features(_QuadBase(), files).values
    features.clear_cache()
    root = features.cache_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_text("a file where the cache folder goes")
    safefiles.notices()
    cache = _cache()
    assert cache.disabled.startswith(f"the folder {cache.folder} cannot be used (") and "Errno" not in cache.disabled
    said = safefiles.notices()
    assert said == [f"the feature cache is off for this run: {cache.disabled}. Training goes on without it (every "
                    "image runs through the base model); fix or remove that folder to cache again."]
    got = cache.features(_QuadBase(), files)
    np.testing.assert_allclose(got.values, want)
    assert cache.base_passes == 3 and root.read_text() == "a file where the cache folder goes"


def test_a_cache_folder_without_write_permission_means_no_cache(home, monkeypatch):
    import os

    files = _images(home / "data", 2)
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if mode == os.W_OK else real(path, mode, **kw))
    cache = _cache()  # as if the folder were read-only (a test run as root could write anyway)
    assert cache.disabled == f"the folder {cache.folder} cannot be used (not writable)"
    cache.features(_QuadBase(), files)
    assert cache.base_passes == 2 and features.info().files == 0


def test_a_cache_folder_that_goes_away_during_a_pass_turns_the_cache_off_once(home):
    files = _images(home / "data", 4)
    want = _cache().features(_QuadBase(), files).values
    features.clear_cache()
    cache = _cache()
    cache.folder.rmdir()
    cache.folder.write_text("no longer a folder")  # removed, and its name taken, after the cache opened it
    safefiles.notices()
    got = cache.features(_QuadBase(), files, batch_size=1)
    np.testing.assert_allclose(got.values, want)
    why = cache.disabled
    assert why.startswith(f"{cache.folder} cannot be written (") and why.endswith(")")
    assert "Errno" not in why  # the system's reason in words, not the exception's repr
    assert len(safefiles.notices()) == 1 and cache.folder.read_text() == "no longer a folder"


def test_an_entry_that_is_a_folder_is_left_alone_and_said_once(home):
    files = _images(home / "data", 3)
    cache = _cache()
    for f in files[:2]:
        entry = cache._path(features.file_hash(f))
        entry.mkdir()
        (entry / "mine.txt").write_text("the user's")
    safefiles.notices()
    got = cache.features(_QuadBase(), files)
    said = safefiles.notices()
    first = cache._path(features.file_hash(files[0]))
    assert said == [f"the feature cache entry {first} is a folder, not a file of the cache; that image's features "
                    "are not cached."]
    assert got.values.shape == (3, 2, 2, 3) and not cache.disabled
    for f in files[:2]:
        assert (cache._path(features.file_hash(f)) / "mine.txt").read_text() == "the user's"
    assert cache._path(features.file_hash(files[2])).is_file()  # the others are still cached


def test_the_cap_is_the_users_preference(home):
    prefs = preferences.load()
    prefs.feature_cache_gb = 0.25
    preferences.save(prefs)
    assert features.FeatureCache("quad", None, 16, "stretch").max_bytes == (1 << 30) // 4
    assert features.FeatureCache("quad", None, 16, "stretch", max_bytes=1234.0).max_bytes == 1234


def test_a_big_pass_keeps_the_cap_while_it_runs(home, monkeypatch):
    files = _images(home / "data", 12)
    probe = _cache()
    probe.features(_QuadBase(), files[:1])
    per = features.cache_size_bytes()
    features.clear_cache()
    cache = features.FeatureCache("quad", None, 16, "stretch", max_bytes=8 * per)
    sizes = []
    real = features.evict

    def watch(cap):
        removed = real(cap)
        sizes.append(features.cache_size_bytes())
        return removed

    monkeypatch.setattr(features, "evict", watch)
    cache.features(_QuadBase(), files, batch_size=1)
    assert len(sizes) > 1 and max(sizes) <= 8 * per  # evicted during the pass, not only at its end
    assert cache.evicted == 4 and features.info().files == 8
