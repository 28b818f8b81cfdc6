"""`train --from` with a tampered folder: every field of a bundle's metadata.json and of a
kept checkpoint's run.json is checked before training starts.  A bad architecture field
(the saved weights depend on it) refuses the model with a sentence naming the field; a bad
run option falls back to its default and is said once; a checkpoint opens through the same
checks as any .keras file (a zip bomb and a Lambda layer are refused, not opened)."""

from __future__ import annotations

import json
import os
import threading
import zipfile
from dataclasses import asdict

import pytest

from engine import safefiles
from engine.errors import StudioError
from engine.train import bundle, resume, trainer

pytestmark = pytest.mark.faults


def _tiny(classes=2, lam=False):
    import keras

    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Flatten()(inputs)
    if lam:
        x = keras.layers.Lambda(lambda t: t * 2.0)(x)
    return keras.Model(inputs, keras.layers.Dense(classes, activation="softmax")(x))


SETTINGS = asdict(trainer.TrainSettings(model="MobileNet", alpha=0.25, input_size=32))
META = {"class_names": ["cat", "dog"], "base_model": "MobileNet", "training": SETTINGS,
        "history": {"loss": [0.9, 0.7, 0.6]}}


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    return bundle.save(_tiny(), META, tmp_path_factory.mktemp("from") / "good")


def _with(folder, tmp_path, change):
    import shutil

    copy = shutil.copytree(folder, tmp_path / "tampered")
    meta = json.loads((copy / "metadata.json").read_text())
    change(meta)
    (copy / "metadata.json").write_text(json.dumps(meta))
    return copy


def _set(key, value):
    def change(meta):
        meta["training"][key] = value
    return change


ARCHITECTURE = {  # the change -> words of the refusal
    "model null": (_set("model", None), "'model'"),
    "model unknown": (_set("model", "NoSuchNet"), "no model called"),
    "input size abc": (_set("input_size", "abc"), "'input_size'"),
    "input size huge": (_set("input_size", 10 ** 9), "'input_size'"),
    "dense 5": (_set("dense", 5), "'dense'"),
    "dense of text": (_set("dense", ["wide"]), "'dense'"),
    "pooling evil": (_set("pooling", "evil"), "'pooling'"),
    "dropout 5": (_set("dropout", 5), "'dropout'"),
    "alpha negative": (_set("alpha", -1), "'alpha'"),
    "model file gone": (_set("model_file", "/nowhere/model.keras"), "'model_file'"),
    "training a list": (lambda m: m.__setitem__("training", [1]), "'training'"),
    "history a number": (lambda m: m.__setitem__("history", 5), "'history'"),
    "class names repeated": (lambda m: m.__setitem__("class_names", ["cat", "cat"]), "distinct names"),
    "class names numbers": (lambda m: m.__setitem__("class_names", [1, 2]), "class_names"),
    "three names, two outputs": (lambda m: m.__setitem__("class_names", ["a", "b", "c"]), "classes"),
}
OPTIONS = {  # the change -> the field that falls back to its default
    "mode bogus": (_set("mode", "bogus"), "mode"),
    "epochs many": (_set("epochs", "many"), "epochs"),
    "learning rate NaN": (_set("learning_rate", float("nan")), "learning_rate"),
    "augmentation unknown": (_set("augmentations", ["rm -rf /"]), "augmentations"),
    "batch size 0": (_set("batch_size", 0), "batch_size"),
    "backend evil": (_set("backend", "evil"), "backend"),
}


@pytest.mark.parametrize("case", sorted(ARCHITECTURE))
def test_a_bad_architecture_field_refuses_the_model_with_its_name(good, tmp_path, case):
    change, words = ARCHITECTURE[case]
    with pytest.raises(StudioError, match=words):
        resume.load_start(_with(good, tmp_path, change))


@pytest.mark.parametrize("case", sorted(OPTIONS))
def test_a_bad_run_option_falls_back_to_its_default_and_is_said(good, tmp_path, case):
    change, field = OPTIONS[case]
    start = resume.load_start(_with(good, tmp_path, change))
    assert field not in start.settings and start.settings["model"] == "MobileNet"
    said = safefiles.notices()
    assert len(said) == 1 and f"'{field}'" in said[0]


@pytest.mark.parametrize("history", [{"loss": 5}, {"loss": ["a"]}, {"loss": {"1": 2}}, {"loss": [True]}])
def test_a_history_that_is_not_a_list_of_losses_counts_from_zero(good, tmp_path, history):
    start = resume.load_start(_with(good, tmp_path, lambda m: m.__setitem__("history", history)))
    assert start.epochs_done == 0 and safefiles.notices()


