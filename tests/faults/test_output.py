"""`train --out` and the bundle writer never delete or overwrite what the app did not create.

Each case stages real folders holding "user" files, asks for the output there, and checks
every user file is still there, byte for byte, and that refusals come before training."""

from __future__ import annotations

import os
import time

# Keras at import, not in the fixture: a mutation run imports the test modules once and forks
# a worker per mutant, and a worker that imported Keras itself (seconds of CPU, not counted in
# the test's own duration) ran past mutmut's time-out and was counted as killed.
import keras
import pytest

from engine.cli import main
from engine.errors import StudioError
from engine.train import bundle, output

pytestmark = pytest.mark.faults
TRAIN = ["--model", "MobileNet", "--alpha", "0.25", "--input-size", "32", "--weights", "none", "--epochs", "1"]


def _snapshot(folder):
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def world(tmp_path, home):
    """A dataset, a thesis folder, an empty folder and a file, all the user's."""
    data = tmp_path / "data"
    for cls in ("cat", "dog"):
        (data / cls).mkdir(parents=True)
        (data / cls / "1.jpg").write_bytes(b"user image " + cls.encode())
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "draft.tex").write_text("chapter 1")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("notes")
    return tmp_path


@pytest.fixture
def tiny_model():
    return keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])


META = {"class_names": ["cat", "dog"], "base_model": "MobileNet", "history": {"loss": [0.7, 0.5]}}


@pytest.mark.parametrize("out, why", [
    ("thesis", "did not create"),
    ("data", "inside the training data"),
    ("data/cat", "inside the training data"),
    (".", "training data"),  # the current folder holds the data here
    ("notes.txt", "file"),
])
def test_train_refuses_a_foreign_destination_before_training(world, capsys, monkeypatch, out, why):
    monkeypatch.chdir(world)
    before = _snapshot(world)
    t = time.perf_counter()
    code = main(["train", "data", *TRAIN, "--out", out])
    err = capsys.readouterr().err
    assert code == 1 and why in err, err
    assert "Traceback" not in err and "epoch" not in err  # refused before any training
    assert time.perf_counter() - t < 5
    assert _snapshot(world) == before


def test_the_current_folder_is_refused_even_without_data_in_it(world, capsys, monkeypatch):
    (world / "work").mkdir()
    monkeypatch.chdir(world / "work")
    assert main(["train", str(world / "data"), *TRAIN, "--out", "."]) == 1
    assert "current folder" in capsys.readouterr().err


def test_plan_gives_a_new_name_beside_a_taken_one(world, tiny_model):
    models = world / "models"
    first = output.plan(None, name="run", data_dirs=[world / "data"], models_dir=models)
    bundle.save(tiny_model, META, first)
    (models / "run-2").mkdir()
    (models / "run-2" / "mine.txt").write_text("the user's")
    third = output.plan(None, name="run", data_dirs=[world / "data"], models_dir=models)
    assert (first.name, third.name) == ("run", "run-3")
    assert output.plan(None, name="run", data_dirs=[], models_dir=models, overwrite=True) == first
    assert (models / "run-2" / "mine.txt").read_text() == "the user's"


def test_save_refuses_anything_but_its_own_bundle(world, tiny_model):
    """Defence in depth: ``bundle.save`` itself refuses, whatever the caller checked."""
    before = _snapshot(world)
    for target in ("thesis", "data", "notes.txt"):
        for overwrite in (False, True):
            with pytest.raises(StudioError):
                bundle.save(tiny_model, META, world / target, overwrite=overwrite)
    assert _snapshot(world) == before
    mine = bundle.save(tiny_model, META, world / "mine")
    with pytest.raises(StudioError, match="--overwrite"):
        bundle.save(tiny_model, META, mine)
    (mine / "results.csv").write_text("the user's")  # the user added a file: no longer ours alone
    with pytest.raises(StudioError, match="did not create"):
        bundle.save(tiny_model, META, mine, overwrite=True)
    assert (mine / "results.csv").read_text() == "the user's"
    assert not [p for p in world.iterdir() if p.name.startswith(".")]  # no temp folder left


def test_overwrite_replaces_only_our_bundle_and_an_empty_folder_is_filled(world, tiny_model):
    mine = bundle.save(tiny_model, {**META, "class_names": ["a", "b"]}, world / "mine")
    bundle.save(tiny_model, META, mine, overwrite=True)
    assert bundle.load(mine)[1]["class_names"] == ["cat", "dog"]
    filled = bundle.save(tiny_model, META, world / "empty")
    assert bundle.is_bundle(filled)
    legacy = world / "legacy"  # a bundle written before the marker field existed
    bundle.save(tiny_model, META, legacy)
    meta = (legacy / "metadata.json").read_text().replace('"created_by": "Pretrained Studio",', '')
    assert "created_by" not in meta
    (legacy / "metadata.json").write_text(meta)
    assert bundle.is_bundle(legacy)


def test_a_diverged_model_is_not_saved(world, tiny_model):
    with pytest.raises(StudioError, match="not finite"):
        bundle.save(tiny_model, {**META, "history": {"loss": [0.7, float("nan")]}}, world / "nan")
    assert not os.path.exists(world / "nan")


def test_export_never_replaces_the_users_folder(world):
    with pytest.raises(StudioError, match="did not create"):
        output.plan_export(world / "thesis", data_dirs=[world / "data"])
    with pytest.raises(StudioError, match="inside the training data"):
        output.plan_export(world / "data" / "x", data_dirs=[world / "data"])
