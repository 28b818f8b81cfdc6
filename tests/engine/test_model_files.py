"""Model files: a Keras 2 .h5 like Teachable Machine's opens on Keras 3 and predicts exactly
like tf_keras; a Lambda layer is refused with the reason; class names and preprocessing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import images, sources
from engine.errors import StudioError
from engine.predict import Predictor
from engine.sources import class_names, keras2_h5, model_file, remembered

from ..conftest import fixture_image, needs_fixtures
from . import keras2_files

PHOTOS = ("cat.png", "parrot.jpg", "hot_dog.jpg", "owl.jpg")


@pytest.fixture(scope="module")
def tm_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tm")
    path, reference = keras2_files.teachable_machine_like(folder)
    return path, reference


def _pixels(size):
    return np.stack([images.model_input(images.load_image(fixture_image(p)).pixels, size, "stretch").pixels
                     for p in PHOTOS])


@needs_fixtures
def test_keras2_h5_predicts_like_tf_keras_with_labels(tm_file):
    path, reference = tm_file
    loaded = Predictor(capacity=1, backend="keras").load(sources.file_request(path, "minus1to1"))
    pixels = _pixels(keras2_files.SIZE)
    want = reference(keras2_files.minus1to1(pixels), training=False).numpy()
    got = loaded.run(pixels)
    assert np.abs(got - want).max() < 1e-5
    # The randomised model tells photos apart: equal outputs would prove nothing.
    assert np.ptp(want, axis=0).max() > 0.05 and np.ptp(want, axis=1).max() > 0.05
    assert loaded.class_names == list(keras2_files.CLASSES)
    assert loaded.input_size == keras2_files.SIZE and loaded.num_classes == 3
    from engine.layers import feature_layer

    assert feature_layer(loaded.model).path[-1] == "conv_pw_13_relu"  # the last convolution, found inside
    # Another preprocessing choice is another model: 0…1 scaling, as asked.
    other = Predictor(capacity=1, backend="keras").load(sources.file_request(path, "0to1"))
    want01 = reference(pixels.astype(np.float32) / 255.0, training=False).numpy()
    assert np.abs(other.run(pixels) - want01).max() < 1e-5 and np.abs(want01 - want).max() > 1e-3


def test_keras2_config_mapping_is_what_keras3_needs(tm_file):
    path, _ = tm_file
    config = keras2_h5.read_config(path)
    assert any(c["config"].get("groups") == 1 for c in keras2_h5._layers(config)
               if c["class_name"] == "DepthwiseConv2D")  # what Keras 3 refuses, as Teachable Machine writes it
    mapped = keras2_h5.map_keras2_config(config)
    for layer in keras2_h5._layers(mapped):
        assert "batch_input_shape" not in layer["config"]
        assert not (layer["class_name"] == "DepthwiseConv2D" and "groups" in layer["config"])
        assert not isinstance(layer["config"].get("axis"), list) or layer["class_name"] != "BatchNormalization"


def test_an_older_teachable_machine_export_opens_and_predicts_like_tf_keras(tmp_path, tm_file):
    """Teachable Machine's exports from Keras 2.2.4-tf wrote the layer's dtype into every
    initializer (a MobileNet's convolution, depthwise and BatchNormalization initializers);
    such real exports failed with "VarianceScaling.__init__() got an unexpected keyword
    argument 'dtype'".  The same file in that form must predict as tf_keras does."""
    import h5py

    path, reference = tm_file
    old = tmp_path / "keras_model.h5"
    old.write_bytes(path.read_bytes())
    with h5py.File(old, "r+") as f:
        config = json.loads(f.attrs["model_config"])
        found = _add_initializer_dtypes(config)
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = "2.2.4-tf"
    assert {"depthwise_initializer", "gamma_initializer", "kernel_initializer"} <= found
    pixels = np.random.default_rng(3).integers(0, 256, (4, keras2_files.SIZE, keras2_files.SIZE, 3), dtype=np.uint8)
    x = keras2_files.minus1to1(pixels)
    want = reference(x, training=False).numpy()
    assert np.abs(np.asarray(keras2_h5.load(old)(x)) - want).max() < 1e-5


def test_a_heatmap_through_the_nested_base_of_a_keras2_file_raises_no_keras_warning(tm_file):
    """The explained model is rebuilt from the file's layers with one input; made with the list
    of one input Keras 2 files keep, every call printed Keras' "The structure of `inputs`
    doesn't match the expected structure" on the command line of a real export."""
    import warnings

    from engine.explain.base import check_chain, split_forward
    from engine.layers import feature_layer

    path, reference = tm_file
    model = keras2_h5.load(path)
    layer = feature_layer(model).path
    x = np.random.default_rng(8).uniform(-1, 1, (2, keras2_files.SIZE, keras2_files.SIZE, 3)).astype(np.float32)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_chain(model, layer, keras2_files.SIZE)
        _, scores = split_forward(model, layer, "probabilities")(x)
    assert np.abs(np.asarray(scores) - reference(x, training=False).numpy()).max() < 1e-5


def _add_initializer_dtypes(node) -> set:
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_initializer") and isinstance(value, dict) and isinstance(value.get("config"), dict):
                value["config"]["dtype"] = "float32"
                found.add(key)
            else:
                found |= _add_initializer_dtypes(value)
    elif isinstance(node, list):
        for value in node:
            found |= _add_initializer_dtypes(value)
    return found


def test_a_wrong_weight_is_refused_not_half_loaded(tmp_path, tm_file):
    import h5py

    path, _ = tm_file
    bad = tmp_path / "bad.h5"
    bad.write_bytes(path.read_bytes())
    with h5py.File(bad, "r+") as f:
        g = f["model_weights"]["sequential_3"]
        names = [n.decode() if hasattr(n, "decode") else n for n in g.attrs["weight_names"]]
        g.attrs["weight_names"] = [n for n in names if not n.endswith("bias:0")]
    with pytest.raises(StudioError, match="does not hold the weights"):
        model_file.open_model(bad)


def test_lambda_in_a_keras_file_is_refused_with_the_reason(tmp_path):
    import keras

    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Lambda(lambda t: t * 2.0)(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(StudioError, match=r"Lambda layer: Python code stored in the file"):
        model_file.open_model(path)


def test_keras_safe_mode_refuses_a_lambda_the_scan_would_miss():
    """The rebuild itself runs in safe mode: a Lambda slipped past the scan is still refused."""
    config = {"class_name": "Sequential", "config": {"name": "s", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "name": "i"}},
        {"class_name": "Lambda", "config": {"name": "l", "function": ["4wEAAAAAAAAA", None, None],
                                            "function_type": "lambda"}}]}}
    with pytest.raises(Exception, match="(?i)safe|lambda|arbitrary"):
        keras2_h5.rebuild(keras2_h5.map_keras2_config(config))


