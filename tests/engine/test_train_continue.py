"""Continuing a saved model (more epochs, a new class) and resuming a cancelled run."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from engine.errors import StudioError
from engine.jobs import CancelToken
from engine.train import bundle, dataset, resume, trainer

from ..conftest import MOBILENET_025_NO_TOP, needs_fixtures
from .test_train import _augmented_fixture_folders, own_home, settings, synthetic  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def saved(synthetic, tmp_path_factory):  # noqa: F811
    """A 3-class extract bundle, and the same data with a fourth class that sorts first."""
    home = tmp_path_factory.mktemp("home")
    mp = pytest.MonkeyPatch()
    mp.setenv("PRETRAINED_STUDIO_HOME", str(home))
    r = dataset.scan(synthetic)
    res = trainer.train(r, settings("extract", epochs=6))
    folder = bundle.save(res.model, trainer.metadata(res, r, "VGG16"), home / "models" / "three")
    more = tmp_path_factory.mktemp("more")
    for c in ("blue", "green", "red"):
        shutil.copytree(synthetic / c, more / c)
    shutil.copytree(synthetic / "red", more / "amber")  # a new class (same images as red: only plumbing)
    mp.undo()
    return folder, res, more


def test_a_new_class_grows_the_head_and_keeps_the_known_columns(saved):
    folder, _, more = saved
    start = resume.load_start(folder)
    r = dataset.scan(more)
    assert r.classes == ["amber", "blue", "green", "red"]
    base, _ = trainer.build_base(settings("extract"))
    from engine.train import layers

    head = layers.head(tuple(base.model.output_shape[1:]), 4, "avg", [], 0.2)
    known = resume.take_over(start, base.model, head, r.classes)
    assert known == 3
    old_kernel, old_bias = resume.head_layers(start.model)[-1].get_weights()
    kernel, bias = head.layers[-1].get_weights()
    np.testing.assert_array_equal(kernel[:, 1:], old_kernel)  # blue, green, red moved one column right
    np.testing.assert_array_equal(bias[1:], old_bias)
    assert not np.array_equal(kernel[:, 0], old_kernel[:, 2])  # amber starts fresh, not as a copy
    np.testing.assert_array_equal(base.model.get_weights()[0], resume.saved_base(start.model).get_weights()[0])


def test_continuing_a_bundle_starts_where_it_ended(saved):
    folder, _, more = saved
    start = resume.load_start(folder)
    data = dataset.scan(more)  # the known classes and a new one
    res = trainer.train(data, settings("extract", epochs=2, learning_rate=1e-9), start=start)
    assert res.model.output_shape[-1] == 4
    assert res.settings.continued_from == str(folder)
    # with a learning rate of ~0 the known classes' scores are the saved model's
    x = np.random.default_rng(2).integers(0, 255, (4, 48, 48, 3), dtype=np.uint8).astype("float32")
    old = np.asarray(start.model(x, training=False))
    new = np.asarray(res.model(x, training=False))[:, 1:]
    np.testing.assert_allclose(new / new.sum(1, keepdims=True), old, atol=2e-3)


def test_a_folder_that_is_not_ours_cannot_be_continued(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(StudioError):
        resume.load_start(tmp_path / "x")
    with pytest.raises(StudioError, match="nothing to resume"):
        resume.load_start(tmp_path / "x" / "checkpoint.keras")


@needs_fixtures
@pytest.mark.slow
def test_resume_after_cancel_ends_where_an_uninterrupted_run_ends(tmp_path):
    train_dir, val_dir = _augmented_fixture_folders(tmp_path / "pets")
    r = dataset.scan(train_dir, val_folder=val_dir)
    common = dict(model="MobileNet", alpha=0.25, weights=str(MOBILENET_025_NO_TOP), early_stopping=0,
                  learning_rate=1e-3, batch_size=16, mode="extract")
    whole = trainer.train(r, trainer.TrainSettings(epochs=12, **common))
    token = CancelToken()
    ckpt = tmp_path / "run" / "checkpoint.keras"

    def on_epoch(epoch, logs):
        if epoch == 4:
            token.cancel()

    with pytest.raises(trainer.TrainingCancelled) as info:
        trainer.train(r, trainer.TrainSettings(epochs=12, **common), checkpoint=str(ckpt), cancel=token,
                      on_epoch=on_epoch)
    start = resume.load_start(ckpt)
    assert start.settings["epochs"] == 12 and start.classes == r.classes
    rest = trainer.train(r, trainer.TrainSettings(epochs=12 - info.value.best_epoch, **common), start=start)
    print(f"\nuninterrupted {whole.evaluation.accuracy:.3f}, resumed {rest.evaluation.accuracy:.3f}")
    assert whole.evaluation.accuracy >= 0.75
    assert abs(rest.evaluation.accuracy - whole.evaluation.accuracy) <= 0.12


def test_train_from_on_the_command_line(saved, tmp_path):
    from engine.cli import main

    folder, _, more = saved
    out = tmp_path / "continued"
    assert main(["train", str(more), "--from", str(folder), "--epochs", "1", "--out", str(out)]) == 0
    _, meta = bundle.load(out)
    assert meta["class_names"] == ["amber", "blue", "green", "red"]
    t = meta["training"]
    assert t["continued_from"] == str(folder) and t["epochs"] == 1  # given here
    assert (t["model"], t["input_size"], t["learning_rate"]) == ("VGG16", 48, 3e-3)  # the saved run's
    assert main(["train", str(more), "--epochs", "1"]) == 2  # neither --model nor --from
