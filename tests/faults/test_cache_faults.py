"""A damaged feature cache costs a base pass, never a crash or a silently broken model; an
image replaced by one of the same size and time is hashed again; `cache clear` removes
only the cache's own files; a diverging run saves nothing."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest

from engine.cli import main
from engine.models import from_keras
from engine.train import features

from .hostile import jpeg_bytes

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def base():
    """A tiny convolutional 'base' (untrained, deterministic): features (4, 4, 3)."""
    import keras

    inputs = keras.Input((16, 16, 3))
    x = keras.layers.AveragePooling2D(4)(inputs)
    model = keras.Model(inputs, x)
    return from_keras(model, lambda x: x / 255.0, name="tinybase")


@pytest.fixture
def files(tmp_path):
    out = []
    for i, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200), (90, 90, 90)]):
        p = tmp_path / f"{i}.jpg"
        p.write_bytes(jpeg_bytes((16, 16), colour))
        out.append(str(p))
    return out


def _npy(arr, **kw):
    buf = io.BytesIO()
    np.save(buf, arr, **kw)
    return buf.getvalue()


DAMAGE = {
    "truncated": lambda b: b[: len(b) // 2],
    "random bytes": lambda b: np.random.default_rng(0).integers(0, 256, len(b), dtype=np.uint8).tobytes(),
    "empty": lambda b: b"",
    "wrong shape": lambda b: _npy(np.zeros((3, 4, 4), np.float16)),
    "wrong dtype": lambda b: _npy(np.zeros((4, 4, 3), np.float64)),
    "NaN": lambda b: _npy(np.full((4, 4, 3), np.nan, np.float16)),
    "infinite": lambda b: _npy(np.full((4, 4, 3), np.inf, np.float16)),
    "pickled object": lambda b: _npy(np.array([{"a": 1}] * 48, dtype=object).reshape(4, 4, 3), allow_pickle=True),
    "header claiming a huge array": lambda b: b.replace(b"(4, 4, 3)", b"(400000, 40000, 3)"),
}


def test_every_damaged_cache_file_is_recomputed(base, files, home):
    cache = features.FeatureCache("tiny", None, 16, "stretch")
    fresh = cache.features(base, files).values
    assert cache.base_passes == 4
    entries = sorted(cache.folder.glob("*.npy"))
    assert len(entries) == 4
    for name, damage in DAMAGE.items():
        victim = entries[hash(name) % 4]
        victim.write_bytes(damage(victim.read_bytes()))
        again = features.FeatureCache("tiny", None, 16, "stretch")
        got = again.features(base, files)
        assert (again.base_passes, again.repaired) == (1, 1), name
        np.testing.assert_array_equal(got.values, fresh, err_msg=name)
        assert np.load(victim, allow_pickle=False).dtype == np.float16  # repaired on disk
    untouched = features.FeatureCache("tiny", None, 16, "stretch")
    untouched.features(base, files)
    assert untouched.base_passes == 0


def test_an_image_replaced_with_same_size_and_time_is_rehashed(tmp_path):
    p = tmp_path / "img.jpg"
    p.write_bytes(b"A" * 1000)
    first = features.file_hash(p)
    st = os.stat(p)
    with open(p, "r+b") as f:  # new content in place: same size, same inode
        f.write(b"B" * 1000)
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old modification time
    assert os.stat(p).st_mtime_ns == st.st_mtime_ns and os.stat(p).st_size == st.st_size
    assert features.file_hash(p) != first


def test_unreadable_files_are_skipped_and_listed_not_a_crash(base, files, home):
    with open(files[1], "r+b") as f:
        f.truncate(200)
    got = features.FeatureCache("tiny", None, 16, "stretch").features(base, files)
    assert got.kept == [0, 2, 3] and got.values.shape == (3, 4, 4, 3)
    assert [os.path.basename(p) for p, _ in got.skipped] == ["1.jpg"] and "truncated" in got.skipped[0][1]


def test_cache_command_clears_only_its_own_files(base, files, home, capsys):
    features.FeatureCache("tiny", None, 16, "stretch").features(base, files)
    stranger = features.cache_root() / "README-mine.txt"
    stranger.write_text("not the cache's")
    assert main(["cache", "info"]) == 0
    assert "4 feature files" in capsys.readouterr().out
    assert main(["cache", "clear"]) == 0
    assert "removed 4 files" in capsys.readouterr().out
    assert features.info().files == 0 and stranger.read_text() == "not the cache's"


def test_a_diverging_run_saves_nothing(tmp_path, home):
    """A base whose outputs hold NaN (weights gone bad) makes the loss NaN: the run is
    refused with a clear message and no checkpoint is kept."""
    from engine.train import dataset, trainer

    class NaNBase(features.FeatureCache):
        def features(self, base, files, **kw):
            got = super().features(base, files, **kw)
            got.values[:, 0] = np.nan
            return got

    for cls, colour in (("red", (200, 40, 40)), ("blue", (40, 40, 200))):
        (tmp_path / "d" / cls).mkdir(parents=True)
        for i in range(4):
            (tmp_path / "d" / cls / f"{i}.jpg").write_bytes(jpeg_bytes((32, 32), colour))
    report = dataset.scan(tmp_path / "d")
    settings = trainer.TrainSettings(model="MobileNet", alpha=0.25, input_size=32, weights=None, epochs=3,
                                     early_stopping=0, batch_size=4)
    ckpt = tmp_path / "ckpt.keras"
    cache = NaNBase("nan", None, 32, "stretch")
    with pytest.raises(trainer.TrainingDiverged, match="no model was saved"):
        trainer.train(report, settings, checkpoint=str(ckpt), cache=cache)
    assert not ckpt.exists()
    assert not list(cache.folder.glob("*.npy")) or all(
        np.isfinite(np.load(f)).all() for f in cache.folder.glob("*.npy"))


def test_a_weights_file_larger_than_any_image_still_hashes(tmp_path, monkeypatch):
    """The feature cache is keyed by the weights file's hash: the image size cap must not
    apply to it (ConvNeXtXLarge's weights are 1.4 GB)."""
    from engine import imagefile

    big = tmp_path / "weights.h5"
    big.write_bytes(b"w" * 5000)
    monkeypatch.setattr(imagefile, "MAX_FILE_BYTES", 1000)  # as if this file were 1.4 GB
    assert len(features.file_hash(big)) == 64
    assert features.FeatureCache("m", str(big), 32, "stretch").folder.name