def test_every_checked_field_is_a_training_setting():
    from dataclasses import fields

    from engine.train import saved_settings

    checked = set(saved_settings.ARCHITECTURE) | set(saved_settings.OPTIONS)
    assert checked == {f.name for f in fields(trainer.TrainSettings)}  # a new setting gets a check too


def test_the_good_bundle_continues_with_its_settings(good):
    start = resume.load_start(good)
    assert (start.classes, start.epochs_done, start.settings["alpha"]) == (["cat", "dog"], 3, 0.25)
    assert safefiles.notices() == []


def test_the_command_line_says_why_before_training(good, tmp_path, capsys, home):
    from engine.cli import main

    from .hostile import jpeg_bytes

    for cls in ("cat", "dog"):
        (tmp_path / "data" / cls).mkdir(parents=True)
        (tmp_path / "data" / cls / "1.jpg").write_bytes(jpeg_bytes((16, 16)))
    bad = _with(good, tmp_path, _set("pooling", "evil"))
    assert main(["train", str(tmp_path / "data"), "--from", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "'pooling'" in err and "Traceback" not in err and "epoch" not in err, err
    assert main(["train", str(tmp_path / "data"), "--from", str(good), "--out", str(good), "--overwrite"]) == 1
    assert "reads" in capsys.readouterr().err  # the model continued from is never written over


# -- a kept checkpoint: run.json beside checkpoint.keras --------------------------------------

def _checkpoint(folder, run, model=None):
    folder.mkdir(parents=True, exist_ok=True)
    if model is None:
        _tiny().save(folder / "checkpoint.keras")
    else:
        model(folder / "checkpoint.keras")
    if callable(run):
        run(folder / "run.json")
    else:
        (folder / "run.json").write_text(run if isinstance(run, str) else json.dumps(run))
    return folder / "checkpoint.keras"


GOOD_RUN = {"settings": SETTINGS, "classes": ["cat", "dog"]}
RUNS = {  # run.json -> words of the refusal
    "deep JSON": ("[" * 100_000, "nests deeper"),
    "not JSON": ("{", "not valid JSON"),
    "not an object": ("[1, 2]", "not an object"),
    "no classes": ({"settings": SETTINGS}, "classes"),
    "classes a number": ({"settings": SETTINGS, "classes": 5}, "classes"),
    "no settings": ({"classes": ["cat", "dog"]}, "no training settings"),
    "model null": ({"settings": {**SETTINGS, "model": None}, "classes": ["cat", "dog"]}, "'model'"),
    "a FIFO": (os.mkfifo, "named pipe"),
    "a folder": (os.mkdir, "folder"),
}


@pytest.mark.parametrize("case", sorted(RUNS))
def test_a_tampered_run_json_is_refused_with_a_message(tmp_path, case):
    run, words = RUNS[case]
    path = _checkpoint(tmp_path / "ckpt", run)
    box = {}

    def load():
        try:
            resume.load_start(path)
        except StudioError as exc:
            box["error"] = str(exc)

    t = threading.Thread(target=load, daemon=True)
    t.start()
    t.join(30)
    assert not t.is_alive(), "train --from hung"
    assert words in box.get("error", ""), box
    assert os.path.lexists(path.with_name("run.json"))  # the user's folder: reported, never moved


def _zip_bomb(path, mib=200):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("config.json", "{}")
        with zf.open("model.weights.h5", "w", force_zip64=True) as f:
            block = bytes(1 << 20)
            for _ in range(mib):
                f.write(block)


CHECKPOINTS = {
    "zip bomb": (_zip_bomb, "zip bomb"),
    "Lambda layer": (lambda p: _tiny(lam=True).save(p), "Lambda"),
    "random bytes": (lambda p: p.write_bytes(os.urandom(4096)), "damaged"),
    "empty": (lambda p: p.write_bytes(b""), "damaged"),
    "three outputs saved, two classes in run.json": (lambda p: _tiny(3).save(p), "classes"),
}


@pytest.mark.parametrize("case", sorted(CHECKPOINTS))
def test_a_checkpoint_goes_through_the_checks_of_any_model_file(tmp_path, case):
    make, words = CHECKPOINTS[case]
    path = _checkpoint(tmp_path / "ckpt", GOOD_RUN, model=make)
    with pytest.raises(StudioError, match=words):
        resume.load_start(path)


def test_a_good_checkpoint_resumes(tmp_path):
    start = resume.load_start(_checkpoint(tmp_path / "ckpt", GOOD_RUN))
    assert start.classes == ["cat", "dog"] and start.settings["model"] == "MobileNet"
