"""Continuing from a saved model, on heads that tell right from wrong: hidden layers (one and
two) whose weights must be carried over, classes reordered, added and dropped, and saved
models that do not match their recorded settings.  Small Keras models, no training."""

from __future__ import annotations

import json
from types import SimpleNamespace

import keras
import numpy as np
import pytest

from engine.errors import StudioError
from engine.train import layers, resume

SIZE = 16


def base(name="tiny_base", filters=4, seed=0):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((SIZE, SIZE, 3))
    return keras.Model(inputs, keras.layers.Conv2D(filters, 3, name="conv")(inputs), name=name)


def saved_model(classes: int, dense=(6,), seed=1, augmentation=False):
    """A model as training saves it: [augmentation], the base, then the head's layers inline."""
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((SIZE, SIZE, 3))
    x = inputs
    if augmentation:
        x = keras.Sequential([keras.layers.RandomFlip("horizontal")], name="augmentation")(x)
    x = keras.layers.GlobalAveragePooling2D()(base(seed=seed)(x))
    for units in dense:
        x = keras.layers.Dropout(0.2)(keras.layers.Dense(units, activation="relu")(x))
    model = keras.Model(inputs, keras.layers.Dense(classes, activation="softmax", name="predictions")(x))
    for w in model.weights:  # distinct values everywhere, so a weight left behind shows
        w.assign(np.random.default_rng(hash(w.path) % 2**32).normal(size=w.shape).astype("float32"))
    return model


def start(model, classes, source="/models/saved"):
    return resume.Start(model, classes, {"dense": [6]}, source)


@pytest.mark.parametrize("dense", [(6,), (6, 5)])
def test_hidden_layers_and_the_base_are_carried_over(dense):
    old = saved_model(3, dense)
    s = start(old, ["blue", "green", "red"])
    new_base = base(seed=9)
    head = layers.head((SIZE - 2, SIZE - 2, 4), 3, "avg", list(dense), 0.2)
    assert resume.take_over(s, new_base, head, ["blue", "green", "red"]) == 3
    for got, want in zip(new_base.get_weights(), resume.saved_base(old).get_weights()):
        np.testing.assert_array_equal(got, want)
    old_dense = [l for l in resume.head_layers(old) if l.weights]
    new_dense = [l for l in head.layers[1:] if l.weights]
    assert len(old_dense) == len(new_dense) == len(dense) + 1
    for o, n in zip(old_dense, new_dense):
        for got, want in zip(n.get_weights(), o.get_weights()):
            np.testing.assert_array_equal(got, want)
    x = np.random.default_rng(0).uniform(0, 1, (2, SIZE, SIZE, 3)).astype("float32")
    rebuilt = keras.Model(new_base.input, head(new_base.output))
    np.testing.assert_allclose(np.asarray(rebuilt(x)), np.asarray(old(x, training=False)), rtol=1e-5, atol=1e-6)


def test_classes_are_matched_by_name_new_ones_start_fresh_dropped_ones_go():
    old = saved_model(3)
    head = layers.head((SIZE - 2, SIZE - 2, 4), 3, "avg", [6], 0.2)
    fresh_kernel, fresh_bias = (np.array(w) for w in head.layers[-1].get_weights())
    known = resume.take_over(start(old, ["blue", "green", "red"]), base(), head, ["amber", "red", "blue"])
    assert known == 2
    old_kernel, old_bias = resume.head_layers(old)[-1].get_weights()
    kernel, bias = head.layers[-1].get_weights()
    np.testing.assert_array_equal(kernel[:, 1], old_kernel[:, 2])  # red
    np.testing.assert_array_equal(kernel[:, 2], old_kernel[:, 0])  # blue
    assert (bias[1], bias[2]) == (old_bias[2], old_bias[0])
    np.testing.assert_array_equal(kernel[:, 0], fresh_kernel[:, 0])  # amber: as initialised
    assert bias[0] == fresh_bias[0]


def test_a_head_that_differs_from_its_settings_or_a_base_that_differs_is_refused():
    old = saved_model(3, dense=(6,))
    no_hidden = layers.head((SIZE - 2, SIZE - 2, 4), 3, "avg", [], 0.2)
    with pytest.raises(StudioError) as err:
        resume.take_over(start(old, ["a", "b", "c"]), base(), no_hidden, ["a", "b", "c"])
    assert str(err.value) == ("The head of '/models/saved' differs from its recorded settings; it cannot be "
                              "continued.")
    head = layers.head((SIZE - 2, SIZE - 2, 5), 3, "avg", [6], 0.2)
    with pytest.raises(StudioError) as err:
        resume.take_over(start(old, ["a", "b", "c"]), base(filters=5), head, ["a", "b", "c"])
    assert str(err.value) == ("The model in '/models/saved' does not match its recorded base model; it cannot be "
                              "continued.")


