"""The rules for a model file from anywhere: which paths are model files and of which format,
the one-sentence refusals of what is not (a folder, a missing file, another suffix, a model
that is not an image classifier), which reader opens which format, the input size read off a
model whose sides are left open, the Keras file found beside a forward-only one, and the
feature base cut out of a classifier whose convolutions sit inside a nested model."""

from __future__ import annotations

from types import SimpleNamespace

import keras  # at import: mutation runs fork from a process that has loaded it
import numpy as np
import pytest

from engine.errors import StudioError
from engine.sources import keras2_h5, keras_archive, model_file


def touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"m")
    return path


def saved_model(folder):
    touch(folder / model_file.SAVED_MODEL_FILE)
    return folder


def test_paths_are_model_files_by_suffix_in_any_case_or_as_a_savedmodel_folder(tmp_path):
    for name in ("a.keras", "b.H5", "c.hdf5", "d.TFLite", "e.onnx"):
        assert model_file.is_model_path(tmp_path / name), name
    for name in ("a.txt", "b.keras.bak", "h5", "c.pb"):
        assert not model_file.is_model_path(tmp_path / name), name
    folder = saved_model(tmp_path / "exported")
    assert model_file.is_saved_model(folder) and model_file.is_model_path(folder)
    (tmp_path / "empty").mkdir()
    assert not model_file.is_saved_model(tmp_path / "empty") and not model_file.is_model_path(tmp_path / "empty")
    (tmp_path / "odd" / model_file.SAVED_MODEL_FILE).mkdir(parents=True)  # a folder of that name is not the file
    assert not model_file.is_saved_model(tmp_path / "odd")
    assert not model_file.is_saved_model(folder / model_file.SAVED_MODEL_FILE)  # the file itself is not the folder


def test_each_suffix_is_its_format_and_only_keras_formats_open_as_keras(tmp_path):
    formats = {"m.keras": "Keras", "m.h5": "Keras 2 (.h5)", "m.HDF5": "Keras 2 (.h5)", "m.tflite": "TensorFlow Lite",
               "m.Onnx": "ONNX"}
    for name, want in formats.items():
        assert model_file.format_of(tmp_path / name) == want, name
    assert model_file.format_of(saved_model(tmp_path / "sm.h5")) == "SavedModel"  # the folder wins over its name
    assert [n for n in formats if model_file.forward_only(tmp_path / n)] == ["m.tflite", "m.Onnx"]
    assert model_file.forward_only(tmp_path / "sm.h5")


