"""What a Keras 2 model description is rewritten into before Keras 3 builds it: each rewrite
done where Keras 2 wrote the old form, and only there (a layer that is already right, or is
another kind of layer, is left as it was)."""

from __future__ import annotations

import copy

import keras  # noqa: F401 - at import: mutation runs fork from a process that has loaded it
import pytest

from engine.sources import keras2_h5


def layer(cls: str, module: str | None = None, **cfg) -> dict:
    out = {"class_name": cls, "config": dict(cfg)}
    if module is not None:
        out["module"] = module
    return out


def test_each_keras2_form_becomes_what_keras3_means_and_nothing_else_changes():
    config = layer("Sequential", name="outer", layers=[
        layer("InputLayer", "keras.layers", batch_input_shape=[None, 8, 8, 3], name="pixels"),
        layer("Conv2D", "tf_keras.src.layers", batch_input_shape=[None, 8, 8, 3], name="conv", groups=1),
        layer("DepthwiseConv2D", "keras.src.engine.base_layer", name="dw1", groups=1),
        layer("DepthwiseConv2D", name="dw2", groups=None),
        layer("DepthwiseConv2D", name="dw3"),
        layer("BatchNormalization", "keras.layers", name="bn1", axis=[3]),
        layer("BatchNormalization", name="bn2", axis=[1, 2]),
        layer("BatchNormalization", name="bn3", axis=-1),
        layer("Dense", "my_package.layers", name="head", units=2, axis=[3]),
    ])
    want = layer("Sequential", name="outer", layers=[
        layer("InputLayer", "keras.layers", batch_shape=[None, 8, 8, 3], name="pixels"),
        layer("Conv2D", name="conv", groups=1),  # a convolution keeps its groups; only the shape goes
        layer("DepthwiseConv2D", name="dw1"),
        layer("DepthwiseConv2D", name="dw2"),
        layer("DepthwiseConv2D", name="dw3"),
        layer("BatchNormalization", "keras.layers", name="bn1", axis=3),
        layer("BatchNormalization", name="bn2", axis=[1, 2]),  # several axes: Keras 3 takes the list
        layer("BatchNormalization", name="bn3", axis=-1),
        layer("Dense", "my_package.layers", name="head", units=2, axis=[3]),  # only BN's axis is unwrapped
    ])
    assert keras2_h5.map_keras2_config(config) is config  # rewritten in place
    assert config == want


def test_a_depthwise_convolution_in_groups_is_refused_with_its_name():
    config = layer("Sequential", name="s", layers=[layer("DepthwiseConv2D", name="dw\x1b", groups=2)])
    with pytest.raises(keras2_h5.Keras2Error) as err:
        keras2_h5.map_keras2_config(config)
    assert str(err.value) == ("Layer 'dw\\x1b' is a DepthwiseConv2D with groups=2, which Keras 3 cannot build.")


def test_a_keras2_model_lists_its_single_input_and_output_as_keras3_expects():
    single = [["input_1", 0, 0]]
    two = [["a", 0, 0], ["b", 0, 0]]
    config = layer("Model", name="m", layers=[], input_layers=copy.deepcopy(single),
                   output_layers=[["out", 0, 0, {"extra": 1}]])
    keras2_h5.map_keras2_config(config)
    assert config["class_name"] == "Functional"
    assert config["config"]["input_layers"] == ["input_1", 0, 0]
    assert config["config"]["output_layers"] == ["out", 0, 0, {"extra": 1}]
    # Two inputs stay a list of two; what is not Keras 2's [[name, node, tensor]] stays as it is.
    for value in (two, [["a", 0]], [[1, 0, 0]], ["input_1", 0, 0], [], "input_1"):
        config = layer("Functional", name="m", layers=[], input_layers=copy.deepcopy(value))
        keras2_h5.map_keras2_config(config)
        assert config["config"]["input_layers"] == value, value
    # Only a model's inputs and outputs: another layer's field of that name is its own.
    config = layer("Sequential", name="s", layers=[layer("Custom", name="c", input_layers=copy.deepcopy(single))])
    keras2_h5.map_keras2_config(config)
    assert config["config"]["layers"][0]["config"]["input_layers"] == single
    config = layer("Functional", name="m", layers=[])
    assert "input_layers" not in keras2_h5.map_keras2_config(config)["config"]


