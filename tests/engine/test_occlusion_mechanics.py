"""Occlusion sensitivity on a model whose answer is known exactly, against a plain
re-computation of the definition: each pixel's importance is the class probability's drop,
averaged over the patches that covered it, never negative.

The stub's class-0 probability is the share of its evidence pixels not painted mid-grey, so
a patch over the evidence lowers it by exactly the share it hides; class 1 is the rest.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.explain import base, occlusion

from ..translatable import assert_translatable


class PatchModel:
    num_classes = 2

    def __init__(self, size: int, evidence: np.ndarray):
        self.input_size, self.evidence = size, evidence
        self.images = 0

    def run(self, pixels: np.ndarray) -> np.ndarray:
        self.images += len(pixels)
        visible = np.any(pixels != occlusion.FILL, axis=-1)[:, self.evidence].mean(axis=1)
        p = 0.1 + 0.8 * visible
        return np.stack([p, 1 - p], axis=1).astype(np.float32)


def textured(size: int) -> np.ndarray:
    return np.random.default_rng(0).integers(0, 120, (size, size, 3)).astype(np.uint8)  # never mid-grey


def target(model, pixels, class_index=0, **options) -> base.Target:
    return base.Target(model, pixels, class_index, (), options=options)


def reference(model, pixels, class_index, patch, stride) -> np.ndarray:
    """The definition, written out: every patch position, every covered pixel."""
    size = pixels.shape[0]
    starts = sorted(set(list(range(0, size - patch + 1, stride)) + [size - patch]))
    p0 = model.run(pixels[None])[0, class_index]
    total, count = np.zeros((size, size)), np.zeros((size, size))
    for y in starts:
        for x in starts:
            hidden = pixels.copy()
            hidden[y:y + patch, x:x + patch] = occlusion.FILL
            total[y:y + patch, x:x + patch] += p0 - model.run(hidden[None])[0, class_index]
            count[y:y + patch, x:x + patch] += 1
    return np.maximum(total / count, 0)


def evidence_box(size, y0, y1, x0, x1) -> np.ndarray:
    mask = np.zeros((size, size), bool)
    mask[y0:y1, x0:x1] = True
    return mask


@pytest.mark.parametrize("size,patch,stride", [(28, 6, 3), (30, 8, 5), (24, 5, 5)])
def test_the_map_is_the_mean_drop_over_covering_patches(size, patch, stride, monkeypatch):
    model = PatchModel(size, evidence_box(size, 3, 14, 10, 25))
    pixels = textured(size)
    monkeypatch.setattr(base, "images_per_call", lambda size: 7)  # several model calls
    got = occlusion.run(target(model, pixels, patch_size=patch, stride=stride))
    want = reference(PatchModel(size, model.evidence), pixels, 0, patch, stride)
    assert got.dtype == np.float32 and got.shape == (size, size)
    np.testing.assert_allclose(got, want, atol=1e-6)
    assert got[model.evidence].min() > 0 and got[20:, :8].max() == 0  # hot on the evidence only


def test_a_class_that_gains_from_the_patch_gets_zero_not_a_negative_map():
    size = 28
    model = PatchModel(size, evidence_box(size, 0, 14, 0, 28))
    heat = occlusion.run(target(model, textured(size), class_index=1, patch_size=6, stride=3))
    assert heat.min() == 0.0 and heat.max() == 0.0  # class 1 rises wherever class 0 falls
    hot = occlusion.run(target(model, textured(size), class_index=0, patch_size=6, stride=3))
    assert hot.max() > 0.05


def test_patch_grid_covers_the_edges_exactly():
    assert occlusion.patch_grid(10, 4, 3) == [(y, x) for y in (0, 3, 6) for x in (0, 3, 6)]
    assert occlusion.patch_grid(10, 4, 4) == [(y, x) for y in (0, 4, 6) for x in (0, 4, 6)]  # the edge added
    assert occlusion.patch_grid(8, 8, 4) == [(0, 0)]
    assert occlusion.patch_grid(8, 8, 1) == [(0, 0)]
    assert occlusion.patch_grid(6, 8, 4) == [(0, 0)]  # larger than the image: one place, not four copies
    for size, patch, stride in ((224, 48, 24), (17, 5, 3), (9, 4, 4)):
        corners = occlusion.patch_grid(size, patch, stride)
        covered = np.zeros((size, size), int)
        for y, x in corners:
            assert 0 <= y <= size - patch and 0 <= x <= size - patch
            covered[y:y + patch, x:x + patch] += 1
        assert covered.min() >= 1 and len(set(corners)) == len(corners)


def test_default_patch_and_stride_follow_the_input_size():
    size = 56  # patch round(56 * 3 / 14) = 12, stride 6: corners 0, 6, …, 42 and the edge 44
    model = PatchModel(size, evidence_box(size, 10, 30, 10, 30))
    occlusion.run(target(model, textured(size)))
    assert model.images == 9 * 9 + 1
    small = PatchModel(9, evidence_box(9, 0, 6, 0, 6))  # round(9 * 3 / 14) = 2 -> at least 4, stride 2
    occlusion.run(target(small, textured(9)))
    assert small.images == 4 * 4 + 1  # corners 0, 2, 4 and the edge 5
    tiny_patch = PatchModel(8, evidence_box(8, 0, 6, 0, 6))
    occlusion.run(target(tiny_patch, textured(8), patch_size=3))  # stride half of 3: 1
    assert tiny_patch.images == 6 * 6 + 1


def test_flat_reason_only_when_no_patch_matters():
    size = 28
    nothing = PatchModel(size, evidence_box(size, 0, 0, 0, 0))
    nothing.run = lambda pixels: np.tile(np.float32([[0.3, 0.7]]), (len(pixels), 1))
    t = target(nothing, textured(size), patch_size=6, stride=3)
    assert occlusion.run(t).max() == 0 and t.flat_reason == (
        "no patch lowers this class's probability (30%) by even 0.1 percentage point: nothing the patch covers "
        "matters to it")
    sure = PatchModel(size, evidence_box(size, 0, 0, 0, 0))
    sure.run = lambda pixels: np.tile(np.float32([[0.9, 0.1]]), (len(pixels), 1))
    t = target(sure, textured(size), patch_size=6, stride=3)
    occlusion.run(t)
    assert "probability (90%) by even 0.1 percentage point" in t.flat_reason
    t = target(PatchModel(size, evidence_box(size, 0, 3, 0, 3)), textured(size), patch_size=6, stride=3)
    occlusion.run(t)
    assert t.flat_reason == ""


def _probabilities(model, pixels, patch=6, stride=3):
    model.images = 0
    occlusion.occluded_probabilities(target(model, pixels), patch, stride)
    return model.images


def test_the_patched_probabilities_are_reused_for_another_class_of_the_same_image():
    size = 28
    model, pixels = PatchModel(size, evidence_box(size, 3, 14, 10, 25)), textured(size)
    first = _probabilities(model, pixels)
    assert first == len(occlusion.patch_grid(size, 6, 3)) + 1
    model.images = 0
    occlusion.run(target(model, pixels, class_index=1, patch_size=6, stride=3))
    assert model.images == 0


@pytest.mark.parametrize("part", ["image", "patch", "stride", "model", "weights changed"])
def test_each_part_of_the_key_makes_a_miss(part):
    size = 28
    model, pixels = PatchModel(size, evidence_box(size, 3, 14, 10, 25)), textured(size)
    _probabilities(model, pixels)
    patch, stride = 6, 3
    if part == "image":
        pixels = pixels.copy()
        pixels[0, 0, 0] += 1
    elif part == "patch":
        patch = 7
    elif part == "stride":
        stride = 4
    elif part == "model":
        model = PatchModel(size, model.evidence)
    else:
        base.forget_results(model)
    assert _probabilities(model, pixels, patch, stride) == len(occlusion.patch_grid(size, patch, stride)) + 1


def test_only_the_latest_two_images_are_kept():
    size = 28
    model = PatchModel(size, evidence_box(size, 3, 14, 10, 25))
    images = [textured(size) + i for i in range(3)]
    for pixels in images:
        _probabilities(model, pixels)
    assert _probabilities(model, images[2]) == 0 and _probabilities(model, images[1]) == 0
    assert _probabilities(model, images[0]) > 0


def test_progress_and_cancel_between_model_calls(monkeypatch):
    from engine.jobs import CancelToken, Cancelled

    size = 28
    model, pixels = PatchModel(size, evidence_box(size, 3, 14, 10, 25)), textured(size)
    monkeypatch.setattr(base, "images_per_call", lambda size: 40)
    seen = []
    t = target(model, pixels, patch_size=6, stride=3)
    t.progress = lambda fraction, message: seen.append((fraction, message))
    occlusion.run(t)
    assert seen == [(40 / 81, "Occlusion: 40 of 81 images"), (80 / 81, "Occlusion: 80 of 81 images"),
                    (1.0, "Occlusion: 81 of 81 images")]
    token = CancelToken()
    t = target(PatchModel(size, model.evidence), pixels, patch_size=6, stride=3)
    t.progress, t.cancel = (lambda fraction, message: token.cancel()), token
    with pytest.raises(Cancelled):
        occlusion.run(t)
    assert t.loaded.images == 40


class Recorder(PatchModel):
    """PatchModel that keeps every image it is given."""

    def __init__(self, size, evidence):
        super().__init__(size, evidence)
        self.seen = []

    def run(self, pixels):
        self.seen.extend(np.array(pixels))
        return super().run(pixels)


def test_each_patch_is_a_mid_grey_square_at_its_corner_and_nothing_else_changes():
    size, patch, stride = 30, 8, 5  # (30 - 8) / 5 is not whole: the last row and column sit at 22
    model = Recorder(size, evidence_box(size, 4, 12, 17, 29))  # off-centre
    pixels = textured(size)
    occlusion.run(target(model, pixels, patch_size=patch, stride=stride))
    starts = [0, 5, 10, 15, 20, 22]
    assert len(model.seen) == len(starts) ** 2 + 1
    for image, (y, x) in zip(model.seen, [(y, x) for y in starts for x in starts]):
        changed = np.any(image != pixels, axis=-1)
        want = np.zeros((size, size), bool)
        want[y:y + patch, x:x + patch] = True
        np.testing.assert_array_equal(changed, want)
        assert (image[want] == [128, 128, 128]).all()  # mid-grey, whatever the model's preprocessing
    np.testing.assert_array_equal(model.seen[-1], pixels)  # and the image itself, unpatched


class Constant:
    """A model whose class-0 probability is ``base`` on the image and ``patched`` under any patch."""

    num_classes = 2

    def __init__(self, size, base, patched):
        self.input_size, self.base, self.patched = size, base, patched

    def run(self, pixels):
        hidden = np.any(pixels == occlusion.FILL, axis=(1, 2, 3))
        p = np.where(hidden, self.patched, self.base)
        return np.stack([p, 1 - p], axis=1)  # float64: the drops below are exact


def test_a_drop_of_exactly_a_tenth_of_a_point_is_not_flat_just_under_it_is():
    size = 12
    t = target(Constant(size, 0.001, 0.0), textured(size), patch_size=4, stride=4)
    heat = occlusion.run(t)
    assert t.flat_reason == "" and heat.min() == heat.max() == pytest.approx(0.001)
    t = target(Constant(size, 0.000999, 0.0), textured(size), patch_size=4, stride=4)
    occlusion.run(t)
    assert t.flat_reason.startswith("no patch lowers this class's probability (0.1%) by even 0.1 percentage point")


def test_the_window_can_say_the_flat_reason_in_its_language():
    size = 12
    t = target(Constant(size, 0.4, 0.4), textured(size), patch_size=4, stride=4)
    occlusion.run(t)
    assert t.flat_reason
    assert_translatable(t.flat_reason)
