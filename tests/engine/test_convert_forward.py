"""What a conversion embeds: the model run for inference (Dropout off, BatchNormalization on
its moving statistics), the model's own preprocessing and its postprocessing (logits shown as
probabilities), on the model's own input height and width — the converted model must give
what Keras gives for the same pixels, or every prediction on OpenVINO is quietly different."""

from __future__ import annotations

from types import SimpleNamespace

import keras
import numpy as np

from engine.backends import convert
from engine.sources.outputs import softmax_of_logits


def _centre(x):
    return x / 127.5 - 1.0


def _logits_model(h: int, w: int):
    keras.utils.set_random_seed(3)
    inputs = keras.Input((h, w, 3))
    x = keras.layers.Conv2D(6, 3)(inputs)
    x = keras.layers.BatchNormalization()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.5)(x)
    model = keras.Model(inputs, keras.layers.Dense(4)(x))  # logits
    bn = model.layers[2]
    rng = np.random.default_rng(1)
    gamma, beta, mean, var = bn.get_weights()
    bn.set_weights([gamma * 2.0, beta + 0.5, rng.normal(0.3, 0.2, mean.shape).astype("float32"),
                    rng.uniform(0.5, 2.0, var.shape).astype("float32")])  # moving statistics far from a batch's
    return model


def test_a_converted_model_is_the_keras_model_for_inference_with_its_pre_and_postprocessing():
    from engine.backends.openvino_backend import core

    h, w = 6, 10  # not square: the converted input keeps height and width apart
    model = _logits_model(h, w)
    loaded = SimpleNamespace(spec=SimpleNamespace(name="Logits"), request=SimpleNamespace(variant="Variant()"),
                             model=model, preprocess=_centre, input_size=h, postprocess_fn=softmax_of_logits,
                             input_hw=(h, w))
    converted = convert.to_openvino(loaded)
    assert [d.get_length() for d in list(converted.inputs[0].get_partial_shape())[1:]] == [h, w, 3]
    compiled = core().compile_model(converted, "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    pixels = np.random.default_rng(0).integers(0, 256, (5, h, w, 3)).astype("float32")
    got = compiled(pixels)[0]
    want = np.asarray(softmax_of_logits(model(_centre(pixels), training=False)))
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-5)  # probabilities, not the logits


def test_each_conversion_is_counted():
    """The count the tests and the benchmark read to see that a cached model was not converted again."""
    model = _logits_model(6, 6)
    before = convert.conversions
    for _ in range(2):
        convert.function_to_openvino(lambda pixels: model(pixels, training=False), 6)
    assert convert.conversions == before + 2
