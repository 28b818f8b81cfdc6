"""Moving an image to another class folder (never overwriting, undoable), a training run's
checkpoint as a pid-named temp, and exporting a trained model into a new folder."""

from __future__ import annotations

import json
import os
import stat

import pytest

from engine import fileio
from engine.errors import StudioError
from engine.train import checkpoint, relabel
from engine.train.export_bundle import export_bundle


def _data(tmp_path):
    for c in ("cat", "dog"):
        (tmp_path / "data" / c).mkdir(parents=True)
    img = tmp_path / "data" / "cat" / "a.jpg"
    img.write_bytes(b"the cat file")
    return img


def test_move_to_class_never_overwrites_and_undo_puts_it_back(tmp_path):
    img = _data(tmp_path)
    clash = tmp_path / "data" / "dog" / "a.jpg"
    clash.write_bytes(b"a different dog photo")
    move = relabel.move_to_class(img, "dog")
    assert not img.exists() and clash.read_bytes() == b"a different dog photo"  # the user's file is untouched
    assert move.target == str(tmp_path / "data" / "dog" / "a (2).jpg") and move.class_name == "dog"
    assert (tmp_path / "data" / "dog" / "a (2).jpg").read_bytes() == b"the cat file"
    back = relabel.undo(move)
    assert back.target == str(img) and img.read_bytes() == b"the cat file"
    assert sorted(p.name for p in (tmp_path / "data" / "dog").iterdir()) == ["a.jpg"]


def test_undo_keeps_a_file_that_took_the_old_name(tmp_path):
    img = _data(tmp_path)
    move = relabel.move_to_class(img, "dog")
    img.write_bytes(b"new file with the old name")
    back = relabel.undo(move)
    assert img.read_bytes() == b"new file with the old name" and back.target.endswith("a (2).jpg")


def test_move_refuses_what_it_cannot_do(tmp_path):
    img = _data(tmp_path)
    with pytest.raises(StudioError, match="already in"):
        relabel.move_to_class(img, "cat")
    with pytest.raises(StudioError, match="no class folder"):
        relabel.move_to_class(img, "bird")
    with pytest.raises(StudioError, match="no longer there"):
        relabel.move_to_class(tmp_path / "data" / "cat" / "gone.jpg", "dog")


def test_checkpoint_is_a_pid_named_temp_and_discard_leaves_nothing(tmp_path):
    path = checkpoint.new(tmp_path / "models" / "MyModel")
    assert fileio.is_temp_name(path.parent.name) and str(os.getpid()) in path.parent.name
    path.write_bytes(b"checkpoint")
    user_file = tmp_path / "models" / "notes.keras"
    user_file.write_bytes(b"mine")
    checkpoint.discard(path)
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["notes.keras"]
    checkpoint.discard(user_file.parent / "elsewhere" / "x.keras")  # nothing there: no error


def test_written_files_get_normal_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        fileio.write_text(tmp_path / "out.csv", "a,b\n")
        folder = fileio.temp_dir_beside(tmp_path / "bundle")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644  # mkstemp made 0600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def _tiny_model():
    import keras

    inputs = keras.Input((8, 8, 3))
    outputs = keras.layers.Dense(3, activation="softmax")(keras.layers.GlobalAveragePooling2D()(inputs))
    return keras.Model(inputs, outputs)


def test_export_makes_a_new_folder_with_labels_and_never_writes_into_an_existing_one(tmp_path):
    bundle = tmp_path / "models" / "Pets"
    bundle.mkdir(parents=True)
    _tiny_model().save(bundle / "model.keras")  # nothing training-only in it: exported as it is
    (bundle / "metadata.json").write_text(json.dumps({"class_names": ["cat", "dog", "hot dog"]}))
    dest = tmp_path / "exports"
    (dest / "Pets").mkdir(parents=True)
    (dest / "Pets" / "model.keras").write_bytes(b"the user's own")
    old = os.umask(0o022)
    try:
        out = export_bundle(bundle, dest, deploy=False)
    finally:
        os.umask(old)
    assert out.folder == str(dest / "Pets (2)") and out.files == ["labels.txt", "metadata.json", "model.keras"]
    assert (dest / "Pets" / "model.keras").read_bytes() == b"the user's own"
    assert (dest / "Pets (2)" / "labels.txt").read_text().splitlines() == ["cat", "dog", "hot dog"]
    assert (dest / "Pets (2)" / "model.keras").read_bytes() == (bundle / "model.keras").read_bytes()
    assert stat.S_IMODE((dest / "Pets (2)" / "model.keras").stat().st_mode) == 0o644
    assert not [p for p in dest.iterdir() if p.name.startswith(".")]  # no temp left
    with pytest.raises(StudioError, match="not a trained model"):
        export_bundle(tmp_path, dest, deploy=False)


@pytest.mark.slow
def test_export_a_real_bundle_as_savedmodel_and_tflite(tmp_path, monkeypatch):
    import numpy as np
    from PIL import Image

    from engine.train import bundle as bundles, dataset, trainer

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    for c, col in {"red": (200, 40, 40), "blue": (40, 40, 200)}.items():
        (tmp_path / "data" / c).mkdir(parents=True)
        for i in range(6):
            a = np.random.default_rng(i).normal(120, 30, (48, 48, 3)).clip(0, 255).astype(np.uint8)
            a[10:30, 10:30] = col
            Image.fromarray(a).save(tmp_path / "data" / c / f"{i}.png")
    report = dataset.scan(tmp_path / "data")
    s = trainer.TrainSettings(model="VGG16", input_size=48, weights=None, epochs=2, early_stopping=0)
    res = trainer.train(report, s)
    folder = bundles.save(res.model, trainer.metadata(res, report, s.model), tmp_path / "home" / "models" / "Shapes")
    (tmp_path / "out").mkdir()
    out = export_bundle(folder, tmp_path / "out", deploy=True, sample_paths=[x.path for x in report.val])
    assert out.files == ["labels.txt", "metadata.json", "model.keras", "model.tflite", "saved_model"]
    assert out.tflite_checked == len(report.val)
    assert (tmp_path / "out" / "Shapes" / "labels.txt").read_text().split() == ["blue", "red"]
