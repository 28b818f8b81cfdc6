"""Resuming a kept checkpoint trusts nothing in its folder: a run.json that is not JSON, not an
object, larger than a run file can be, or not a file at all is refused with a message that
names it, and so is one whose classes do not match the model's outputs; a run.json at the
size limit is still read.  One tiny saved model, no training."""

from __future__ import annotations

import json

import keras
import pytest

from engine.errors import StudioError
from engine.train import resume


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    inputs = keras.Input((8, 8, 3))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(2, 3)(inputs))
    path = folder / "checkpoint.keras"
    keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x)).save(path)
    return path


def _run_file(checkpoint, content: bytes):
    run = checkpoint.with_name(resume.RUN_FILE)
    if run.is_dir():
        run.rmdir()
    run.write_bytes(content)
    return run


def _refusal(checkpoint) -> str:
    with pytest.raises(StudioError) as err:
        resume.load_start(checkpoint)
    return str(err.value)


def test_a_run_file_that_is_not_json_or_not_an_object_is_refused_by_name(checkpoint):
    run = _run_file(checkpoint, b"{settings: none")
    where = f"The kept checkpoint's run.json ('{run}')"
    message = _refusal(checkpoint)
    assert message.startswith(f"{where} cannot be used ('run.json' is not valid JSON")
    assert message.endswith("); nothing to resume.")
    _run_file(checkpoint, b'[{"model": "MobileNet"}]')
    assert _refusal(checkpoint) == f"{where} is not an object of settings; nothing to resume."


def test_a_run_file_larger_than_a_run_file_can_be_is_refused_and_one_at_the_limit_is_read(checkpoint):
    body = json.dumps({"settings": {"model": "MobileNet"}, "classes": ["a", "b", "c"]}).encode()
    _run_file(checkpoint, body + b" " * (resume.RUN_CAP - len(body)))  # exactly the limit
    assert "names 3 classes but its model has 2 outputs" in _refusal(checkpoint)  # read, then checked
    _run_file(checkpoint, body + b" " * (resume.RUN_CAP + 1 - len(body)))
    message = _refusal(checkpoint)
    assert "cannot be used" in message and f"more than the {resume.RUN_CAP:,} allowed" in message


def test_a_run_file_that_is_a_folder_is_refused(checkpoint):
    run = checkpoint.with_name(resume.RUN_FILE)
    if run.exists():
        run.unlink()
    run.mkdir()
    try:
        message = _refusal(checkpoint)
    finally:
        run.rmdir()
    assert message.startswith(f"The kept checkpoint's run.json ('{run}') cannot be used (")
    assert "is a folder" in message


def test_bad_classes_or_settings_in_a_run_file_are_refused_by_its_name(checkpoint):
    run = _run_file(checkpoint, json.dumps({"settings": {"model": "MobileNet"}, "classes": ["a", "a"]}).encode())
    where = f"The kept checkpoint's run.json ('{run}')"
    assert _refusal(checkpoint).startswith(f"{where} does not list its classes as distinct names")
    _run_file(checkpoint, json.dumps({"settings": "MobileNet", "classes": ["a", "b"]}).encode())
    assert _refusal(checkpoint).startswith(f"{where} holds no training settings")


def test_classes_that_do_not_match_the_models_outputs_are_refused(checkpoint):
    run = _run_file(checkpoint, json.dumps({"settings": {"model": "MobileNet"}, "classes": ["a", "b", "c"]}).encode())
    assert _refusal(checkpoint) == (f"The kept checkpoint's run.json ('{run}') names 3 classes but its model has 2 "
                                    "outputs; it cannot be continued.")
    _run_file(checkpoint, json.dumps({"settings": {"model": "MobileNet"}, "classes": ["b", "a"]}).encode())
    start = resume.load_start(checkpoint)
    assert start.classes == ["b", "a"] and start.settings == {"model": "MobileNet"}


def test_a_bundles_refusals_name_the_trained_model(tmp_path, monkeypatch):
    from engine.train import bundle

    folder = tmp_path / "b"
    folder.mkdir()
    monkeypatch.setattr(bundle, "load", lambda path: (None, {"class_names": [], "training": {"model": "MobileNet"}}))
    assert _refusal(folder).startswith(f"The trained model '{folder}' does not list its classes as distinct names")
    monkeypatch.setattr(bundle, "load", lambda path: (None, {"class_names": ["a"], "training": {"dense": []}}))
    assert _refusal(folder) == (f"The trained model '{folder}' does not say which model it was trained from, so it "
                                "cannot be continued.")


def test_a_bundle_is_opened_from_its_folder_and_a_bad_history_is_said_with_its_name(tmp_path, monkeypatch):
    from engine import safefiles
    from engine.train import bundle

    folder = tmp_path / "b"
    folder.mkdir()
    opened = []
    meta = {"class_names": ["a", "b"], "training": {"model": "MobileNet"}, "history": {"loss": "not a list"}}
    monkeypatch.setattr(bundle, "load", lambda path: (opened.append(path), ("m", meta))[1])
    safefiles.notices()
    start = resume.load_start(str(folder))
    assert opened == [folder] and start.epochs_done == 0
    said = safefiles.notices()
    assert len(said) == 1 and said[0].startswith(f"The trained model '{folder}': the recorded training history")