def test_lambda_in_a_keras2_h5_is_refused(tmp_path):
    import tf_keras as k2

    model = k2.Sequential([k2.Input((8, 8, 3)), k2.layers.Lambda(lambda t: t * 2.0),
                           k2.layers.GlobalAveragePooling2D(), k2.layers.Dense(2, activation="softmax")])
    path = tmp_path / "lambda.h5"
    model.save(path)
    with pytest.raises(StudioError, match="Lambda layer"):
        model_file.open_model(path)


def test_non_classifiers_are_refused(tmp_path):
    import keras

    inputs = keras.Input((16, 16, 3))
    conv = keras.Model(inputs, keras.layers.Conv2D(4, 3)(inputs))  # a feature map, not class scores
    conv.save(tmp_path / "conv.keras")
    with pytest.raises(model_file.NotAClassifierError, match="not one score per class"):
        model_file.open_model(tmp_path / "conv.keras")
    flat_in = keras.Input((10,))
    tabular = keras.Model(flat_in, keras.layers.Dense(2, activation="softmax")(flat_in))
    tabular.save(tmp_path / "tabular.keras")
    with pytest.raises(model_file.NotAClassifierError, match="not an image"):
        model_file.open_model(tmp_path / "tabular.keras")
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StudioError, match="not a model file the app opens"):
        model_file.check_path(tmp_path / "notes.txt")