def test_an_old_sequential_without_its_input_layer_gets_one_with_the_saved_shape():
    config = layer("Sequential", name="s", layers=[
        layer("Dense", name="first", units=3, dtype="float16", batch_input_shape=[None, 4])])
    keras2_h5.map_keras2_config(config)
    assert config["config"]["layers"] == [
        layer("InputLayer", batch_shape=[None, 4], dtype="float16", name="first_input"),  # named as Keras 2 did
        layer("Dense", name="first", units=3, dtype="float16")]
    config = layer("Sequential", name="s", layers=[layer("Dense", units=3, batch_input_shape=[None, 4])])
    keras2_h5.map_keras2_config(config)
    assert config["config"]["layers"][0] == layer("InputLayer", batch_shape=[None, 4], dtype="float32",
                                                  name="layer_input")


@pytest.mark.parametrize("layers", [
    [layer("InputLayer", name="in", batch_input_shape=[None, 4]), layer("Dense", name="d", units=3)],
    [layer("Dense", name="d", units=3)],  # no shape saved: Keras builds it at the first call
    [layer("Dense", name="d", units=3, batch_input_shape="4")],
    [],
    ["not a layer"],
    [{"class_name": "Dense"}],
], ids=["has one", "no shape", "odd shape", "empty", "not a dict", "no config"])
def test_a_sequential_that_needs_no_input_layer_gets_none(layers):
    config = layer("Sequential", name="s", layers=copy.deepcopy(layers))
    keras2_h5.map_keras2_config(config)
    assert sum(1 for x in config["config"]["layers"] if isinstance(x, dict) and x["class_name"] == "InputLayer") \
        == sum(1 for x in layers if isinstance(x, dict) and x["class_name"] == "InputLayer")


def test_the_input_layer_goes_into_every_old_sequential_even_after_a_right_or_an_empty_one():
    config = layer("Sequential", name="outer", layers=[
        layer("Sequential", name="empty", layers=[]),
        layer("Sequential", name="fine", layers=[layer("InputLayer", name="i", batch_input_shape=[None, 2]),
                                                 layer("Dense", name="a", units=2)]),
        layer("Sequential", name="old", layers=[layer("Dense", name="b", units=2, batch_input_shape=[None, 2])])])
    keras2_h5.map_keras2_config(config)
    old = config["config"]["layers"][2]["config"]["layers"]
    assert [x["class_name"] for x in old] == ["InputLayer", "Dense"] and old[0]["config"]["batch_shape"] == [None, 2]


def test_an_old_sequential_is_built_with_the_shape_it_was_saved_with():
    config = layer("Sequential", name="s", layers=[
        layer("Dense", name="d", units=3, activation="softmax", batch_input_shape=[None, 5])])
    model = keras2_h5.rebuild(keras2_h5.map_keras2_config(config))
    assert tuple(model.inputs[0].shape) == (None, 5) and tuple(model.outputs[0].shape) == (None, 3)


def test_initializers_lose_the_dtype_keras_2_2_4_tf_wrote_into_them_and_only_they():
    config = layer("Sequential", name="s", layers=[
        layer("Conv2D", name="conv", dtype="float32",
              kernel_initializer={"class_name": "VarianceScaling", "config": {"scale": 1, "dtype": "float32"}},
              bias_initializer={"class_name": "Zeros", "config": {"dtype": "float32"}},
              kernel_regularizer={"class_name": "L2", "config": {"l2": 0.1, "dtype": "float32"}}),
        layer("BatchNormalization", name="bn", gamma_initializer={"class_name": "Ones", "config": {"dtype": "float32"}},
              beta_initializer="zeros"),
    ])
    keras2_h5.map_keras2_config(config)
    conv, bn = config["config"]["layers"]
    assert conv["config"]["dtype"] == "float32"  # the layer's own dtype stays
    assert conv["config"]["kernel_initializer"] == {"class_name": "VarianceScaling", "config": {"scale": 1}}
    assert conv["config"]["bias_initializer"] == {"class_name": "Zeros", "config": {}}
    assert conv["config"]["kernel_regularizer"]["config"]["dtype"] == "float32"  # not an initializer: as written
    assert bn["config"]["gamma_initializer"] == {"class_name": "Ones", "config": {}}
    assert bn["config"]["beta_initializer"] == "zeros"
