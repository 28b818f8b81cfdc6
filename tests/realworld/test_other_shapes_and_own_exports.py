"""Files this app wrote open back with no options and predict like the model that wrote them
(a bundle's model.keras — once scaled twice on the command line — and the Export's model.keras,
SavedModel and TFLite); models of the shapes tutorials write predict right: a grey, non-square
input with logits out, and one sigmoid unit (a two-class model named from labels.txt)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import images, sources
from engine.cli import main

from ..conftest import fixture_image, needs_fixtures

PHOTOS = ("cat.png", "owl.jpg", "hot_dog.jpg")


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _textured_model(size=32):
    """A small raw-pixel classifier of ours (preprocessing inside), weights seeded so photos differ."""
    import keras

    from engine.sources.preprocess_layer import FamilyPreprocess

    keras.utils.set_random_seed(5)
    inputs = keras.Input((size, size, 3))
    x = FamilyPreprocess("mobilenet_v2", name="preprocess")(inputs)
    x = keras.layers.Conv2D(8, 3, activation="relu")(x)
    x = keras.layers.Conv2D(8, 3, strides=2, activation="relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(x))


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    from engine.train import bundle

    root = tmp_path_factory.mktemp("own")
    model = _textured_model()
    folder = bundle.save(model, {"name": "mine", "class_names": ["apple", "pear", "fig"], "base_model": "X"},
                         root / "mine")
    return model, folder


@pytest.fixture(scope="module")
def exported(own):
    from engine.train.export_bundle import export_bundle

    return export_bundle(own[1], own[1].parent, deploy=True)


def _want(model, size=32):
    px = np.stack([images.model_input(images.load_image(fixture_image(p)).pixels, size, "stretch").pixels
                   for p in PHOTOS])
    return np.asarray(model(px.astype(np.float32), training=False))


@needs_fixtures
def test_a_bundles_model_keras_predicts_right_on_the_command_line_with_no_options(own, capsys):
    model, folder = own
    code, out, err = _cli(capsys, "predict", *[fixture_image(p) for p in PHOTOS], "--model-file",
                          folder / "model.keras", "--backend", "keras", "--json")
    assert code == 0, err
    assert "note: preprocessing" not in err  # not a guess: the file says so
    want = _want(model)
    got = np.array([[{c["name"]: c["probability"] for c in r["top"]}[n] for n in ("apple", "pear", "fig")]
                    for r in json.loads(out)])
    assert np.abs(got - want).max() < 1e-5 and np.ptp(want, axis=0).max() > 0.01
    # Asking for −1…1 on top scales twice: allowed (the user asked), but said.
    code, out, err = _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", folder / "model.keras",
                          "--preprocess", "minus1to1", "--backend", "keras")
    assert code == 0 and "scales its pixels a second time" in err


@needs_fixtures
@pytest.mark.parametrize("name", ["model.keras", "saved_model", "model.tflite"])
def test_the_apps_own_three_exports_open_back_and_predict_like_the_model(own, exported, capsys, name):
    model = own[0]
    path = f"{exported.folder}/{name}"
    code, out, err = _cli(capsys, "predict", *[fixture_image(p) for p in PHOTOS], "--model-file", path, "--json")
    assert code == 0, err
    assert "note: preprocessing" not in err
    rows = json.loads(out)
    got = np.array([[{c["name"]: c["probability"] for c in r["top"]}[n] for n in ("apple", "pear", "fig")]
                    for r in rows])
    assert np.abs(got - _want(model)).max() < 1e-4


def _grey_logits_model(path):
    """A grey, non-square (30 × 40) CNN with a linear last layer, as tutorials train with from_logits=True."""
    import keras

    keras.utils.set_random_seed(11)
    inputs = keras.Input((30, 40, 1))
    x = keras.layers.Rescaling(1 / 255.0)(inputs)
    x = keras.layers.Conv2D(6, 3, activation="relu")(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dense(4)(x)  # logits
    model = keras.Model(inputs, x)
    model.layers[-1].set_weights([w * 40 for w in model.layers[-1].get_weights()])  # logits far outside 0…1
    model.save(path)
    return model


@needs_fixtures
def test_a_grey_non_square_logits_model_predicts_softmax_of_its_logits(tmp_path, capsys):
    path = tmp_path / "grey.keras"
    model = _grey_logits_model(path)
    (tmp_path / "labels.txt").write_text("cat\ndog\nowl\nhot dog\n", encoding="utf-8")
    files = [fixture_image(p) for p in PHOTOS]
    code, out, err = _cli(capsys, "predict", *files, "--model-file", path, "--backend", "keras", "--json", "--top",
                          "4")
    assert code == 0, err
    assert "Rescaling layer" in err and "none (the model takes raw" in err  # guessed from the file, with the note
    assert "scores are logits; shown as softmax" in err
    rows = json.loads(out)
    biggest = 0.0
    for f, row in zip(files, rows):
        rgb = images.model_input(images.load_image(f).pixels, (40, 30), "stretch").pixels.astype(np.float64)
        grey = rgb[..., 0:1] * 0.2989 + rgb[..., 1:2] * 0.5870 + rgb[..., 2:3] * 0.1140
        logits = np.asarray(model(grey[None].astype(np.float32)))[0].astype(np.float64)
        biggest = max(biggest, float(np.abs(logits).max()))
        want = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
        got = {c["name"]: c["probability"] for c in row["top"]}
        assert np.abs(np.array([got[n] for n in ("cat", "dog", "owl", "hot dog")]) - want).max() < 1e-5
        assert abs(sum(got.values()) - 1) < 1e-5
    assert biggest > 1  # truly logits: shown raw they would be "-500 %"
    code, out, err = _cli(capsys, "explain", files[0], "--model-file", path, "--out", tmp_path / "x.png")
    assert code == 1 and "square" in err


@needs_fixtures
def test_one_sigmoid_unit_is_a_two_class_model_named_from_labels(tmp_path, capsys):
    import tf_keras as k2

    k2.utils.set_random_seed(3)
    model = k2.Sequential([k2.Input((24, 24, 3)), k2.layers.Conv2D(4, 3, activation="relu"),
                           k2.layers.GlobalAveragePooling2D(), k2.layers.Dense(1, activation="sigmoid")])
    model.layers[-1].set_weights([w * 30 for w in model.layers[-1].get_weights()])
    model.save(tmp_path / "binary.h5")
    (tmp_path / "labels.txt").write_text("0 not hot dog\n1 hot dog\n", encoding="utf-8")
    files = [fixture_image(p) for p in PHOTOS]
    code, out, err = _cli(capsys, "predict", *files, "--model-file", tmp_path / "binary.h5", "--preprocess", "0to1",
                          "--backend", "keras", "--json")
    assert code == 0, err
    assert "two-class model" in err
    ps = []
    for f, row in zip(files, json.loads(out)):
        px = images.model_input(images.load_image(f).pixels, 24, "stretch").pixels.astype(np.float32) / 255
        p = float(model(px[None])[0, 0])
        got = {c["name"]: c["probability"] for c in row["top"]}
        assert abs(got["hot dog"] - p) < 1e-5 and abs(got["not hot dog"] - (1 - p)) < 1e-5
        ps.append(p)
    assert max(ps) - min(ps) > 0.05



def test_logits_that_happen_to_lie_between_0_and_1_are_still_logits(tmp_path):
    """The last layer says so: its values alone would pass for independent probabilities."""
    import keras

    inputs = keras.Input((8, 8, 3))
    x = keras.layers.GlobalAveragePooling2D()(inputs)
    model = keras.Model(inputs, keras.layers.Dense(3)(x))  # linear
    bias = np.array([0.2, 0.7, 0.1], np.float32)
    model.layers[-1].set_weights([np.zeros((3, 3), np.float32), bias])
    model.save(tmp_path / "small_logits.keras")
    loaded = sources.load(sources.file_request(tmp_path / "small_logits.keras", "none"))
    assert loaded.output_note == "scores are logits; shown as softmax"
    want = np.exp(bias) / np.exp(bias).sum()
    got = loaded.run(np.zeros((1, 8, 8, 3), np.uint8))[0]
    assert np.abs(got - want).max() < 1e-6
