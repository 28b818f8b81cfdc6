"""Cutting a model in two (split execution's graph surgery), on a small model with a residual
block: every tensor the upper half reads crosses the cut, once, in a fixed order, and the two
halves composed compute the model.  Seconds, no conversion: the default suite's check of what
the MobileNetV2 cuts (slow) rely on."""

from __future__ import annotations

import numpy as np
import pytest

from engine.backends import cut


@pytest.fixture(scope="module")
def residual():
    """input -> a -> r -> b -> add(r, b) -> c -> pool -> out: cut inside the block, b's
    output and the shortcut from r both cross."""
    import keras

    inputs = keras.Input((8, 8, 3))
    x = keras.layers.Conv2D(4, 3, padding="same", name="a")(inputs)
    r = keras.layers.ReLU(name="r")(x)
    b = keras.layers.Conv2D(4, 3, padding="same", name="b")(r)
    x = keras.layers.Add(name="add")([r, b])
    x = keras.layers.Conv2D(5, 1, name="c")(x)
    x = keras.layers.GlobalAveragePooling2D(name="pool")(x)
    outputs = keras.layers.Dense(3, name="out")(x)
    model = keras.Model(inputs, outputs)
    x = np.random.default_rng(0).normal(size=(2, 8, 8, 3)).astype("float32")
    return model, x


def _composed(c, x):
    parts = c.prefix(x)
    parts = parts if isinstance(parts, (list, tuple)) else [parts]
    return np.asarray(c.suffix(parts if len(parts) > 1 else parts[0]))


def test_a_cut_inside_a_residual_block_hands_the_shortcut_across(residual):
    model, x = residual
    c = cut.above_layer(model, model.get_layer("b"))
    assert c.crossing == ["b", "r"]  # the explained layer's output first, then the shortcut
    np.testing.assert_allclose(_composed(c, x), np.asarray(model(x)), atol=1e-6)
    c = cut.above_layer(model, model.get_layer("r"))
    assert c.crossing == ["r"]  # read twice above the cut, crosses once
    np.testing.assert_allclose(_composed(c, x), np.asarray(model(x)), atol=1e-6)


def test_the_cut_below_the_trainable_layers(residual):
    model, x = residual
    try:
        for layer in model.layers:
            layer.trainable = layer.name in ("b", "c", "out")
        c = cut.below_trainable(model)
        assert c.crossing == ["r"]  # b trains: r feeds it and the shortcut
        np.testing.assert_allclose(_composed(c, x), np.asarray(model(x)), atol=1e-6)
        assert {layer.name for layer in c.prefix.layers} >= {"a", "r"} and "b" not in [
            layer.name for layer in c.prefix.layers]
        for layer in model.layers:
            layer.trainable = layer.name == "a"
        assert cut.below_trainable(model) is None  # the first layer trains: nothing frozen below it
    finally:
        for layer in model.layers:
            layer.trainable = True
