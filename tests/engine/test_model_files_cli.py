"""`--model-file` on the command line, end to end and in-process: predict, explain, layers
and train (fine-tuning the file further) on a Teachable-Machine-like Keras 2 .h5."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from engine import images, sources
from engine.cli import main

from ..conftest import FIXTURES, fixture_image, needs_fixtures
from . import keras2_files


class Out:
    def __init__(self, code: int, captured):
        self.returncode, self.stdout, self.stderr = code, captured.out, captured.err


def run(capsys, *args) -> Out:
    code = main([str(a) for a in args])
    return Out(code, capsys.readouterr())


@pytest.fixture(scope="module")
def tm(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tm-cli")
    return keras2_files.teachable_machine_like(folder)


@needs_fixtures
def test_predict_model_file_json_matches_tf_keras(tm, capsys):
    path, reference = tm
    out = run(capsys, "predict", fixture_image("cat.png"), fixture_image("parrot.jpg"), "--model-file", path,
              "--preprocess", "minus1to1", "--backend", "keras", "--top", "3", "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    for row, name in zip(rows, ("cat.png", "parrot.jpg")):
        px = images.model_input(images.load_image(fixture_image(name)).pixels, keras2_files.SIZE, "stretch").pixels
        want = reference(keras2_files.minus1to1(px[None]), training=False).numpy()[0]
        got = {c["name"]: c["probability"] for c in row["top"]}
        assert set(got) == set(keras2_files.CLASSES)  # names from labels.txt
        for i, cls in enumerate(keras2_files.CLASSES):
            assert abs(got[cls] - want[i]) < 1e-5
    # The choice is remembered: without --preprocess no note, same answer.
    again = run(capsys, "predict", fixture_image("cat.png"), "--model-file", path, "--backend", "keras", "--json")
    assert "no preprocessing known" not in again.stderr
    assert json.loads(again.stdout)[0]["top"][0] == rows[0]["top"][0]


@needs_fixtures
def test_explain_and_layers_on_a_model_file(tm, tmp_path, capsys):
    path, _ = tm
    overlay = tmp_path / "o.png"
    out = run(capsys, "explain", fixture_image("parrot.jpg"), "--model-file", path, "--preprocess", "minus1to1",
              "--class", "dog", "--out", overlay, "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["class"] == "dog" and summary["class_index"] == 1
    assert summary["layer"].endswith("conv_pw_13_relu")
    assert Image.open(overlay).size == Image.open(fixture_image("parrot.jpg")).size
    bad = run(capsys, "explain", fixture_image("parrot.jpg"), "--model-file", path, "--class", "tabby",
              "--out", tmp_path / "x.png")
    assert bad.returncode == 1 and "no class 'tabby'" in bad.stderr
    layers = run(capsys, "layers", "--model-file", path)
    assert layers.returncode == 0 and "conv_pw_13_relu" in layers.stdout and "Grad-CAM default" in layers.stdout


def test_model_file_argument_faults(tmp_path, capsys):
    out = run(capsys, "predict", "x.jpg", "--model-file", tmp_path / "missing.h5")
    assert out.returncode == 1 and "does not exist" in out.stderr
    (tmp_path / "m.h5").write_bytes(b"")
    out = run(capsys, "predict", "x.jpg", "--model-file", tmp_path / "m.h5", "--alpha", "0.5")
    assert out.returncode == 1 and "--alpha applies to zoo models" in out.stderr
    out = run(capsys, "predict", "x.jpg", "--model", "MobileNetV2", "--preprocess", "0to1")
    assert out.returncode == 1 and "--preprocess applies to --model-file" in out.stderr


@needs_fixtures
def test_train_fine_tunes_a_model_file_one_epoch(tm, tmp_path, capsys):
    path, _ = tm
    out_dir = tmp_path / "tuned"
    out = run(capsys, "train", FIXTURES / "images" / "transfer", "--model-file", path, "--preprocess", "minus1to1",
              "--mode", "extract", "--epochs", "1", "--val-split", "0.34", "--batch-size", "4", "--out", out_dir,
              "--backend", "keras", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert sorted(result["dataset"]["classes"]) == ["cat", "dog", "hotdog"]
    meta = json.loads((out_dir / "metadata.json").read_text())
    assert meta["base_model"] == "keras_model"
    tuned = sources.load(sources.bundle_request(out_dir))  # a bundle now: raw pixels in, its own preprocessing
    assert tuned.class_names == ["cat", "dog", "hotdog"] and tuned.input_size == keras2_files.SIZE
    # Its base is the file's: the features it computes are the file's own.
    from engine.sources import model_file

    file_base = model_file.feature_base(model_file.open_model(path))
    px = images.model_input(images.load_image(fixture_image("cat.png")).pixels, keras2_files.SIZE, "stretch").pixels
    inner = [layer for layer in tuned.model.layers if layer.name.endswith("_features")][0]
    np.testing.assert_allclose(np.asarray(inner(keras2_files.minus1to1(px[None]))),
                               np.asarray(file_base(keras2_files.minus1to1(px[None]))), atol=1e-5)