def test_the_base_is_the_one_nested_model_that_is_not_the_augmentation():
    model = saved_model(2, augmentation=True)
    assert resume.saved_base(model).name == "tiny_base"
    assert [type(l).__name__ for l in resume.head_layers(model)][:2] == ["GlobalAveragePooling2D", "Dense"]
    flat = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(StudioError) as err:
        resume.saved_base(flat)
    assert str(err.value) == ("This model was not made by this app's training (no single base model inside it); it "
                              "cannot be continued.")
    inputs = keras.Input((SIZE, SIZE, 3))
    two = keras.Model(inputs, keras.layers.Add()([base("a")(inputs), base("b")(inputs)]))
    with pytest.raises(StudioError, match="no single base model"):
        resume.saved_base(two)


def test_the_saved_architecture_wins_over_the_new_settings(tmp_path):
    from engine.train.trainer import TrainSettings

    new = TrainSettings(model="ResNet50", pooling="avg", dense=[], dropout=0.5, epochs=3, learning_rate=0.01)
    saved = {"model": "MobileNet", "alpha": 0.25, "input_size": 128, "pooling": "flatten", "dense": [64],
             "dropout": 0.1, "epochs": 50, "learning_rate": 0.5, "not_a_setting": 1}
    merged = resume.merged_settings(resume.Start(None, [], saved, str(tmp_path)), new)
    assert (merged.model, merged.alpha, merged.input_size, merged.pooling, merged.dense, merged.dropout) == \
        ("MobileNet", 0.25, 128, "flatten", [64], 0.1)
    assert (merged.epochs, merged.learning_rate) == (3, 0.01)  # how to train is the new run's
    assert merged.continued_from == str(tmp_path)  # a bundle folder: named
    kept = resume.merged_settings(resume.Start(None, [], {"dense": [8]}, "/nowhere/checkpoint.keras"), new)
    assert kept.continued_from == "the kept checkpoint of a cancelled run" and kept.dense == [8]
    assert kept.model == "ResNet50"  # not recorded: the new setting stays


def test_a_checkpoint_carries_its_run_and_resumes_from_it(tmp_path):
    from engine.train.trainer import TrainSettings

    checkpoint = tmp_path / "run" / "checkpoint.keras"
    checkpoint.parent.mkdir()
    resume.write_run(str(checkpoint), TrainSettings(model="MobileNet", dense=[6]), ["blue", "red"])
    assert json.loads((tmp_path / "run" / resume.RUN_FILE).read_text())["classes"] == ["blue", "red"]
    resume.write_run(None, TrainSettings(), ["x"])  # no checkpoint: nothing written anywhere
    resume.write_run("", TrainSettings(), ["x"])
    with pytest.raises(StudioError, match="not a kept checkpoint of this app"):
        resume.load_start(checkpoint)  # the run file is there, the checkpoint is not
    model = saved_model(2)
    model.save(checkpoint)
    s = resume.load_start(checkpoint)
    assert s.classes == ["blue", "red"] and s.settings["model"] == "MobileNet" and s.settings["dense"] == [6]
    assert s.source == str(checkpoint) and s.epochs_done == 0
    np.testing.assert_array_equal(s.model.get_weights()[0], model.get_weights()[0])
    (tmp_path / "run" / resume.RUN_FILE).unlink()
    with pytest.raises(StudioError) as err:
        resume.load_start(checkpoint)
    assert str(err.value) == (f"'{checkpoint}' is not a kept checkpoint of this app (it needs run.json beside it); "
                              "nothing to resume.")


def test_a_bundle_without_training_settings_cannot_be_continued(tmp_path, monkeypatch):
    from engine.train import bundle

    folder = tmp_path / "b"
    folder.mkdir()
    for meta in ({"class_names": ["a"]}, {"class_names": ["a"], "training": []}):
        monkeypatch.setattr(bundle, "load", lambda path, _m=meta: (None, _m))
        with pytest.raises(StudioError) as err:
            resume.load_start(folder)
        assert str(err.value) == (f"'{folder}' has no training settings in its metadata.json, so it cannot be "
                                  "continued; train a new model instead.")
    for meta in ({"training": {}}, {"class_names": "a", "training": {}}):  # settings, but no list of classes
        monkeypatch.setattr(bundle, "load", lambda path, _m=meta: (None, _m))
        with pytest.raises(StudioError, match="does not list its classes as distinct names"):
            resume.load_start(folder)
    monkeypatch.setattr(bundle, "load", lambda path: ("m", {"class_names": ["a", "b"], "training": {"model": "MobileNetV2",
                                                                                          "dense": []},
                                                            "history": {"loss": [1, 0.5, 0.4]}}))
    s = resume.load_start(folder)
    assert (s.model, s.classes, s.settings, s.source, s.epochs_done) == (
        "m", ["a", "b"], {"model": "MobileNetV2", "dense": []}, str(folder), 3)


def test_a_continued_base_gets_its_own_feature_cache_entries():
    a, b = base(seed=0), base(seed=1)
    tag = resume.cache_tag(a)
    assert tag.startswith("|continued:") and len(tag) == len("|continued:") + 32
    assert tag == resume.cache_tag(base(seed=0)) and tag != resume.cache_tag(b)
