"""What the sanity check hands on and reports: the request's class, layer (nested too),
policy, options and cancel token reach every map; the draws randomise the top layer; the
randomised twin is made once and named for its model; progress names each step; the JSON
holds every number.  A recording stand-in method on tiny models, seconds per test."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from engine import explain, images, models
from engine.explain import sanity
from engine.explain.base import ExplainError, model_cache
from engine.jobs import CancelToken
from engine.models import from_keras

from .test_sanity_mechanics import SIZE, cam, image, loaded, tiny_model  # noqa: F401  (fixtures)
from ..translatable import assert_translatable

CALLS: list = []


def recorded(make):
    """A method computing its map with ``make`` and recording what it was asked for."""

    def run(target) -> np.ndarray:
        heat = make(target)
        CALLS.append({"loaded": target.loaded, "class_index": target.class_index, "layer": target.layer_path,
                      "options": target.options, "cancel": target.cancel, "pixels": target.pixels.copy()})
        return heat

    return run


def image_only(target) -> np.ndarray:
    if target.class_index < 0:
        target.class_index = 0
    return target.pixels.astype(np.float32).mean(axis=-1)


def top_only(target) -> np.ndarray:
    """A map of fixed image features weighted by the top layer alone: only the top layer's
    randomisation can change it."""
    if target.class_index < 0:
        target.class_index = 0
    features = target.pixels.astype(np.float32) @ np.random.default_rng(0).normal(size=(3, 6)).astype(np.float32)
    heat = features @ np.asarray(target.model.get_layer("top").kernel)[:, target.class_index]
    return heat - heat.min()


@pytest.fixture
def methods(monkeypatch):
    CALLS.clear()
    for name, run, uses_layer in (("recording", recorded(cam), True), ("top-only", top_only, True),
                                  ("recording-top", recorded(top_only), True),
                                  ("input-method", recorded(top_only), False), ("image-only", recorded(image_only), True)):
        monkeypatch.setitem(explain.METHODS, name, explain.Method(name, name, run, uses_layer, top1_in_pass=True))


def test_the_request_reaches_every_map(loaded, image, methods):  # noqa: F811
    token = CancelToken()
    wide = images.from_array(np.tile(image.pixels, (1, 2, 1)))  # 16×32: the policy shows in the pixels
    s = sanity.check(loaded, wide, "recording", class_index=2, layer=["conv_a"], policy="crop",
                     options={"patch_size": 3}, cancel=token, depth=2, draws=2)
    assert s.class_index == 2 and s.method == "recording" and len(CALLS) == 1 + 2 + 1
    crop = images.model_input(wide.pixels, SIZE, "crop").pixels
    for call in CALLS:
        assert call["class_index"] == 2 and call["layer"] == ("conv_a",) and call["options"] == {"patch_size": 3}
        assert call["cancel"] is token
        np.testing.assert_array_equal(call["pixels"], crop)
    assert CALLS[0]["loaded"] is loaded and all(c["loaded"] is not loaded for c in CALLS[1:])


def test_the_top_1_class_found_first_is_kept_for_the_randomised_maps(loaded, image, methods):  # noqa: F811
    s = sanity.check(loaded, image, "recording", depth=1, draws=2)
    assert [c["class_index"] for c in CALLS] == [0, 0, 0] and s.class_index == 0


def test_a_method_without_a_layer_and_a_nested_layer_path(image, methods):  # noqa: F811
    keras.utils.set_random_seed(0)
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.Conv2D(4, 3, padding="same", name="conv_a")(inputs)
    x = keras.layers.BatchNormalization(name="norm")(x)
    inner = keras.Model(inputs, keras.layers.Conv2D(6, 3, padding="same", name="conv_b")(x), name="base")
    outer_in = keras.Input((SIZE, SIZE, 3))
    y = keras.layers.GlobalAveragePooling2D()(inner(outer_in))
    nested = from_keras(keras.Model(outer_in, keras.layers.Dense(3, activation="softmax", name="top")(y)),
                        lambda t: t / 255.0, name="nested", class_names=["a", "b", "c"])
    s = sanity.check(nested, image, "recording-top", layer=["base", "conv_b"], depth=1, draws=1)
    assert s.stages == ["top"] and [c["layer"] for c in CALLS] == [("base", "conv_b")] * 2
    CALLS.clear()
    sanity.check(nested, image, "input-method", layer=["base", "conv_b"], depth=1, draws=1)
    assert CALLS[0]["layer"] == ("base", "conv_b")  # the request's layer for the original map,
    assert CALLS[1]["layer"] == explain.default_layer(nested.model)  # the default for "(input)" maps


def test_the_draws_randomise_the_top_layer_and_the_cascade_keeps_it_randomised(loaded, image, methods):  # noqa: F811
    s = sanity.check(loaded, image, "top-only", depth=3, draws=3)
    assert all(c < 0.99 for c in s.draws) and len(set(s.draws)) == 3
    assert s.correlations[1] == pytest.approx(s.correlations[0]) == pytest.approx(s.correlations[2])


def test_the_twin_is_made_once_and_named_for_its_model(loaded, image, methods, monkeypatch):  # noqa: F811
    made = []
    real = models.from_keras
    monkeypatch.setattr(models, "from_keras", lambda *a, **k: (made.append(k), real(*a, **k))[1])
    model_cache(loaded).pop("sanity-twin", None)  # made here, whichever test runs first
    sanity.check(loaded, image, "recording", depth=1, draws=1)
    sanity.check(loaded, image, "recording", depth=2, draws=2)
    assert len(made) == 1
    twin = model_cache(loaded)["sanity-twin"][0]
    assert twin.spec is loaded.spec and twin.class_names == loaded.class_names == ["a", "b", "c"]
    assert twin.spec.name == loaded.spec.name and made[0]["name"] == "tiny (randomised)"
    assert twin.model is not loaded.model


def test_progress_names_every_step(loaded, image, methods):  # noqa: F811
    seen = []
    sanity.check(loaded, image, "recording", depth=2, draws=3, progress=lambda f, m: seen.append((f, m)))
    assert seen == [(0.0, "Sanity check: the original map"), (1 / 5, "Sanity check: randomising top"),
                    (2 / 5, "Sanity check: randomising conv_b"), (3 / 5, "Sanity check: top, draw 2"),
                    (4 / 5, "Sanity check: top, draw 3"), (1.0, "Sanity check done")]
    for _, message in seen:
        assert_translatable(message)  # the window says each step in its own language
    seen.clear()
    sanity.check(loaded, image, "recording", depth=1, draws=1, progress=lambda f, m: seen.append((f, m)))
    assert seen == [(0.0, "Sanity check: the original map"), (1 / 2, "Sanity check: randomising top"),
                    (1.0, "Sanity check done")]


def test_a_flat_map_reports_and_returns_what_it_found(loaded, image, monkeypatch):  # noqa: F811
    def constant(target):
        target.class_index = 1
        return np.ones((4, 4), np.float32)

    monkeypatch.setitem(explain.METHODS, "constant", explain.Method("constant", "c", constant, True,
                                                                    top1_in_pass=True))
    seen = []
    s = sanity.check(loaded, image, "constant", progress=lambda f, m: seen.append((f, m)))
    assert seen == [(0.0, "Sanity check: the original map"), (1.0, "Sanity check: the map is flat")]
    assert_translatable(seen[-1][1])
    assert s.method == "constant" and s.class_index == 1 and s.original.shape == (56, 56)
    assert 0 <= s.seconds < 60


def test_a_model_without_weights_to_randomise_is_refused(image, methods):  # noqa: F811
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.BatchNormalization(name="norm")(inputs))
    bare = from_keras(keras.Model(inputs, keras.layers.Activation("softmax")(x)), lambda t: t / 255.0,
                      name="bare", class_names=["r", "g", "b"])
    with pytest.raises(ExplainError) as err:
        sanity.check(bare, image, "image-only", layer=["norm"])
    assert str(err.value) == "This model has no layer with weights to randomise."


def test_the_seconds_are_the_checks_own(loaded, image, methods):  # noqa: F811
    s = sanity.check(loaded, image, "recording", depth=1, draws=1)
    assert 0 < s.seconds < 60


def test_the_json_holds_every_number_rounded():
    s = sanity.Sanity("gradcam", 3, ["top", "conv"], [0.123456, -0.5], np.zeros((2, 2)),
                      draws=[0.123456, 0.2], seconds=1.23456)
    assert s.to_dict() == {
        "method": "gradcam", "class_index": 3, "stages": ["top", "conv"], "correlations": [0.1235, -0.5],
        "top_layer_draws": [0.1235, 0.2], "similarity": round((0.123456 + 0.2) / 2, 4),
        "thresholds": [0.5, 0.8], "verdict": "passes", "passed": True, "message": s.verdict, "seconds": 1.235}
    assert s.verdict == ("Passes: with the top layer (top) randomised 2 times the map changes (mean rank "
                         "correlation +0.16, below 0.5): it depends on what the model learnt for this class.")


def test_the_weak_and_failing_verdicts_say_why():
    weak = sanity.Sanity("m", 0, ["top"], [0.6], np.zeros((2, 2)), draws=[0.6, 0.7])
    assert weak.verdict == ("Weak: with the top layer (top) randomised 2 times the map keeps part of its structure "
                            "(mean rank correlation +0.65, between 0.5 and 0.8): part of it comes from the image, "
                            "not the model's reasoning.")
    fails = sanity.Sanity("m", 0, ["top"], [0.9], np.zeros((2, 2)), draws=[0.9])
    assert fails.verdict == ("Fails: with the top layer (top) randomised 1 times the map stays alike (mean rank "
                             "correlation +0.90, 0.8 or more): it shows where the network is active or the image's "
                             "edges, not this class's evidence.")
    assert sanity.Sanity("m", 0, [], [], np.zeros((2, 2)), flat=True).verdict == (
        "Not applicable: the map itself is flat (nothing stands out for this class), so there is nothing for a "
        "randomised model to change. A flat map never passes.")


def test_two_values_correlate_fully():
    assert sanity.rank_correlation(np.array([1.0, 2.0]), np.array([3.0, 9.0])) == pytest.approx(1.0)
    assert sanity.rank_correlation(np.array([1.0, 2.0]), np.array([9.0, 3.0])) == pytest.approx(-1.0)
