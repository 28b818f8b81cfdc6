"""Slow: every zoo model built with weights=None (run with `pytest -m slow`)."""

from __future__ import annotations

import pytest

from engine import builder, layers, weights, zoo

MODEL_LIST = [s.name for s in zoo.catalog()]


@pytest.mark.slow
@pytest.mark.parametrize("name", MODEL_LIST)
def test_feature_layer_found_for_every_model(name):
    import keras

    spec = zoo.get(name)
    model = builder.build(spec, zoo.Variant(), None)
    ref = layers.feature_layer(model)
    layer = layers.resolve(model, ref.path)
    _, h, w, c = layer.output.shape
    assert h > 1 and w > 1 and c > 1, (name, ref)
    # No spatial convolution comes after it: it is the output of the convolutional base
    # (MobileNet and MobileNetV3 classify with 1x1 convolutions on the pooled 1x1 map).
    names = [l.name for l in model.layers]
    after = model.layers[names.index(ref.name) + 1:]
    spatial_convs = [l.name for l in after if layers.is_conv(layers.LayerRef((l.name,), l.__class__.__name__, ()))
                     and max(l.output.shape[1] or 1, l.output.shape[2] or 1) > 1]
    assert not spatial_convs, (name, ref, spatial_convs)
    # And the classifier is reachable from it (the Grad-CAM gradient model builds).
    keras.Model(model.inputs, [layer.output, model.output])
    keras.backend.clear_session()


@pytest.mark.slow
@pytest.mark.parametrize("name", MODEL_LIST)
def test_manifest_matches_keras(name):
    spec = zoo.get(name)
    for top in (True, False):
        variant = zoo.Variant(include_top=top)
        assert weights.from_manifest(builder.manifest_key(spec, variant)) == builder.required_weights(spec, variant)
