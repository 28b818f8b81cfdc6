"""Faithfulness curves of maps with ties, and the remembered random baselines, key by key.

The stub model's class-0 probability is the share of its *evidence* pixels still equal to
the original (a fine checkerboard nothing else reproduces); class 1 is the rest.  With the
evidence in the top half, a map whose zeros are deleted in raster order (row by row, from
the top) would look faithful although it points at nothing: ties must go in random order.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import images
from engine.explain import base, faithfulness

SIZE = 32
N = SIZE * SIZE


class EvidenceModel:
    """Stands in for a LoadedModel: class 0 is the share of the ``evidence`` pixels unchanged."""

    input_size = SIZE
    num_classes = 2

    def __init__(self, original: np.ndarray, evidence: np.ndarray):
        self.original, self.evidence = original.astype(np.int16), evidence
        self.images = 0

    def model_input(self, pixels: np.ndarray, policy: str = "stretch"):
        """As a LoadedModel without a resize of its own: the policy asked for."""
        return images.model_input(pixels, self.input_size, policy)

    def run(self, pixels: np.ndarray) -> np.ndarray:
        self.images += len(pixels)
        same = np.abs(pixels.astype(np.int16) - self.original).max(axis=-1) < 10
        p = same[:, self.evidence].mean(axis=1)
        return np.stack([p, 1 - p], axis=1).astype(np.float32)


def checkerboard(low: int = 60, high: int = 200) -> np.ndarray:
    yy, xx = np.mgrid[:SIZE, :SIZE]
    return np.repeat(np.where((yy + xx) % 2 == 0, low, high).astype(np.uint8)[..., None], 3, axis=-1)


def top_half() -> np.ndarray:
    mask = np.zeros((SIZE, SIZE), bool)
    mask[: SIZE // 2] = True
    return mask


def patch_map(y: int, x: int, size: int = 4) -> np.ndarray:
    heat = np.zeros((SIZE, SIZE), np.float32)
    heat[y:y + size, x:x + size] = 1.0
    return heat


def smooth_map(sigma: float) -> np.ndarray:
    import cv2

    noise = np.random.default_rng(1).random((SIZE, SIZE)).astype(np.float32)
    return cv2.GaussianBlur(noise, (0, 0), sigma)


@pytest.fixture
def stub():
    pixels = checkerboard()
    return pixels, EvidenceModel(pixels, top_half())


def test_tied_pixels_are_deleted_in_random_order_not_row_by_row(stub):
    """A 4×4 hot patch in the bottom half and zeros elsewhere: once the patch is gone, the
    remaining (tied) pixels must be taken at random, so the evidence share falls linearly."""
    pixels, model = stub
    s = faithfulness.score(model, pixels, patch_map(24, 24), 0, kinds=("deletion", "insertion", "road"), steps=16,
                           random_count=1)
    removed = np.round(np.linspace(0, N, 17))
    expected = 1 - np.clip(removed - 16, 0, None) / (N - 16)  # the patch holds no evidence
    np.testing.assert_allclose(s.curves["deletion"].scores, expected, atol=0.06)
    np.testing.assert_allclose(s.curves["road"].scores, expected, atol=0.07)
    np.testing.assert_allclose(s.curves["insertion"].scores, 1 - expected, atol=0.06)
    # raster order would delete the top rows first: area ~0.27 and "better than random"
    assert s.area("deletion") == pytest.approx(0.5, abs=0.03)


def test_a_map_of_ties_only_scores_like_a_random_map(stub):
    pixels, model = stub
    s = faithfulness.score(model, pixels, np.zeros((SIZE, SIZE), np.float32), 0, steps=16, random_count=1)
    assert s.area("deletion") == pytest.approx(0.5, abs=0.03)
    assert s.area("insertion") == pytest.approx(0.5, abs=0.03)


def _images(steps: int, kinds: int, randoms: int) -> int:
    return 3 + (1 + randoms) * kinds * (steps - 1)


def test_the_random_baseline_is_reused_when_nothing_changed(stub):
    pixels, model = stub
    first = faithfulness.score(model, pixels, patch_map(2, 2), 0, steps=8, random_count=2)
    assert model.images == _images(8, 2, 2)
    model.images = 0
    # another map of the same smoothness (the patch moved): the same baseline
    again = faithfulness.score(model, pixels, patch_map(20, 10), 0, steps=8, random_count=2)
    assert model.images == _images(8, 2, 0)
    for kind in ("deletion", "insertion"):
        assert again.random_area(kind) == first.random_area(kind)
        assert again.random_spread(kind) == first.random_spread(kind)


def _baseline(model, pixels, **changes):
    args = dict(heatmap=patch_map(2, 2), class_index=0, steps=8, random_count=2, seed=0,
                kinds=("deletion", "insertion"))
    args.update(changes)
    model.images = 0
    s = faithfulness.score(model, pixels, args.pop("heatmap"), args.pop("class_index"), **args)
    computed = model.images > _images(args["steps"], len(args["kinds"]), 0)
    return s, computed


@pytest.mark.parametrize("part", ["image", "class", "steps", "smoothness", "random_count", "seed", "kinds", "model",
                                  "weights changed"])
def test_each_part_of_the_baseline_key_makes_a_miss(stub, part):
    pixels, model = stub
    before, computed = _baseline(model, pixels)
    assert computed
    change = {"image": {}, "class": {"class_index": 1}, "steps": {"steps": 6}, "random_count": {"random_count": 3},
              "smoothness": {"heatmap": smooth_map(3.0)}, "seed": {"seed": 1}, "kinds": {"kinds": ("deletion",)},
              "model": {}, "weights changed": {}}[part]
    if part == "image":
        pixels = checkerboard(70, 190)
    elif part == "model":
        model = EvidenceModel(pixels, top_half())
    elif part == "weights changed":
        base.forget_results(model)
    after, computed = _baseline(model, pixels, **change)
    assert computed, f"changing the {part} reused the old baseline"
    if part == "class":  # class 1 is 1 - class 0 on this stub: its baseline mirrors class 0's
        assert after.random_area("deletion") == pytest.approx(1 - before.random_area("deletion"), abs=1e-5)
    if part in ("steps", "random_count", "kinds"):
        assert len(after.random_curve(after.random["deletion"][0].kind).fractions) == change.get("steps", 8) + 1
        assert len(after.random["deletion"]) == change.get("random_count", 2)
        assert set(after.random) == set(change.get("kinds", ("deletion", "insertion")))
