"""Transfer learning: synthetic folders always; the real MobileNet 0.25 base on the
cat/dog/hotdog photos when the fixtures are present."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image, ImageOps

from engine.jobs import CancelToken
from engine.train import bundle, dataset, features, trainer

from ..conftest import FIXTURES, MOBILENET_025_NO_TOP, needs_fixtures

COLOURS = {"red": (200, 40, 40), "blue": (40, 40, 200), "green": (40, 200, 40)}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(0)
    for c, col in COLOURS.items():
        (root / c).mkdir()
        for i in range(20):
            a = rng.normal(120, 30, (64, 64, 3)).clip(0, 255)
            y, x = rng.integers(0, 40, 2)
            a[y:y + 24, x:x + 24] = col
            Image.fromarray(a.astype(np.uint8)).save(root / c / f"{i}.png")
    (root / "empty").mkdir()
    (root / "red" / "broken.jpg").write_bytes(b"not an image")
    return root


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))


def settings(mode, **kw):
    base = dict(model="VGG16", input_size=48, weights=None, mode=mode, epochs=12, finetune_epochs=3,
                unfreeze=2, learning_rate=3e-3, early_stopping=0, batch_size=16)
    base.update(kw)
    return trainer.TrainSettings(**base)


def test_report_lists_bad_files_and_empty_classes(synthetic):
    r = dataset.scan(synthetic, seed=7)
    assert r.classes == ["blue", "green", "red"] and r.counts == {"blue": 20, "green": 20, "red": 20}
    assert [os.path.basename(p) for p, _ in r.unreadable] == ["broken.jpg"]
    assert any("empty" in w for w in r.warnings) and r.seed == 7
    assert len(r.val) == 12 and len(r.train) == 48
    again = dataset.scan(synthetic, seed=7)
    assert [s.path for s in again.val] == [s.path for s in r.val]  # the fixed seed fixes the split


@pytest.mark.parametrize("mode", trainer.MODES)
def test_every_mode_trains_and_the_loss_falls(synthetic, mode):
    r = dataset.scan(synthetic)
    res = trainer.train(r, settings(mode))
    loss = res.history["loss"]
    assert loss[-1] < loss[0] - 0.02, loss
    assert res.evaluation.accuracy > 0 and len(res.evaluation.confusion) == 3
    assert res.model.input_shape[1:] == (48, 48, 3)


def test_second_feature_extraction_runs_no_base_pass(synthetic):
    r = dataset.scan(synthetic)
    first = trainer.train(r, settings("extract", epochs=2))
    assert first.base_passes == len(r.train) + len(r.val)
    second = trainer.train(r, settings("extract", epochs=2, pooling="flatten", dense=[32]))  # a new head
    assert second.base_passes == 0
    assert features.cache_size_bytes() > 0
    features.clear_cache()
    assert features.cache_size_bytes() == 0


def test_cancel_keeps_a_loadable_checkpoint(synthetic, tmp_path):
    r = dataset.scan(synthetic)
    token = CancelToken()
    ckpt = tmp_path / "best.keras"

    def on_epoch(epoch, logs):
        if epoch == 2:
            token.cancel()

    with pytest.raises(trainer.TrainingCancelled) as info:
        trainer.train(r, settings("augment", epochs=10), checkpoint=str(ckpt), cancel=token, on_epoch=on_epoch)
    assert info.value.checkpoint == str(ckpt)
    import keras

    from engine.train import layers  # noqa: F401

    model = keras.saving.load_model(ckpt, safe_mode=True)
    assert model.output_shape[-1] == 3


def test_saved_bundle_reloads_with_safe_mode_and_identical_predictions(synthetic, tmp_path):
    r = dataset.scan(synthetic)
    res = trainer.train(r, settings("extract", epochs=3))
    folder = bundle.save(res.model, trainer.metadata(res, r, "VGG16"), tmp_path / "models" / "mine")
    loaded = bundle.load_as_loaded_model(folder)
    x = np.random.default_rng(1).integers(0, 255, (3, 48, 48, 3), dtype=np.uint8)
    np.testing.assert_allclose(loaded.run(x), np.asarray(res.model(x.astype("float32"))), atol=1e-5)
    assert loaded.class_names == ["blue", "green", "red"]
    meta = bundle.load(folder)[1]
    assert meta["base_model"] == "VGG16" and meta["dataset"]["seed"] == 123 and "accuracy" in meta["metrics"]


def _augmented_fixture_folders(root):
    """cat/dog/hotdog: *_train_* photos augmented into train/, *_test_* into val/."""
    src = FIXTURES / "images" / "transfer"
    rng = np.random.default_rng(0)
    for split, key, copies in (("train", "_train_", 12), ("val", "_test_", 6)):
        for cls in ("cat", "dog", "hotdog"):
            out = root / split / cls
            out.mkdir(parents=True)
            for f in sorted((src / cls).glob(f"*{key}*")):
                img = Image.open(f).convert("RGB")
                for i in range(copies):
                    w, h = img.size
                    s = rng.uniform(0.75, 1.0)
                    cw, ch = int(w * s), int(h * s)
                    left, top = rng.integers(0, w - cw + 1), rng.integers(0, h - ch + 1)
                    a = img.crop((left, top, left + cw, top + ch)).rotate(rng.uniform(-12, 12))
                    if i % 2:
                        a = ImageOps.mirror(a)
                    a.save(out / f"{f.stem}_{i}.png")
    return root / "train", root / "val"


@needs_fixtures
def test_real_base_learns_cat_dog_hotdog_and_finetune_keeps_it(tmp_path):
    train_dir, val_dir = _augmented_fixture_folders(tmp_path / "pets")
    r = dataset.scan(train_dir, val_folder=val_dir)
    common = dict(model="MobileNet", alpha=0.25, weights=str(MOBILENET_025_NO_TOP), epochs=15, early_stopping=0,
                  learning_rate=1e-3, batch_size=16)
    extract = trainer.train(r, trainer.TrainSettings(mode="extract", **common))
    print(f"\nreal base: extract accuracy {extract.evaluation.accuracy:.3f}")
    assert extract.evaluation.accuracy >= 0.75, extract.evaluation  # chance is 0.33
    fine = trainer.train(r, trainer.TrainSettings(mode="finetune", finetune_epochs=3, unfreeze=10,
                                                  **{**common, "epochs": 8}))
    print(f"real base: finetune accuracy {fine.evaluation.accuracy:.3f}")
    assert fine.evaluation.accuracy >= extract.evaluation.accuracy - 0.12, (fine.evaluation, extract.evaluation)


def test_export_savedmodel_and_tflite_agree_with_keras(synthetic, tmp_path):
    from engine.train import export

    r = dataset.scan(synthetic)
    res = trainer.train(r, settings("extract", epochs=2))
    samples = np.random.default_rng(3).integers(0, 255, (4, 48, 48, 3), dtype=np.uint8)
    out = export.export(res.model, tmp_path / "export", samples)
    assert out.top1_agree and out.checked == 4
    assert (tmp_path / "export" / "saved_model" / "saved_model.pb").is_file()
    assert (tmp_path / "export" / "model.tflite").stat().st_size > 1000
