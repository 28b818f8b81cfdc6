"""A Keras 2 ``.h5`` that cannot be opened safely says so in one sentence that names the file
and the reason, and the refusal comes from the app's own checks before Keras builds or reads
anything: data outside the file, a damaged or cut file, a file of weights only or without
weights, code in the description, sizes no image classifier has, a description Keras 3 cannot
build.  The forms the file may take legitimately (its description as bytes or as an opaque
array, weight names as text or bytes) open with every weight in its place."""

from __future__ import annotations

import json
import shutil

import h5py
import numpy as np
import pytest
import tf_keras as k2  # at import: mutation runs fork from a process that has loaded it

from engine.sources import keras2_h5

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """(path, inputs, outputs) of a one-Dense tf_keras model saved whole as Keras 2 writes it."""
    k2.utils.set_random_seed(5)
    model = k2.Sequential([k2.Input((4,)), k2.layers.Dense(3, activation="softmax", name="head")])
    path = tmp_path_factory.mktemp("k2") / "small.h5"
    model.save(path)
    x = np.random.default_rng(1).normal(size=(5, 4)).astype("float32")
    return path, x, np.asarray(model(x))


def copied(small, tmp_path, name="edited.h5"):
    path = tmp_path / name
    shutil.copy(small[0], path)
    return path


def config_of(path) -> dict:
    with h5py.File(path, "r") as f:
        raw = f.attrs["model_config"]
    return json.loads(raw if isinstance(raw, str) else raw.decode())


def set_config(path, value) -> None:
    with h5py.File(path, "r+") as f:
        f.attrs["model_config"] = value


def assert_loads_like(path, small):
    np.testing.assert_allclose(np.asarray(keras2_h5.load(path)(small[1])), small[2], rtol=1e-5, atol=1e-6)


# -- the file itself ---------------------------------------------------------------------------------

def test_a_weight_kept_in_another_file_is_refused_by_name(small, tmp_path):
    path = copied(small, tmp_path)
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as g:
        g["data"] = np.ones((4, 3), "float32")
    with h5py.File(path, "r+") as f:
        del f["model_weights/head/head/kernel:0"]
        f["model_weights/head/head/kernel:0"] = h5py.ExternalLink(str(other), "/data")
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value).startswith("The model file 'edited.h5' was refused: ")


