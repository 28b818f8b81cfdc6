"""The feature cache keeps its size cap by evicting the least recently used entries, and an
image changed between two runs is extracted again while the others are not."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

from engine import preferences
from engine.train import features


class _Base:
    """A stand-in base: features are the mean colour, tiled (counts the images it sees)."""

    class model:  # noqa: N801 - mimics LoadedModel.model
        output_shape = (None, 2, 2, 16)

    def __init__(self):
        self.seen = 0

    def run_stream(self, batches):
        for pixels, errors in batches:
            self.seen += len(errors)
            mean = pixels.reshape(len(pixels), -1, 3).mean(axis=1)
            yield (pixels, errors), np.tile(mean[:, None, None, :1], (1, 2, 2, 16)).astype("float32")


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    return tmp_path


def _images(folder, n, seed=0):
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    files = []
    for i in range(n):
        f = folder / f"{i}.png"
        Image.fromarray(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)).save(f)
        files.append(str(f))
    return files


def _entry_bytes():
    return features.cache_size_bytes() // max(1, features.info().files)


def test_a_changed_image_is_extracted_again_and_only_it(home):
    files = _images(home / "data", 6)
    base = _Base()
    cache = features.FeatureCache("m", None, 16, "stretch", max_bytes=1 << 30)
    first = cache.features(base, files)
    assert base.seen == 6 and cache.base_passes == 6
    Image.fromarray(np.full((16, 16, 3), 250, np.uint8)).save(files[2])  # changed between runs
    again = features.FeatureCache("m", None, 16, "stretch", max_bytes=1 << 30)
    second = again.features(base, files)
    assert again.base_passes == 1 and base.seen == 7
    changed = [i for i in range(6) if not np.array_equal(first.values[i], second.values[i])]
    assert changed == [2]
    assert second.values[2].max() == pytest.approx(250, abs=1)


def test_eviction_keeps_the_cap_and_removes_the_least_recently_used(home):
    files = _images(home / "data", 10)
    base = _Base()
    features.FeatureCache("m", None, 16, "stretch", max_bytes=1 << 30).features(base, files)
    per = _entry_bytes()
    assert features.info().files == 10
    old = files[:4]
    first = features.FeatureCache("m", None, 16, "stretch", max_bytes=1 << 30)
    for i, f in enumerate(files):  # oldest use: files[:4], then files[6:], then files[4:6]
        entry = first._path(features.file_hash(f))
        t = entry.stat().st_mtime - (2000 if f in old else 1500 if i >= 6 else 1000) + i
        os.utime(entry, (t, t))
    cap = 7 * per
    more = _images(home / "more", 2, seed=1)
    cache = features.FeatureCache("m", None, 16, "stretch", max_bytes=cap)
    cache.features(base, more + files[6:])  # two new entries; files[6:] are used again: 12 > 7
    assert features.cache_size_bytes() <= cap
    assert cache.evicted == 5  # files[:4], then files[4]: files[6:] were just used again
    seen = base.seen
    check = features.FeatureCache("m", None, 16, "stretch", max_bytes=1 << 30)
    check.features(base, files[6:] + more)  # the recently used ones survived
    assert base.seen == seen
    check.features(base, old)  # the least recently used ones went
    assert check.base_passes == 4


def test_the_cap_is_a_validated_preference(home):
    assert preferences.Preferences().feature_cache_gb == 4.0
    path = home / "p.json"
    path.write_text('{"feature_cache_gb": 0.5}')
    assert preferences.load(path).feature_cache_gb == 0.5
    path.write_text('{"feature_cache_gb": 0}')
    prefs, problems = preferences.load_report(path)
    assert prefs.feature_cache_gb == 4.0 and "feature_cache_gb" in problems[0]
