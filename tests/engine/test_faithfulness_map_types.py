"""Faithfulness of maps that are not float32 and of images that are not square.

A map saved as an 8-bit PNG or drawn as a yes/no mask must rank its pixels like the same map
in floats (hottest first: 255 before 0, ``True`` before ``False``), and ``score`` takes any
(H, W) image with a map of the same shape, not only square ones.  The stub's class-0
probability is the share of the image's left half still equal to the original, a fine
checkerboard that neither black nor a blur nor an imputation reproduces, so the areas are
known exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.explain import faithfulness


class LeftHalfModel:
    """Stands in for a LoadedModel of any input shape: class 0 is the share of the left half
    (by columns) still unchanged."""

    num_classes = 2

    def __init__(self, original: np.ndarray):
        self.original = original.astype(np.int16)
        self.input_size = max(original.shape[:2])

    def run(self, pixels: np.ndarray) -> np.ndarray:
        assert pixels.dtype == np.uint8 and pixels.shape[1:] == self.original.shape
        same = np.abs(pixels.astype(np.int16) - self.original).max(axis=-1) < 10
        p = same[:, :, : self.original.shape[1] // 2].mean(axis=(1, 2))
        return np.stack([p, 1 - p], axis=1).astype(np.float32)


def checkerboard(height: int, width: int) -> np.ndarray:
    yy, xx = np.mgrid[:height, :width]
    return np.repeat(np.where((yy + xx) % 2 == 0, 60, 200).astype(np.uint8)[..., None], 3, axis=-1)


def left_half(height: int, width: int) -> np.ndarray:
    mask = np.zeros((height, width), bool)
    mask[:, : width // 2] = True
    return mask


@pytest.mark.parametrize("as_type", ["8-bit grey", "yes/no mask"])
def test_a_map_of_8_bit_grey_levels_or_a_mask_ranks_like_the_same_map_in_floats(as_type):
    pixels = checkerboard(32, 32)
    mask = left_half(32, 32)
    if as_type == "8-bit grey":
        heat = np.where(mask, 255, 0).astype(np.uint8)
        heat[:8, :4] = 128  # grey levels between the two, inside the hot half
    else:
        heat = mask
    as_float = heat.astype(np.float32)
    got = faithfulness.score(LeftHalfModel(pixels), pixels, heat, 0, steps=8, random_count=1)
    want = faithfulness.score(LeftHalfModel(pixels), pixels, as_float, 0, steps=8, random_count=1)
    for kind in ("deletion", "insertion"):
        np.testing.assert_array_equal(got.curves[kind].scores, want.curves[kind].scores, err_msg=kind)
    # the evidence is where the map is hot: deleted first, revealed first
    assert got.area("deletion") == pytest.approx(0.25, abs=1e-6)
    assert got.area("insertion") == pytest.approx(0.75, abs=1e-6)


@pytest.mark.parametrize("shape", [(24, 40), (40, 24)])
def test_an_image_that_is_not_square_is_scored_over_all_its_pixels(shape):
    height, width = shape
    pixels = checkerboard(height, width)
    model = LeftHalfModel(pixels)
    s = faithfulness.score(model, pixels, left_half(height, width).astype(np.float32), 0,
                           kinds=("deletion", "insertion", "road"), steps=8, random_count=1)
    n = height * width
    np.testing.assert_array_equal(s.curves["deletion"].fractions, np.round(np.linspace(0, n, 9)) / n)
    np.testing.assert_allclose(s.curves["deletion"].scores[:5], [1, 0.75, 0.5, 0.25, 0], atol=1e-6)
    assert s.area("deletion") == pytest.approx(0.25, abs=1e-6)
    assert s.area("insertion") == pytest.approx(0.75, abs=1e-6)
    assert s.area("road") == pytest.approx(0.25, abs=5e-3)  # an imputed pixel may land near the original
    bad = faithfulness.score(model, pixels, (~left_half(height, width)).astype(np.float32), 0, steps=8,
                             random_count=1)
    assert bad.area("deletion") == pytest.approx(0.75, abs=1e-6)