def test_a_file_that_is_not_hdf5_is_called_damaged(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_bytes(b"plain text, not a model\n" * 40)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    message = str(err.value)
    assert message.startswith(f"'{path}' is not a readable HDF5 model file (OSError: ")
    assert message.endswith("): it is damaged or cut short.")


def test_a_long_library_error_is_cut_short_in_the_message(small, tmp_path, monkeypatch):
    def failing(path):
        raise RuntimeError("e" * 250 + "TAIL")

    monkeypatch.setattr(keras2_h5.hdf5check, "check", failing)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.check_file(small[0])
    assert str(err.value) == (f"'{small[0]}' is not a readable HDF5 model file (RuntimeError: {'e' * 200}): it is "
                              "damaged or cut short.")


def test_a_file_of_weights_only_or_without_weights_is_refused_with_what_to_do(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        del f.attrs["model_config"]
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == (f"'{path}' holds weights only, not a whole model (no model_config): open the model "
                              "file it belongs to, or load it as --weights of a zoo model.")
    path = copied(small, tmp_path, "no_weights.h5")
    with h5py.File(path, "r+") as f:
        del f["model_weights"]
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.read_config(path)
    assert str(err.value) == f"'{path}' holds no weights (no model_weights group)."


def test_a_description_that_cannot_be_read_is_called_unreadable(small, monkeypatch):
    def failing(*args, **kwargs):
        raise OSError("o" * 230)

    monkeypatch.setattr(h5py, "File", failing)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.read_config(small[0])
    assert str(err.value) == f"'{small[0]}' is not a readable HDF5 model file (OSError: {'o' * 200})."


@pytest.mark.parametrize("form", ["text", "bytes", "opaque"])
def test_the_description_is_read_as_text_bytes_or_an_opaque_array(small, tmp_path, form):
    path = copied(small, tmp_path)
    want = config_of(path)
    raw = json.dumps(want)
    set_config(path, {"text": raw, "bytes": np.bytes_(raw.encode()), "opaque": np.void(raw.encode())}[form])
    assert keras2_h5.read_config(path) == want
    assert_loads_like(path, small)


def test_a_description_that_is_neither_text_nor_an_array_is_refused_as_not_keras(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        f.attrs["model_config"] = f["model_weights"].ref  # an object reference: no bytes to read
    with pytest.raises(keras2_h5.ModelFileError) as err:
        keras2_h5.read_config(path)
    assert str(err.value) == (f"'{path}' cannot be opened: its model description is not valid JSON (Expecting value: "
                              "line 1 column 1 (char 0)). The file is damaged or was not written by Keras.")
    set_config(path, "5")
    with pytest.raises(keras2_h5.ModelFileError) as err:
        keras2_h5.read_config(path)
    assert str(err.value).startswith(f"'{path}' cannot be opened: its model description is a JSON int, not a Keras")


# -- what the description declares ----------------------------------------------------------------------

def test_a_lambda_is_refused_by_the_apps_scan_before_keras_sees_it(small, tmp_path):
    path = copied(small, tmp_path)
    config = config_of(path)
    config["config"]["layers"].insert(1, {"class_name": "Lambda", "config": {
        "name": "code", "function": ["4wEAAAAAAAAA", None, None], "function_type": "lambda"}})
    set_config(path, json.dumps(config))
    with pytest.raises(keras2_h5.ModelFileError) as err:
        keras2_h5.load(path)
    assert str(err.value).startswith(f"'{path}' holds a Lambda layer: Python code stored in the file")


def test_an_input_of_huge_size_is_refused_before_building(small, tmp_path):
    path = copied(small, tmp_path)
    config = config_of(path)
    config["config"]["layers"][0]["config"]["batch_input_shape"] = [None, 40000, 40000, 3]
    set_config(path, json.dumps(config))
    with pytest.raises(keras2_h5.ModelFileError) as err:
        keras2_h5.load(path)
    assert str(err.value).startswith(f"'{path}' declares an input of 40000 × 40000 × 3 at layer ")


def test_a_description_keras3_cannot_build_is_one_sentence_with_keras_reason(small, tmp_path, monkeypatch):
    path = copied(small, tmp_path)
    config = config_of(path)
    config["config"]["layers"][1]["class_name"] = "NoSuchLayerAnywhere"
    set_config(path, json.dumps(config))
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value).startswith(f"Keras 3 cannot rebuild the model in '{path}' (")
    assert "NoSuchLayerAnywhere" in str(err.value)

    def long_failure(config):
        raise ValueError("v" * 350)

    monkeypatch.setattr(keras2_h5, "rebuild", long_failure)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(small[0])
    assert str(err.value) == f"Keras 3 cannot rebuild the model in '{small[0]}' (ValueError: {'v' * 300})."

    def own_refusal(config):
        raise keras2_h5.ModelFileError("The app's own words.")

    monkeypatch.setattr(keras2_h5, "rebuild", own_refusal)
    with pytest.raises(keras2_h5.ModelFileError) as err:
        keras2_h5.load(small[0])
    assert str(err.value) == "The app's own words."


def test_initializers_that_carry_a_dtype_load_as_keras_2_2_4_tf_wrote_them(small, tmp_path):
    """Older Teachable Machine exports (keras_version "2.2.4-tf") wrote the layer's dtype into
    each initializer; Keras 3's initializers refuse the argument."""
    path = copied(small, tmp_path)
    config = config_of(path)
    head = config["config"]["layers"][1]["config"]
    for key in ("kernel_initializer", "bias_initializer"):
        head[key]["config"]["dtype"] = "float32"
    set_config(path, json.dumps(config))
    with h5py.File(path, "r+") as f:
        f.attrs["keras_version"] = "2.2.4-tf"
    assert_loads_like(path, small)


def test_keras3s_reason_is_given_without_the_layers_whole_config(small, tmp_path):
    """Keras says "Error when deserializing class 'Dense' using config={…the whole config…}.
    Exception encountered: …": the cause came after 300 characters of config and was cut off."""
    path = copied(small, tmp_path)
    config = config_of(path)
    head = config["config"]["layers"][1]["config"]
    head["kernel_initializer"]["config"]["not_an_argument"] = 1
    head["name"] = "head_" + "x" * 400  # the config Keras prints grows past 300 characters
    set_config(path, json.dumps(config))
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == (f"Keras 3 cannot rebuild the model in '{path}' (a Dense layer: TypeError: "
                              "GlorotUniform.__init__() got an unexpected keyword argument 'not_an_argument').")


# -- the weights -------------------------------------------------------------------------------------------

def names_of(group) -> list[str]:
    return [n.decode() if isinstance(n, bytes) else str(n) for n in group.attrs["weight_names"]]


def test_weight_names_stored_as_bytes_as_keras_2_4_wrote_them_load(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head"]
        assert isinstance(group.attrs["weight_names"][0], str)  # what tf_keras writes
        group.attrs["weight_names"] = np.array([n.encode() for n in names_of(group)])  # fixed-length bytes
        assert isinstance(group.attrs["weight_names"][0], bytes)  # what Teachable Machine's Keras 2.4 wrote
    assert_loads_like(path, small)


def test_weights_named_without_a_layer_path_belong_to_their_group_layer(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head"]
        for name in names_of(group):
            group.move(name, name.split("/")[-1])
        group.attrs["weight_names"] = [n.split("/")[-1].encode() for n in names_of(group)]
    assert_loads_like(path, small)


def test_a_listed_weight_the_file_does_not_hold_is_named(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head"]
        group.attrs["weight_names"] = np.array([b"head/kernel:0", b"head/bi\xffas:0"])  # not UTF-8 either
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == (f"'{path}' lists the weight 'head/bi\ufffdas:0' of layer 'head' but does not hold "
                              "it: the file is damaged.")


def test_weight_names_that_are_not_a_list_list_no_weights(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        f["model_weights/head"].attrs["weight_names"] = 7
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' does not hold the weights of layer 'head' (0 of 2 found)."


def test_weights_of_many_layers_the_model_lacks_are_named_five_at_most_in_order(small, tmp_path):
    path = copied(small, tmp_path)
    ghosts = ["g6", "g2", "g4", "g1", "g5", "g3"]
    with h5py.File(path, "r+") as f:
        weights = f["model_weights"]
        for ghost in ghosts:
            weights.create_group(ghost).attrs["weight_names"] = [f"{ghost}/w:0".encode()]
            weights[ghost]["w:0"] = np.ones(2, "float32")
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' holds weights for layers the model lacks: g1, g2, g3, g4, g5."
    path = copied(small, tmp_path, "inside.h5")
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head"]
        for ghost in ghosts:
            group[f"{ghost}/{ghost}:0"] = np.ones(2, "float32")
        group.attrs["weight_names"] = [n.encode() for n in names_of(group)] + [f"{g}/{g}:0".encode()
                                                                              for g in ghosts]
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value).endswith("holds weights for layers the model lacks: g1, g2, g3, g4, g5.")


def test_weights_that_are_not_numbers_are_refused_and_whole_numbers_load(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head/head"]
        del group["bias:0"]
        group["bias:0"] = np.array([b"a", b"b", b"c"])
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}': weight head/bias:0 holds |S1 values, not numbers."
    path = copied(small, tmp_path, "ints.h5")
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head/head"]
        del group["bias:0"]
        group["bias:0"] = np.array([1, -2, 3], "int8")
    model = keras2_h5.load(path)
    np.testing.assert_array_equal(np.asarray(model.get_layer("head").bias), [1.0, -2.0, 3.0])


def test_a_weight_that_cannot_be_read_is_called_damaged(small, tmp_path, monkeypatch):
    def failing(*args):
        raise OSError("r" * 240)

    monkeypatch.setattr(keras2_h5, "_checked_pairs", failing)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(small[0])
    assert str(err.value) == f"'{small[0]}' is damaged: its weights cannot be read (OSError: {'r' * 200})."


def test_a_weight_of_another_shape_is_refused_saying_what_the_model_expects(small, tmp_path):
    path = copied(small, tmp_path)
    with h5py.File(path, "r+") as f:
        group = f["model_weights/head/head"]
        del group["kernel:0"]
        group["kernel:0"] = np.ones((3, 4), "float32")  # transposed
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == (f"'{path}': weight head/kernel:0 of layer 'head' has shape (3, 4) in the file, (4, 3) "
                              "in the model: the file is damaged or its description does not match its weights.")
