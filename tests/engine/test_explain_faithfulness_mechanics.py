"""Deletion, insertion and ROAD curves on a model whose answer is known exactly, and the
random maps they are compared with.  The stub's class-0 probability is the share of the
image's left half still equal to the original (a fine checkerboard, which neither black nor
a blur nor an imputation reproduces): a map hot on the left half must get deletion area
0.25 and insertion area 0.75, one hot on the right half the reverse."""

from __future__ import annotations

import numpy as np
import pytest

from engine.explain import base, faithfulness, random_maps, road
from engine.jobs import CancelToken, Cancelled

SIZE = 32


class LeftHalfModel:
    """Stands in for a LoadedModel: ``run`` takes uint8 pixels, returns probabilities."""

    input_size = SIZE
    num_classes = 2

    def __init__(self, original: np.ndarray):
        self.original = original.astype(np.int16)
        self.calls: list[int] = []

    def run(self, pixels: np.ndarray) -> np.ndarray:
        assert pixels.dtype == np.uint8 and pixels.shape[1:] == (SIZE, SIZE, 3)
        self.calls.append(len(pixels))
        same = (np.abs(pixels.astype(np.int16) - self.original).max(axis=-1) < 10)[:, :, : SIZE // 2]
        p = same.mean(axis=(1, 2))
        return np.stack([p, 1 - p], axis=1).astype(np.float32)


def checkerboard() -> np.ndarray:
    yy, xx = np.mgrid[:SIZE, :SIZE]
    return np.repeat(np.where((yy + xx) % 2 == 0, 60, 200).astype(np.uint8)[..., None], 3, axis=-1)


def half_map(side: str) -> np.ndarray:
    heat = np.zeros((SIZE, SIZE), np.float32)
    if side == "left":
        heat[:, : SIZE // 2] = 1.0
    else:
        heat[:, SIZE // 2:] = 1.0
    return heat


@pytest.fixture
def stub():
    pixels = checkerboard()
    return pixels, LeftHalfModel(pixels)


def test_a_map_on_the_evidence_gets_the_exact_areas(stub):
    pixels, model = stub
    good = faithfulness.score(model, pixels, half_map("left"), 0, kinds=("deletion", "insertion", "road"),
                              steps=16, random_count=2)
    assert good.area("deletion") == pytest.approx(0.25, abs=1e-6)
    assert good.area("insertion") == pytest.approx(0.75, abs=1e-6)
    assert good.area("road") == pytest.approx(0.25, abs=2e-3)  # an imputed pixel may land near the original
    bad = faithfulness.score(model, pixels, half_map("right"), 0, kinds=("deletion", "insertion"), steps=16,
                             random_count=2)
    assert bad.area("deletion") == pytest.approx(0.75, abs=1e-6)
    assert bad.area("insertion") == pytest.approx(0.25, abs=1e-6)
    for kind in ("deletion", "insertion"):  # the same random baseline; it lands in between
        assert good.random_area(kind) == bad.random_area(kind)
        assert good.margin(kind) > 0 > bad.margin(kind)


def test_curves_start_and_end_where_they_must(stub):
    pixels, model = stub
    s = faithfulness.score(model, pixels, half_map("left"), 0, steps=8, random_count=1)
    d, i = s.curves["deletion"], s.curves["insertion"]
    np.testing.assert_allclose(d.fractions, np.linspace(0, 1, 9))
    assert d.scores[0] == 1.0 and d.scores[-1] == 0.0  # the original, then nothing left
    assert i.scores[0] == 0.0 and i.scores[-1] == 1.0  # the blurred copy, then the original
    np.testing.assert_allclose(d.scores[:5], [1, 0.75, 0.5, 0.25, 0])  # half the image: the left half
    assert np.all(np.diff(i.scores) >= 0)
    assert s.to_dict()["deletion"]["area"] == pytest.approx(d.area, abs=1e-5)


def test_all_curves_go_through_few_model_calls_with_progress_and_cancel(stub, monkeypatch):
    pixels, model = stub
    s = faithfulness.score(model, pixels, half_map("left"), 0, steps=32, random_count=3)
    assert model.calls == [3 + 4 * 2 * 31]  # three fixed images, then 31 inner steps x 2 curves x 4 maps: one call
    model.calls.clear()
    again = faithfulness.score(model, pixels, half_map("left"), 0, steps=32, random_count=3)
    assert model.calls == [3 + 2 * 31]  # the random baseline of this image and class is reused
    assert again.random_area("deletion") == s.random_area("deletion")
    model.calls.clear()
    monkeypatch.setattr(base, "images_per_call", lambda size: 10)
    seen, token = [], CancelToken()

    def progress(fraction, message):
        seen.append(fraction)
        if len(seen) == 3:
            token.cancel()

    with pytest.raises(Cancelled):
        faithfulness.score(model, pixels, half_map("right"), 0, steps=32, random_count=3, progress=progress,
                           cancel=token)
    assert model.calls == [10, 10, 10] and seen == sorted(seen)


def test_bad_requests_are_clear_errors(stub):
    pixels, model = stub
    with pytest.raises(base.ExplainError, match="Unknown faithfulness"):
        faithfulness.score(model, pixels, half_map("left"), 0, kinds=("nope",))
    with pytest.raises(base.ExplainError, match="does not match"):
        faithfulness.score(model, pixels, np.zeros((8, 8), np.float32), 0)


@pytest.mark.parametrize("length", [1.5, 4.0, 12.0, 40.0])
def test_random_maps_have_the_smoothness_asked_for(length):
    lengths = [random_maps.correlation_length(random_maps.smooth_random((224, 224), length, seed))
               for seed in range(3)]
    assert np.allclose(lengths, length, rtol=0.1), lengths
    a, b = (random_maps.smooth_random((224, 224), length, seed) for seed in (0, 1))
    assert 0 <= a.min() and a.max() <= 1 and not np.allclose(a, b)


def test_matched_random_maps_are_as_smooth_as_the_heatmap():
    rng = np.random.default_rng(5)
    import cv2

    heat = cv2.GaussianBlur(rng.random((224, 224)).astype(np.float32), (0, 0), 9)
    length, maps = random_maps.matched(heat, 3, seed=1)
    measured = random_maps.correlation_length(heat)
    assert length == random_maps.length_bucket(measured) and abs(length / measured - 1) < 0.1
    for m in maps:
        assert random_maps.correlation_length(m) == pytest.approx(length, rel=0.1)


def test_road_imputation_fills_only_removed_pixels_from_their_neighbours():
    yy, xx = np.mgrid[:32, :32]
    ramp = np.repeat((xx * 6 + 20).astype(np.uint8)[..., None], 3, axis=-1)  # a smooth horizontal gradient
    removed = np.zeros((32, 32), bool)
    removed[10:20, 10:20] = True
    out = road.impute(ramp, removed, seed=0)
    np.testing.assert_array_equal(out[~removed], ramp[~removed])
    err = np.abs(out[removed].astype(int) - ramp[removed].astype(int))
    assert err.mean() < 6 and not np.array_equal(out[removed], ramp[removed])  # close to the ramp, plus noise
