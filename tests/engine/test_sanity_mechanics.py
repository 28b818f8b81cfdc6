"""The sanity check's mechanics on a tiny model, with two stand-in methods whose answer is
known: a class activation map computed from the model's own weights (it must change when
they are randomised: "passes"), and a map of the image alone (it cannot change: "fails").

The real methods on the real MobileNetV2 are in test_explain_sanity.py; here every stage,
draw, reset and threshold is checked in a second.
"""

from __future__ import annotations

import dataclasses

import keras
import numpy as np
import pytest

from engine import explain, images
from engine.explain import sanity
from engine.jobs import CancelToken, Cancelled
from engine.models import from_keras

SIZE = 16


def tiny_model(seed: int = 0):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv_a")(inputs)
    x = keras.layers.BatchNormalization(name="norm")(x)
    x = keras.layers.Conv2D(6, 3, padding="same", name="conv_b")(x)
    x = keras.layers.GlobalAveragePooling2D(name="pool")(x)
    outputs = keras.layers.Dense(3, activation="softmax", name="top")(x)
    return keras.Model(inputs, outputs)


def cam(target) -> np.ndarray:
    """The top layer's class weights over conv_b's channels (a CAM, from the model itself)."""
    model = target.model
    x = target.pixels[None].astype("float32") / 255.0
    for name in ("conv_a", "norm", "conv_b"):
        x = model.get_layer(name)(x, training=False)
    if target.class_index < 0:
        target.class_index = 0
    heat = np.asarray(x)[0] @ np.asarray(model.get_layer("top").kernel)[:, target.class_index]
    return heat - heat.min()


def image_only(target) -> np.ndarray:
    """What a method that shows the image's structure, not the model's reasoning, returns."""
    if target.class_index < 0:
        target.class_index = 0
    return target.pixels.astype(np.float32).mean(axis=-1)


@pytest.fixture(scope="module")
def loaded():
    return from_keras(tiny_model(), lambda x: x / 255.0, name="tiny", class_names=["a", "b", "c"])


@pytest.fixture
def methods(monkeypatch):
    for name, run in (("cam", cam), ("image-only", image_only)):
        monkeypatch.setitem(explain.METHODS, name, explain.Method(name, name, run, True, top1_in_pass=True))


@pytest.fixture(scope="module")
def image():
    yy, xx = np.mgrid[:SIZE, :SIZE]
    pixels = np.stack([yy * 15, xx * 15, (yy * xx) % 255], axis=-1).astype(np.uint8)
    return images.from_array(pixels)


def test_a_map_from_the_weights_changes_when_they_are_randomised(loaded, image, methods):
    s = sanity.check(loaded, image, "cam", depth=4, draws=3)
    assert s.stages == ["top", "conv_b", "conv_a"]  # top first; the normalisation has no kernel; 3 < depth
    assert len(s.correlations) == 3 and len(s.maps) == 3 and len(s.draws) == 3
    assert s.draws[0] == s.correlations[0] and len(set(s.draws)) == 3  # three different randomisations
    assert s.similarity == pytest.approx(np.mean(s.draws)) and s.similarity < sanity.PASS_BELOW
    assert s.grade == "passes" and s.passed and s.verdict.startswith("Passes") and "top layer (top)" in s.verdict
    assert s.original.shape == (56, 56) and all(m.shape == (56, 56) for m in s.maps)
    d = s.to_dict()
    assert d["verdict"] == "passes" and d["passed"] is True and d["stages"] == s.stages
    assert d["top_layer_draws"] == [round(c, 4) for c in s.draws] and d["similarity"] == round(s.similarity, 4)


def test_a_map_of_the_image_alone_fails(loaded, image, methods):
    s = sanity.check(loaded, image, "image-only", depth=2, draws=2)
    assert s.stages == ["top", "conv_b"] and s.correlations == [pytest.approx(1.0)] * 2
    assert s.grade == "fails" and not s.passed and s.verdict.startswith("Fails")


def test_the_model_is_untouched_and_each_check_starts_from_its_weights(loaded, image, methods):
    before = [np.array(w) for w in loaded.model.get_weights()]
    probe = image.pixels[None]
    p = loaded.run(probe)
    first = sanity.check(loaded, image, "cam", depth=2, draws=3, seed=7)
    again = sanity.check(loaded, image, "cam", depth=2, draws=3, seed=7)
    other = sanity.check(loaded, image, "cam", depth=2, draws=3, seed=8)
    for w, b in zip(loaded.model.get_weights(), before):
        np.testing.assert_array_equal(w, b)
    np.testing.assert_array_equal(loaded.run(probe), p)
    assert again.correlations == first.correlations and again.draws == first.draws
    assert other.draws != first.draws
    twin = loaded._explain_cache["sanity-twin"][0]
    for w, b in zip(twin.model.get_weights(), before):  # the twin is reset after the check too
        np.testing.assert_array_equal(w, b)


def test_one_stage_one_draw(loaded, image, methods):
    s = sanity.check(loaded, image, "cam", depth=1, draws=1)
    assert s.stages == ["top"] and s.draws == s.correlations
    s = sanity.check(loaded, image, "cam", depth=0, draws=1)
    assert s.stages == ["top"]  # at least the top layer


