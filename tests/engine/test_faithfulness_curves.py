"""Every point of the deletion, insertion and ROAD curves against an independent computation
of the perturbed images, with a model that reads the brightness of what it is shown — so
black, a blurred copy, an imputed fill and the seed each perturbation used all show in the
numbers."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from engine.explain import faithfulness, road

SIZE = 32
N = SIZE * SIZE


class BrightnessModel:
    input_size = SIZE
    num_classes = 2

    def run(self, pixels: np.ndarray) -> np.ndarray:
        p = pixels.reshape(len(pixels), -1).mean(axis=1) / 255.0
        return np.stack([p, 1 - p], axis=1).astype(np.float32)


def textured() -> np.ndarray:
    return np.random.default_rng(11).integers(20, 236, (SIZE, SIZE, 3)).astype(np.uint8)


def bright(img: np.ndarray) -> np.float32:
    return BrightnessModel().run(img[None])[0, 0]


def test_each_point_is_the_model_on_the_image_the_definition_gives():
    pixels = textured()
    heat = np.arange(N, dtype=np.float32).reshape(SIZE, SIZE)  # no ties: the hottest pixel is the last
    steps, seed = 4, 3
    s = faithfulness.score(BrightnessModel(), pixels, heat, 0, kinds=("deletion", "insertion", "road"), steps=steps,
                           random_count=1, seed=seed)
    counts = np.round(np.linspace(0, N, steps + 1)).astype(int)
    order = np.argsort(-heat.ravel(), kind="stable")
    blurred = cv2.GaussianBlur(pixels, (0, 0), SIZE / 22)
    want = {"deletion": [], "insertion": [], "road": []}
    for step, count in enumerate(counts):
        chosen = np.zeros(N, bool)
        chosen[order[:count]] = True
        chosen = chosen.reshape(SIZE, SIZE)
        want["deletion"].append(bright(np.where(chosen[..., None], 0, pixels).astype(np.uint8)))
        want["insertion"].append(bright(np.where(chosen[..., None], pixels, blurred)))
        if step == 0:
            want["road"].append(bright(pixels))
        elif step == steps:
            want["road"].append(bright(road.impute(pixels, np.ones((SIZE, SIZE), bool), seed)))
        else:
            want["road"].append(bright(road.impute(pixels, chosen, seed + step)))
    for kind, values in want.items():
        np.testing.assert_allclose(s.curves[kind].fractions, counts / N)
        np.testing.assert_array_equal(s.curves[kind].scores, np.array(values, np.float32), err_msg=kind)
    assert s.curves["deletion"].scores[-1] == 0.0  # black, not the blurred copy
    assert s.curves["road"].scores[-1] > 0.3  # the imputed mean colour, not black


@pytest.mark.parametrize("stripes", ["columns", "rows"])
def test_insertion_starts_from_a_copy_blurred_both_ways(stripes):
    yy, xx = np.mgrid[:SIZE, :SIZE]
    line = xx if stripes == "columns" else yy
    pixels = np.repeat(np.where(line % 2 == 0, 40, 220).astype(np.uint8)[..., None], 3, axis=-1)

    class StripesModel(BrightnessModel):
        """Class 0: the share of pixels still at either stripe value (a blur leaves none)."""

        def run(self, batch):
            kept = (np.abs(batch.astype(int) - pixels.astype(int)).max(axis=-1) < 10).mean(axis=(1, 2))
            return np.stack([kept, 1 - kept], axis=1).astype(np.float32)

    s = faithfulness.score(StripesModel(), pixels, np.zeros((SIZE, SIZE), np.float32), 0, kinds=("insertion",),
                           steps=4, random_count=1)
    assert s.curves["insertion"].scores[0] == 0.0 and s.curves["insertion"].scores[-1] == 1.0


def test_the_same_request_gives_the_same_curves_ties_and_imputation_included():
    pixels = textured()
    heat = np.zeros((SIZE, SIZE), np.float32)
    heat[:4, :4] = 1.0  # the rest tied
    runs = [faithfulness.score(BrightnessModel(), pixels, heat, 0, kinds=("deletion", "road"), steps=6,
                               random_count=1, seed=seed) for seed in (5, 5, 6)]
    for kind in ("deletion", "road"):
        np.testing.assert_array_equal(runs[0].curves[kind].scores, runs[1].curves[kind].scores)
        assert not np.array_equal(runs[0].curves[kind].scores, runs[2].curves[kind].scores)
