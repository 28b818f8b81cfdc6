"""Inside the network: layer tree, activations (equal to a direct sub-model call), filter
patterns (the ascent raises each filter's activation; cancel stops within one step)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import images, zoo
from engine.inside import activations as acts
from engine.inside import filters, tree
from engine.jobs import CancelToken, Cancelled
from engine.models import ModelRequest, build

from ..conftest import needs_fixtures
from .test_explain import nested_finetuned


@pytest.fixture(scope="module")
def small():
    import keras

    keras.utils.set_random_seed(0)  # random weights: the same ones whatever ran before
    return build(ModelRequest("MobileNetV2", zoo.Variant(alpha=0.35, input_size=96), None))


@pytest.fixture(scope="module")
def picture():
    return images.LoadedImage(np.random.default_rng(0).integers(0, 255, (96, 96, 3), dtype=np.uint8), "r")


def test_tree_summary_and_search(small):
    nodes = tree.build_tree(small.model)
    s = tree.summary(small.model)
    assert s.total_params == small.model.count_params() and s.input_size == 96 and s.depth == len(small.model.layers)
    found = tree.search(nodes, "depthwiseconv")
    assert found and all(n.class_name == "DepthwiseConv2D" for n in found)
    nested = tree.build_tree(nested_finetuned().model)
    base = next(n for n in nested if n.children)
    assert base.children and base.children[0].path[0] == base.name


def test_activations_equal_a_direct_submodel_call(small, picture):
    import keras

    paths = [("Conv1",), ("block_6_expand_relu",), ("out_relu",)]
    got = acts.activations(small, picture, paths)
    x = small.preprocess(picture.pixels[None].astype("float32"))
    for path, a in zip(paths, got):
        direct = keras.Model(small.model.inputs, small.model.get_layer(path[0]).output)(x, training=False)
        np.testing.assert_allclose(a, np.asarray(direct)[0], rtol=1e-4, atol=1e-5)


def test_activations_inside_a_nested_model(picture):
    loaded = nested_finetuned()
    (a,) = acts.activations(loaded, picture, [("mobilenetv2_0.35_96", "block_3_expand_relu")])
    assert a.ndim == 3 and np.isfinite(a).all()


def test_channel_maps_and_stage_strip(small, picture):
    (a,) = acts.activations(small, picture, [("block_6_expand_relu",)])
    first = acts.channel_maps(a, 8)
    assert [m.channel for m in first] == list(range(8)) and first[0].pixels.dtype == np.uint8
    active = acts.channel_maps(a, 4, "most active")
    means = a.reshape(-1, a.shape[-1]).mean(0)
    assert [m.channel for m in active] == list(np.argsort(-means)[:4])
    strip = acts.through_network(small, picture)
    sizes = [m.shape[0] for _, m in strip]
    assert len(strip) >= 4 and sizes == sorted(sizes, reverse=True) and len(set(sizes)) == len(sizes)


def test_gradient_ascent_raises_every_filters_activation(small):
    # Random weights are not translation-smooth, so jitter would only add noise here; the
    # regularised default is checked with real weights below.
    res = filters.patterns(small, ("block_3_expand",), list(range(8)), steps=15, jitter=0, blur_every=0)
    before, after = res.history[0], res.history[-1]
    assert (after > before + 5 * np.abs(before).mean()).all(), (before, after)
    assert len(res.images) == 8 and res.images[0].dtype == np.uint8
    again = filters.patterns(small, ("block_3_expand",), [2, 3], steps=15, jitter=0, blur_every=0)  # cached
    assert again.seconds < res.seconds / 4 and np.array_equal(again.images[0], res.images[2])


@needs_fixtures
def test_regularised_ascent_with_real_weights(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)
    res = filters.patterns(loaded, ("block_6_expand_relu",), list(range(6)), steps=20)
    before, after = res.history[0], res.history[-1]
    assert (after > 2 * before + 0.05).all(), (before, after)


def test_filter_patterns_cancel_within_one_step(small):
    token = CancelToken()
    steps = []

    def progress(f, m):
        steps.append(m)
        token.cancel()

    with pytest.raises(Cancelled):
        filters.patterns(small, ("block_1_expand",), [0, 1], steps=50, progress=progress, cancel=token, seed=5)
    assert len(steps) == 1


def test_filter_patterns_on_nested_model():
    loaded = nested_finetuned()
    res = filters.patterns(loaded, ("mobilenetv2_0.35_96", "block_3_expand"), [0, 1], steps=5, jitter=0, blur_every=0)
    assert (res.history[-1] > res.history[0]).all()


def test_parse_range():
    assert filters.parse_range("0-3,7") == [0, 1, 2, 3, 7]