def test_labels_txt_in_both_formats_and_its_faults(tmp_path):
    assert class_names.parse("0 cat\n1 hot dog\r\n2 dog\n") == ["cat", "hot dog", "dog"]
    assert class_names.parse("cat\nhot dog\n\n") == ["cat", "hot dog"]
    assert class_names.parse("2020 vintage\nmodern\n") == ["2020 vintage", "modern"]  # a name may start with digits
    with pytest.raises(StudioError, match="out of order"):
        class_names.parse("1 cat\n0 dog\n")
    model = tmp_path / "m.h5"
    model.write_bytes(b"")
    assert class_names.for_model_file(model, 2)[0] == ["class 0", "class 1"]
    (tmp_path / "labels.txt").write_text("0 cat\n1 dog\n2 owl\n", encoding="utf-8")
    with pytest.raises(StudioError, match="names 3 classes but .* has 2 outputs"):
        class_names.for_model_file(model, 2)
    assert class_names.for_model_file(model, 3)[0] == ["cat", "dog", "owl"]


def test_preprocessing_is_remembered_per_file_until_it_changes(tmp_path):
    import os

    path = tmp_path / "keras_model.h5"
    path.write_bytes(b"x" * 10)
    assert sources.file_request(path).preprocess is None
    remembered.remember(path, "0to1")
    assert sources.file_request(path).preprocess == "0to1"
    assert sources.file_request(path, "MobileNetV2").preprocess == "mobilenet_v2"  # a zoo name means its family
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # another model saved under the same name
    assert remembered.preprocessing(path) is None
    with pytest.raises(sources.PreprocessingUnknown):
        sources.load(sources.file_request(path))
    with pytest.raises(StudioError, match="not a preprocessing choice"):
        sources.file_request(path, "sideways")


def test_a_bundles_model_keras_opens_as_a_file_with_its_metadata(tmp_path):
    """Our own trained model's model.keras: class names from metadata.json, preprocessing inside."""
    import keras

    from engine.sources import preprocess_layer
    from engine.train import bundle

    inputs = keras.Input((32, 32, 3))
    x = preprocess_layer.FamilyPreprocess("mobilenet_v2")(inputs)
    x = keras.layers.Conv2D(4, 3)(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
    folder = bundle.save(model, {"name": "mine", "class_names": ["apple", "pear"], "base_model": "X"},
                         tmp_path / "mine")
    request = sources.file_request(folder / "model.keras")
    assert request.preprocess == "none"
    loaded = sources.load(request)
    assert loaded.class_names == ["apple", "pear"] and loaded.input_size == 32
    pixels = np.random.default_rng(0).integers(0, 255, (2, 32, 32, 3), dtype=np.uint8)
    np.testing.assert_allclose(loaded.run(pixels), np.asarray(model(pixels.astype("float32"))), atol=1e-6)


def test_recent_model_files_are_newest_first_still_there_unchanged_and_can_be_forgotten(tmp_path, monkeypatch):
    """What the window lists again under "Files" at start."""
    import os

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    clock = iter(range(100, 200))
    monkeypatch.setattr(remembered.time, "time", lambda: next(clock))
    a, b, c, gone = (tmp_path / n for n in ("a.keras", "b|odd.h5", "c.keras", "gone.keras"))
    for i, p in enumerate((a, b, c, gone)):
        p.write_bytes(b"x" * (10 + i))
        remembered.remember(p, ("0to1", "none", "minus1to1", "0to1")[i])
    remembered.remember(a, "none")  # opened again: the newest, still one entry
    other = tmp_path / "edited.keras"
    other.write_bytes(b"y")
    remembered.remember(other, "sideways")  # a store edited by hand: not a choice, not listed
    store = json.loads(remembered.store_path().read_text())
    store[remembered.file_key(other) + "x"] = {"preprocess": ["not", "text"], "when": 150}
    remembered.store_path().write_text(json.dumps(store))  # nor one that is not even text
    gone.unlink()
    st = c.stat()
    os.utime(c, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # replaced since: not listed
    assert remembered.recent() == [(str(a), "none"), (str(b), "none")]
    assert remembered.recent(limit=1) == [(str(a), "none")]
    remembered.remember(c, "0to1")  # the replaced file chosen again: listed once, newest
    assert remembered.recent() == [(str(c), "0to1"), (str(a), "none"), (str(b), "none")]
    assert remembered.forget(c) == 2 and remembered.forget(tmp_path / "b") == 0  # "b" is not "b|odd.h5"
    assert remembered.recent() == [(str(a), "none"), (str(b), "none")] and c.exists()
