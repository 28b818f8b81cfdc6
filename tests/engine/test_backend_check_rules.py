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


def test_a_class_exactly_at_the_tolerance_from_the_fifth_counts_as_tied():
    tol = 2.0 ** -10  # the values and their differences below are exact in binary
    ref = np.array([[0.4, 0.25, 0.15, 0.125, 0.0625, 0.0625 - tol, 0.0]])
    out = ref[:, [0, 1, 2, 3, 5, 4, 6]]  # the 5th and the class just at the tolerance trade places
    assert check._same_top5(ref, out, tol)
    assert not check._same_top5(ref, ref[:, [0, 1, 2, 3, 6, 5, 4]], tol)  # a class further off does not


def test_float32_outputs_are_held_to_the_exact_tolerance_not_a_float32_rounding_of_it():
    """The 6th class is 1e-4 + 7.5e-13 below the 5th: not tied.  In float32 arithmetic the
    difference rounds to float32(1e-4) and would count as tied."""
    fifth, sixth = np.nextafter(np.float32(1e-4), np.float32(1)), np.float32(4e-12)
    ref = np.array([[0.5, 0.3, 0.1, 0.0, fifth, sixth]], np.float32)
    ref[0, 3] = 1 - ref.sum(dtype=np.float64)
    out = ref.copy()
    out[0, 4], out[0, 5] = fifth - np.float32(5.1e-5), sixth + np.float32(5.1e-5)  # 6th now above the 5th
    assert float(fifth) - float(sixth) > check.TOLERANCE
    result = check.compare(ref, out, "f32")
    assert not result.passed and not result.top5_same and result.reason == "the top-5 classes differ"


def test_exact_ties_in_the_converted_output_are_read_in_class_order_on_every_machine():
    """A tie in the converted model's output at the fifth place is broken by class index (a
    stable sort), not by whatever order the machine's fastest sort leaves tied values in."""
    for fifth, later in ((586, 632), (10, 900), (300, 301), (5, 999)):
        ref = np.linspace(1e-3, 0.0, 1000)[None]  # one image, 1000 classes
        ref[0, :4] = [0.3, 0.1, 0.05, 0.0]
        ref[0, fifth], ref[0, later] = 0.01, 0.01 - 1.5e-4  # the 5th, clearly ahead of the 6th in Keras
        ref[0, 3] = 1 - ref.sum()
        out = ref.copy()
        out[0, fifth] = out[0, later] = (ref[0, fifth] + ref[0, later]) / 2  # tied exactly, each within the limit
        assert check.compare(ref, out, "f32").passed, (fifth, later)
        swapped = out.copy()
        swapped[0, later] += 1e-6  # the later class clearly ahead: another top-5
        assert not check.compare(ref, swapped, "f32").passed, (fifth, later)


def test_the_limits_themselves_pass():
    ref = np.array([[0.5, 0.3, 0.2, 0.0, 0.0, 0.0, 0.0]])
    out = ref.copy()
    out[0, 5] = 1e-4  # exactly the limit: 1e-4 - 0
    result = check.compare(ref, out, "f32")
    assert result.max_abs_diff == check.TOLERANCE and result.passed and result.reason == ""
    feats = np.zeros((2, 2, 2, 3))
    feats[1, 1, 1, 2] = 2.0
    near = feats.copy()
    near[0, 0, 0, 0] = 2e-4  # relative 2e-4 / 2 = exactly 1e-4
    result = check.compare(feats, near, "f32")
    assert result.relative_error == check.TOLERANCE and result.passed and result.reason == ""


def test_at_the_limit_the_reason_names_the_top5_not_the_difference():
    ref = np.array([[0.3, 0.25, 0.2, 0.2498, 1.5e-4, 0.0]])
    ref[0, 3] = 1 - ref[0, [0, 1, 2, 4]].sum()
    out = ref.copy()
    out[0, 5] = 1e-4  # exactly the limit, and now above the 5th
    out[0, 4] = 0.9e-4
    result = check.compare(ref, out, "f32")
    assert result.max_abs_diff == check.TOLERANCE
    assert result.passed is False and result.top5_same is False and result.reason == "the top-5 classes differ"


def test_every_result_says_what_was_compared():
    feats = np.random.default_rng(2).normal(size=(3, 2, 2, 4))
    result = check.compare(feats, feats + 1e-3, "f32")
    assert (result.kind, result.precision, result.images, result.passed) == ("features", "f32", 3, False)
    assert result.max_abs_diff == pytest.approx(1e-3) and result.relative_error == pytest.approx(1e-3 / np.abs(feats).max())
    assert check.compare(feats, feats + 1e-3, "bf16").precision == "bf16"
    for precision in ("f32", "bf16"):
        result = check.compare(feats, feats[:2], precision)
        assert (result.kind, result.precision, result.images, result.passed) == ("unknown", precision, 3, False)
        assert result.max_abs_diff == float("inf") and result.relative_error == float("inf")
    ref = peaked(2)
    result = check.compare(ref, moved_top1(ref, 1), "f32")
    assert result.passed is False and result.top5_same is False and result.top1_agree == 1


def test_the_check_input_takes_width_and_height_and_numpy_sizes():
    wide = check.check_input((24, 16))
    assert wide.shape == (4, 16, 24, 3)
    np.testing.assert_array_equal(wide[-1], np.random.default_rng(20240601).integers(0, 256, (16, 24, 3),
                                                                                      dtype=np.uint8))
    np.testing.assert_array_equal(check.check_input(np.int64(16)), check.check_input(16))


def test_a_missing_sample_leaves_the_others_in_the_check(monkeypatch):
    full = check.check_input(16)
    monkeypatch.setattr(check, "SAMPLES", ("missing.png",) + check.SAMPLES[1:])
    batch = check.check_input(16)
    assert batch.shape == (3, 16, 16, 3)
    np.testing.assert_array_equal(batch, full[1:])