def test_what_is_not_a_model_file_is_refused_in_one_sentence(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    with pytest.raises(StudioError) as err:
        model_file.check_path(folder)
    assert str(err.value) == (f"'{folder}' is a folder without a saved_model.pb: open a model file (.keras, .h5, "
                              ".tflite, .onnx) or a SavedModel folder (a trained model of this app opens from the "
                              "model list).")
    with pytest.raises(StudioError) as err:
        model_file.check_path(tmp_path / "gone.keras")
    assert str(err.value) == f"The model file '{tmp_path / 'gone.keras'}' does not exist (or is not a file)."
    notes = touch(tmp_path / "notes.txt")
    with pytest.raises(StudioError) as err:
        model_file.check_path(notes)
    assert str(err.value) == (f"'{notes}' is not a model file the app opens: a .keras or Keras 2 .h5 file, a "
                              "TensorFlow Lite .tflite, an .onnx file or a SavedModel folder (a trained model folder "
                              "of this app opens from the model list).")
    assert model_file.check_path(str(touch(tmp_path / "m.KERAS"))) == tmp_path / "m.KERAS"
    assert model_file.check_path(saved_model(tmp_path / "sm")) == tmp_path / "sm"


def test_a_forward_only_file_names_the_keras_file_beside_it(tmp_path):
    tflite = touch(tmp_path / "export" / "model.tflite")
    assert model_file.keras_file_beside(tflite) is None
    assert model_file.needs_keras_message(tflite, "training") == (
        "Training needs a Keras model; 'model.tflite' is a TensorFlow Lite model and runs forward only (predict, "
        "folders, occlusion, Score-CAM). Open the model as .keras or Keras .h5 for that.")
    (tmp_path / "export" / "model.keras").mkdir()  # a folder of that name is not a Keras file
    h5 = touch(tmp_path / "export" / "keras_model.h5")
    assert model_file.keras_file_beside(tflite) == h5
    keras = tmp_path / "other" / "model.keras"
    touch(keras)
    touch(tmp_path / "other" / "keras_model.h5")
    onnx = touch(tmp_path / "other" / "m.onnx")
    assert model_file.keras_file_beside(onnx) == keras  # ours first: our export writes model.keras
    assert model_file.needs_keras_message(onnx, "looking inside") == (
        f"Looking inside needs a Keras model; 'm.onnx' is a ONNX model and runs forward only (predict, folders, "
        f"occlusion, Score-CAM). Open '{keras}' beside it for that.")


def fake(input_shape=(None, 8, 8, 3), output_shape=(None, 3), inputs=1, outputs=1):
    return SimpleNamespace(inputs=[SimpleNamespace(shape=input_shape)] * inputs,
                           outputs=[SimpleNamespace(shape=output_shape)] * outputs)


def test_each_keras_format_goes_to_its_reader_and_must_be_a_classifier(tmp_path, monkeypatch):
    opened = []

    def reader(kind, model):
        def read(path):
            opened.append((kind, path.name))
            return model
        return read

    good = fake()
    monkeypatch.setattr(keras_archive, "load", reader("keras 3", good))
    monkeypatch.setattr(keras2_h5, "load", reader("keras 2", good))
    for name in ("a.keras", "b.h5", "c.HDF5"):
        assert model_file.open_model(touch(tmp_path / name)) is good
    assert opened == [("keras 3", "a.keras"), ("keras 2", "b.h5"), ("keras 2", "c.HDF5")]
    with pytest.raises(model_file.NeedsKerasModel) as err:
        model_file.open_model(touch(tmp_path / "d.tflite"))
    assert str(err.value).startswith("Opening it as a Keras model needs a Keras model; 'd.tflite' is a TensorFlow Lite")
    assert len(opened) == 3
    monkeypatch.setattr(keras2_h5, "load", reader("keras 2", fake(output_shape=(None, 7, 7, 3))))
    with pytest.raises(model_file.NotAClassifierError, match="not one score per class"):
        model_file.open_model(tmp_path / "b.h5")


@pytest.mark.parametrize("shape", [(None, 32, 32, 3), (None, 32, 48, 1), (None, None, None, 3)])
def test_an_image_in_and_class_scores_out_is_a_classifier(shape):
    model_file.check_classifier(fake(shape, (None, 1)), "m.keras")  # one class is still class scores
    model_file.check_shapes("m.onnx", shape, (1, 4))  # a forward-only graph states one input and one output


def test_anything_else_is_refused_saying_what_it_is():
    cases = [
        (fake(inputs=2), "'m.keras' has 2 inputs and 1 outputs: the app opens image classifiers (one image in, one "
                         "list of class scores out)."),
        (fake(outputs=2), "'m.keras' has 1 inputs and 2 outputs: the app opens image classifiers (one image in, one "
                          "list of class scores out)."),
        (SimpleNamespace(inputs=None, outputs=[]), "'m.keras' has 0 inputs and 0 outputs: the app opens image "
                                                    "classifiers (one image in, one list of class scores out)."),
        (SimpleNamespace(), "'m.keras' has 0 inputs and 0 outputs: the app opens image classifiers (one image in, "
                            "one list of class scores out)."),  # a model never built has neither
        (SimpleNamespace(inputs=fake().inputs), "'m.keras' has 1 inputs and 0 outputs: the app opens image "
                                                "classifiers (one image in, one list of class scores out)."),
        (fake((None, 10)), "'m.keras' takes input of shape (10,), not an image (height, width, 3 colours or 1 grey "
                           "channel): it is not an image classifier the app can run."),
        (fake((None, 8, 8, 4)), "'m.keras' takes input of shape (8, 8, 4), not an image (height, width, 3 colours or "
                                "1 grey channel): it is not an image classifier the app can run."),
        (fake((None, 8, 8, 2, 3)), "'m.keras' takes input of shape (8, 8, 2, 3), not an image (height, width, 3 "
                                   "colours or 1 grey channel): it is not an image classifier the app can run."),
        (fake(output_shape=(None, 4, 4, 5)), "'m.keras' outputs shape (4, 4, 5), not one score per class: it is not "
                                             "an image classifier (a detector, a segmenter or a feature extractor?)."),
        (fake(output_shape=(None, None)), "'m.keras' outputs shape (None,), not one score per class: it is not an "
                                          "image classifier (a detector, a segmenter or a feature extractor?)."),
    ]
    for model, want in cases:
        with pytest.raises(model_file.NotAClassifierError) as err:
            model_file.check_classifier(model, "m.keras")
        assert str(err.value) == want


def test_a_side_left_open_takes_the_other_side_or_224():
    for shape, want in [((None, 300, 200, 3), (300, 200)), ((None, None, 200, 1), (200, 200)),
                        ((None, 300, None, 3), (300, 300)), ((None, None, None, 3), (224, 224))]:
        model = fake(shape)
        assert model_file.input_hw(model) == want, shape
        assert model_file.input_size(model) == want[0]
        assert model_file.channels(model) == shape[-1]


@pytest.fixture(scope="module")
def nested():
    """A classifier whose last convolutions sit inside a nested model, after a layer of its own."""
    keras.utils.set_random_seed(4)
    inner_in = keras.Input((6, 6, 4))
    x = keras.layers.Conv2D(5, 3, padding="same", name="inner_conv")(inner_in)
    inner = keras.Model(inner_in, keras.layers.ReLU(name="inner_relu")(x), name="base")
    inputs = keras.Input((6, 6, 3))
    x = keras.layers.Conv2D(4, 1, name="stem")(inputs)
    x = inner(x)
    x = keras.layers.GlobalAveragePooling2D(name="pool")(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax", name="head")(x), name="classifier")
    pixels = np.random.default_rng(2).uniform(-1, 1, (3, 6, 6, 3)).astype("float32")
    return model, inner, pixels


def test_the_feature_base_of_a_nested_model_ends_at_its_last_convolutions(nested):
    model, inner, pixels = nested
    base = model_file.feature_base(model)
    want = np.asarray(inner(model.get_layer("stem")(pixels)))
    np.testing.assert_allclose(np.asarray(base(pixels)), want, rtol=1e-5, atol=1e-6)
    assert tuple(base.outputs[0].shape) == (None, 6, 6, 5)
    assert base.name == "classifier_features" and base.layers[0].name == "pixels"


def test_the_feature_base_of_a_flat_model_ends_at_its_last_convolution():
    keras.utils.set_random_seed(6)
    inputs = keras.Input((5, 5, 3))
    x = keras.layers.Conv2D(3, 3, name="c1")(inputs)
    x = keras.layers.Conv2D(2, 1, name="c2")(x)
    model = keras.Model(inputs, keras.layers.Dense(2)(keras.layers.Flatten()(x)), name="flat")
    pixels = np.random.default_rng(3).uniform(0, 1, (2, 5, 5, 3)).astype("float32")
    want = np.asarray(keras.Model(inputs, model.get_layer("c2").output)(pixels))
    np.testing.assert_allclose(np.asarray(model_file.feature_base(model)(pixels)), want, rtol=1e-5, atol=1e-6)
