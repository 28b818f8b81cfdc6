"""The agreement check's rules on several check images, where each rule's bound shows: bf16
falls back when top-1 agrees on fewer than half the images (exactly half passes), f32 is
held to 1e-4 and the same top-5, features to 1e-4 of the largest value."""

from __future__ import annotations

import numpy as np
import pytest

from engine.backends import check


def peaked(n: int, classes: int = 10) -> np.ndarray:
    """n images, each with a clear top-1 (class i % classes), as probabilities."""
    rng = np.random.default_rng(n)
    out = rng.uniform(0.01, 0.05, (n, classes))
    out[np.arange(n), np.arange(n) % classes] = 0.6
    return out / out.sum(axis=1, keepdims=True)


def moved_top1(ref: np.ndarray, images: int) -> np.ndarray:
    """``ref`` with the top-1 of the first ``images`` images moved to another class."""
    out = ref.copy()
    for i in range(images):
        top = int(ref[i].argmax())
        other = (top + 1) % ref.shape[1]
        out[i, [top, other]] = out[i, [other, top]]
    return out


@pytest.mark.parametrize("n,wrong,passes", [(4, 0, True), (4, 1, True), (4, 2, True), (4, 3, False),
                                            (4, 4, False), (5, 2, True), (5, 3, False), (1, 1, False)])
def test_bf16_falls_back_only_below_half_the_images(n, wrong, passes):
    ref = peaked(n)
    result = check.compare(ref, moved_top1(ref, wrong), "bf16")
    assert result.passed == passes and result.top1_agree == n - wrong and result.images == n
    assert result.kind == "probabilities" and result.precision == "bf16"
    if not passes:
        assert result.reason == f"top-1 agrees on only {n - wrong} of {n} check images"
    else:
        assert result.reason == ""


def test_bf16_is_not_held_to_f32_limits_but_must_be_finite():
    ref = peaked(4)
    rough = ref + np.random.default_rng(0).normal(0, 2e-3, ref.shape)
    assert check.compare(ref, rough, "bf16").passed
    assert not check.compare(ref, rough, "f32").passed
    bad = ref.copy()
    bad[2, 3] = np.nan
    for precision in ("bf16", "f32"):
        result = check.compare(ref, bad, precision)
        assert not result.passed and result.max_abs_diff == float("inf") and result.kind == "unknown"
        assert result.reason == "outputs of shape (4, 10) (Keras: (4, 10)) or not finite"


def test_f32_probabilities_within_the_limit_pass_just_over_it_fail():
    ref = peaked(4)
    within = ref.copy()
    within[:, 9] += 0.99e-4
    result = check.compare(ref, within, "f32")
    assert result.passed and result.max_abs_diff == pytest.approx(0.99e-4) and result.top5_same
    over = ref.copy()
    over[1, 9] += 1.01e-4
    result = check.compare(ref, over, "f32")
    assert not result.passed and result.reason == f"max probability difference {1.01e-4:.2g} (limit 0.0001)"
    assert result.relative_error == pytest.approx(1.01e-4 / ref.max())


def test_classes_tied_with_the_fifth_may_trade_places():
    ref = np.array([[0.3, 0.2, 0.15, 0.1, 0.08, 0.08 + 5e-5, 0.0895]])  # 5th and 6th within the tolerance
    ref = ref / ref.sum()
    out = ref.copy()
    out[0, [4, 5]] = out[0, [5, 4]]
    assert check.compare(ref, out, "f32").passed
    clear = ref.copy()
    clear[0, 4], clear[0, 6] = clear[0, 6], clear[0, 4]  # a class well apart enters the top-5
    assert not check._same_top5(ref, clear, check.TOLERANCE)


def test_the_top5_is_checked_on_every_image():
    ref = peaked(3)
    out = ref.copy()
    out[2] = ref[2][::-1]  # the last image's order reversed
    assert check._same_top5(ref[:2], out[:2], 1e-4) and not check._same_top5(ref, out, 1e-4)


def test_the_top5_is_a_set_and_fewer_classes_are_all_of_it():
    ref = np.array([[0.3, 0.25, 0.2, 0.12, 0.08, 0.03, 0.02]])
    assert check._same_top5(ref, ref[:, [4, 3, 2, 1, 0, 5, 6]], 1e-4)  # the same five, another order
    assert not check._same_top5(ref, ref[:, [0, 1, 2, 3, 5, 4, 6]], 1e-4)  # the 5th and 6th trade places
    three = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6]])
    assert check._same_top5(three, three[:, [1, 0, 2]], 1e-4)  # every class is in the top "5"


def test_features_are_compared_relative_to_the_largest_value():
    feats = np.random.default_rng(1).normal(size=(3, 4, 4, 8)) * 50
    top = np.abs(feats).max()
    near = feats.copy()
    near[0, 0, 0, 0] += 0.9e-4 * top
    result = check.compare(feats, near, "f32")
    assert result.passed and result.kind == "features" and result.relative_error == pytest.approx(0.9e-4, rel=1e-6)
    far = feats.copy()
    far[2, 3, 3, 7] += 1.1e-4 * top
    result = check.compare(feats, far, "f32")
    assert not result.passed and result.reason == f"features differ by {1.1e-4:.2g} relative (limit 0.0001)"
    assert check.compare(feats, far, "bf16").passed
    assert check.compare(np.zeros((1, 2, 2, 1)), np.zeros((1, 2, 2, 1)), "f32").passed  # all zero: no division


def test_what_counts_as_probabilities():
    assert check.is_probabilities(peaked(3))
    assert not check.is_probabilities(peaked(3) * 1.01)  # rows must sum to 1
    assert check.is_probabilities(np.array([[0.5, 0.5 + 0.9e-3]]))
    assert not check.is_probabilities(np.array([[1.2, -0.2]]))  # no negatives
    assert not check.is_probabilities(np.ones((1, 2, 2)) / 4)  # 2-D only


def test_the_check_input_is_the_samples_and_seeded_noise(monkeypatch):
    batch = check.check_input(32)
    assert batch.shape == (4, 32, 32, 3) and batch.dtype == np.uint8
    np.testing.assert_array_equal(batch[-1], np.random.default_rng(20240601).integers(0, 256, (32, 32, 3),
                                                                                       dtype=np.uint8))
    assert len({batch[i].tobytes() for i in range(4)}) == 4
    from engine import paths

    monkeypatch.setattr(paths, "resources_dir", lambda: paths.Path("/nonexistent"))
    only_noise = check.check_input(16)
    assert only_noise.shape == (1, 16, 16, 3)  # a missing sample weakens the check, never stops it