def test_progress_and_cancel(loaded, image, methods):
    seen = []
    sanity.check(loaded, image, "cam", depth=2, draws=3, progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert len(seen) == 1 + 2 + 2 + 1 and any("randomising conv_b" in m for _, m in seen)
    assert any("top, draw 3" in m for _, m in seen)
    token = CancelToken()

    def cancel_at_the_second_map(fraction, message):
        if "randomising conv_b" in message:
            token.cancel()

    with pytest.raises(Cancelled):
        sanity.check(loaded, image, "cam", depth=3, draws=2, progress=cancel_at_the_second_map, cancel=token)
    twin = loaded._explain_cache["sanity-twin"][0]
    for w, b in zip(twin.model.get_weights(), loaded.model.get_weights()):
        np.testing.assert_array_equal(w, b)


def test_a_flat_map_gets_no_verdict_and_no_randomised_model(image, monkeypatch):
    flat_model = from_keras(tiny_model(1), lambda x: x / 255.0, name="flat", class_names=["a", "b", "c"])

    def constant(target):
        target.class_index = 1
        return np.ones((SIZE, SIZE), np.float32)

    monkeypatch.setitem(explain.METHODS, "constant", explain.Method("constant", "c", constant, True,
                                                                    top1_in_pass=True))
    s = sanity.check(flat_model, image, "constant")
    assert s.flat and s.stages == [] and s.grade == "not applicable" and not s.passed
    assert 0 < s.seconds < 60  # the time of the one map it made, not a default
    assert "sanity-twin" not in getattr(flat_model, "_explain_cache", {})
    assert s.to_dict()["similarity"] is None and s.verdict.startswith("Not applicable")


@pytest.mark.parametrize("draws,grade", [([0.49, 0.49], "passes"), ([0.5], "weak"), ([0.79, 0.79], "weak"),
                                         ([0.8], "fails"), ([0.2, 1.0], "weak")])
def test_grades_at_the_thresholds(draws, grade):
    s = sanity.Sanity("m", 0, ["top", "below"], [draws[0], 0.1], np.zeros((2, 2)), draws=draws)
    assert s.grade == grade and s.passed == (grade == "passes")
    assert s.verdict.startswith(grade.capitalize() if grade != "passes" else "Passes")
    assert f"{s.similarity:+.2f}" in s.verdict and f"randomised {len(draws)} times" in s.verdict


def test_without_draws_the_first_stage_decides():
    s = sanity.Sanity("m", 0, ["top", "below"], [0.9, 0.1], np.zeros((2, 2)))
    assert s.similarity == 0.9 and s.grade == "fails"
    assert np.isnan(sanity.Sanity("m", 0, [], [], np.zeros((2, 2))).similarity)


def test_rank_correlation_with_ties_and_constants():
    a = np.array([[1.0, 1.0], [2.0, 3.0]])
    assert sanity.rank_correlation(a, a * 10) == pytest.approx(1.0)
    assert sanity.rank_correlation(np.ones((3, 3)), np.arange(9.0)) == 0.0
    assert sanity.rank_correlation(np.array([1, 2, 3, 4]), np.array([1, 3, 2, 4])) == pytest.approx(0.8)
    np.testing.assert_array_equal(sanity._ranks(np.array([5.0, 1.0, 5.0, 3.0])), [3.5, 1.0, 3.5, 2.0])
    # the smallest maps that vary: two pixels (the spread of their ranks is below 1)
    assert sanity.rank_correlation(np.array([0.0, 1.0]), np.array([2.0, 5.0])) == pytest.approx(1.0)
    assert sanity.rank_correlation(np.array([0.0, 1.0]), np.array([5.0, 2.0])) == pytest.approx(-1.0)


def test_weighted_layers_go_top_first_through_nested_models():
    inner_in = keras.Input((SIZE, SIZE, 3))
    inner = keras.Model(inner_in, keras.layers.DepthwiseConv2D(3, name="depthwise")(
        keras.layers.Conv2D(3, 3, name="first")(inner_in)), name="base")
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.GlobalAveragePooling2D()(inner(inputs))
    model = keras.Model(inputs, keras.layers.Dense(2, name="head")(keras.layers.BatchNormalization()(x)))
    assert [l.name for l in sanity.weighted_layers(model)] == ["head", "depthwise", "first"]


def test_shuffling_permutes_kernel_and_bias_of_a_frozen_layer():
    layer = keras.layers.Dense(5, name="d")
    layer.build((None, 7))
    layer.bias.assign(np.arange(5, dtype="float32"))
    layer.trainable = False
    kernel, bias = np.array(layer.kernel), np.array(layer.bias)
    sanity._shuffle(layer, np.random.default_rng(0))
    for before, after in ((kernel, layer.kernel), (bias, layer.bias)):
        after = np.array(after)
        assert after.shape == before.shape and not np.array_equal(after, before)
        np.testing.assert_array_equal(np.sort(after.ravel()), np.sort(before.ravel()))
