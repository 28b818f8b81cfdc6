"""A Keras 2 ``.h5`` whose weights do not match its model in one way — weights for a layer
the model lacks (inside a layer's group or as a group of its own), a weight missing, a shape
changed — is refused with the layer named; a group without weights (an activation's) and the
file as written are accepted, every weight in its place."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

from engine.sources import keras2_h5


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """A small tf_keras model with a nested part, saved whole as Keras 2 writes it; its weights
    drawn afresh (a rebuilt model's own initial values must not be able to pass for them)."""
    import tf_keras as k2

    k2.utils.set_random_seed(3)
    inner = k2.Sequential([k2.layers.Dense(5, activation="relu", name="inner_dense")], name="body")
    model = k2.Sequential([k2.Input((4,)), inner, k2.layers.Activation("relu", name="act"),
                           k2.layers.Dense(3, activation="softmax", name="head")])
    rng = np.random.default_rng(11)
    model.set_weights([rng.normal(0.0, 1.0, w.shape).astype("float32") for w in model.get_weights()])
    path = tmp_path_factory.mktemp("k2") / "model.h5"
    model.save(path)
    x = np.random.default_rng(0).normal(size=(6, 4)).astype("float32")
    return path, x, np.asarray(model(x))


def edited(tmp_path, written, edit):
    import shutil

    path = tmp_path / "edited.h5"
    shutil.copy(written[0], path)
    with h5py.File(path, "r+") as f:
        edit(f["model_weights"])
    return path


def test_the_file_as_written_loads_every_weight_in_its_place(written):
    path, x, want = written
    model = keras2_h5.load(path)
    np.testing.assert_allclose(np.asarray(model(x)), want, rtol=1e-5, atol=1e-6)


def text(name) -> str:
    return name.decode() if isinstance(name, bytes) else str(name)


def add_weights(group, names_and_shapes):
    names = [text(n) for n in group.attrs.get("weight_names", [])]
    for name, shape in names_and_shapes:
        group.create_dataset(name, data=np.ones(shape, "float32"))
        names.append(name)
    group.attrs["weight_names"] = [n.encode() for n in names]


def test_weights_for_a_layer_the_model_lacks_inside_a_layers_group_are_refused(tmp_path, written):
    path = edited(tmp_path, written, lambda g: add_weights(g["body"], [("body/ghost/kernel:0", (5, 5))]))
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' holds weights for layers the model lacks: ghost."


def test_a_weight_group_of_a_layer_the_model_lacks_is_refused(tmp_path, written):
    def ghost(g):
        add_weights(g.create_group("ghost"), [("ghost/kernel:0", (3, 3)), ("ghost/bias:0", (3,))])
        g.attrs["layer_names"] = [text(n).encode() for n in g.attrs["layer_names"]] + [b"ghost"]

    path = edited(tmp_path, written, ghost)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' holds weights for layers the model lacks: ghost."


def test_a_group_without_weights_is_fine(tmp_path, written):
    def empty(g):
        g.create_group("dropout_9").attrs["weight_names"] = np.array([], dtype="S1")

    path = edited(tmp_path, written, empty)
    np.testing.assert_allclose(np.asarray(keras2_h5.load(path)(written[1])), written[2], rtol=1e-5, atol=1e-6)


def test_a_missing_weight_or_layer_is_refused(tmp_path, written):
    def drop_bias(g):
        g["head"].attrs["weight_names"] = [text(n).encode() for n in g["head"].attrs["weight_names"]
                                           if "bias" not in text(n)]

    path = edited(tmp_path, written, drop_bias)
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' does not hold the weights of layer 'head' (1 of 2 found)."
    path = edited(tmp_path, written, lambda g: g.__delitem__("head"))
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.load(path)
    assert str(err.value) == f"'{path}' has no weights for layer 'head'."


def test_a_weight_of_another_shape_is_refused(tmp_path, written):
    def reshape(g):
        name = [text(n) for n in g["head"].attrs["weight_names"] if "kernel" in text(n)][0]
        del g["head"][name]
        g["head"].create_dataset(name, data=np.ones((3, 5), "float32"))

    path = edited(tmp_path, written, reshape)
    with pytest.raises(keras2_h5.Keras2Error, match=r"layer 'head' has shape \(3, 5\) in the file, \(5, 3\) in the"):
        keras2_h5.load(path)
