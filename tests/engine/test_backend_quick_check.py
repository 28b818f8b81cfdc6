"""The one-image check a cached conversion passes on every load from the disk cache: f32 held
to the full check's limits, bf16 to the same top class (probabilities) or features pointing
the same way (cosine at least 0.99); wrong shapes and non-finite outputs never pass."""

from __future__ import annotations

import sys
import types

import numpy as np
import pytest

from engine.backends import check


def probabilities(n: int = 3, classes: int = 6) -> np.ndarray:
    """n images with a clear, different top class each."""
    out = np.random.default_rng(n).uniform(0.02, 0.08, (n, classes))
    out[np.arange(n), np.arange(n) % classes] = 0.7
    return out / out.sum(axis=1, keepdims=True)


def features_at_cosine(ref: np.ndarray, cosine: float) -> np.ndarray:
    """Features with the same norm as ``ref`` at exactly ``cosine`` to it."""
    a = ref.ravel()
    other = np.random.default_rng(7).normal(size=a.shape)
    other -= (other @ a) / (a @ a) * a  # orthogonal to ref
    other *= np.linalg.norm(a) / np.linalg.norm(other)
    return (cosine * a + np.sqrt(1 - cosine ** 2) * other).reshape(ref.shape)


def test_f32_is_held_to_the_full_checks_limits():
    ref = probabilities()
    assert check.quick(ref, ref + 0.5e-4 * np.sign(np.arange(ref.size).reshape(ref.shape) % 2 - 0.5), "f32") == ""
    over = ref.copy()
    over[1, 4] += 2e-4
    assert check.quick(ref, over, "f32") == f"max probability difference {2e-4:.2g} (limit 0.0001)"
    feats = np.random.default_rng(3).normal(size=(1, 2, 2, 8)) * 10
    far = feats * (1 + 1e-3)
    assert check.quick(feats, far, "f32").startswith("features differ by ")
    assert check.quick(feats, feats * (1 + 1e-6), "f32") == ""


def test_bf16_probabilities_need_the_same_top_class_on_every_image():
    ref = probabilities(3)
    rough = ref + np.random.default_rng(1).normal(0, 5e-3, ref.shape)  # far beyond f32's limit
    assert check.quick(ref, rough, "bf16") == ""
    assert check.quick(ref, rough, "f32") != ""
    for image in range(3):
        moved = ref.copy()
        top = int(ref[image].argmax())
        moved[image, [top, (top + 1) % 6]] = moved[image, [(top + 1) % 6, top]]
        assert check.quick(ref, moved, "bf16") == "the top class differs", image


@pytest.mark.parametrize("cosine,passes", [(0.999, True), (0.9905, True), (0.9895, False), (0.5, False)])
def test_bf16_features_must_point_the_same_way(cosine, passes):
    ref = np.abs(np.random.default_rng(2).normal(size=(1, 3, 3, 16)))  # ReLU features: all >= 0
    out = features_at_cosine(ref, cosine)
    assert float(ref.ravel() @ out.ravel() / np.linalg.norm(ref) / np.linalg.norm(out)) == pytest.approx(cosine)
    why = check.quick(ref, out, "bf16")
    assert why == ("" if passes else f"features differ (cosine {cosine:.3f})")


def test_bf16_features_scaled_keep_their_direction_and_pass():
    ref = np.abs(np.random.default_rng(4).normal(size=(1, 2, 2, 8)))
    assert check.quick(ref, ref * 3.0, "bf16") == ""  # the cosine ignores the scale
    assert check.quick(ref, -ref, "bf16") == "features differ (cosine -1.000)"


def test_all_zero_features_do_not_divide_by_zero():
    zero = np.zeros((1, 2, 2, 4))
    with np.errstate(all="raise"):
        assert check.quick(zero, zero, "bf16") == "features differ (cosine 0.000)"


@pytest.mark.parametrize("precision", ["f32", "bf16"])
def test_wrong_shapes_and_non_finite_outputs_never_pass(precision):
    ref = probabilities(1)
    assert check.quick(ref, ref[:, :5], precision) == "outputs of shape (1, 5) (Keras: (1, 6)) or not finite"
    for bad in (np.nan, np.inf):
        out = ref.copy()
        out[0, 2] = bad
        assert check.quick(ref, out, precision) == "outputs of shape (1, 6) (Keras: (1, 6)) or not finite"


def test_the_quick_input_is_the_first_sample_photo():
    one = check.quick_input(24)
    assert one.shape == (1, 24, 24, 3) and one.dtype == np.uint8
    np.testing.assert_array_equal(one[0], check.check_input(24)[0])
    noise = np.random.default_rng(20240601).integers(0, 256, (24, 24, 3), dtype=np.uint8)
    assert not np.array_equal(one[0], noise)  # a photo with a clear top class, not the noise


class _Loaded:
    """A loaded model whose forward pass shows its input's dtype and, like a model with dropout
    or batch normalisation, answers differently when told it is training."""

    def __init__(self):
        self.seen = []

    def preprocess(self, x):
        self.seen.append(np.asarray(x).dtype)
        return x / 127.5 - 1.0

    @staticmethod
    def model(x, training=False):
        return x * 0.0 if training else x


def test_the_keras_reference_is_preprocessed_and_run_for_inference(monkeypatch):
    # TensorFlow's cast is NumPy's here: the test needs its arithmetic, not its start-up time.
    monkeypatch.setitem(sys.modules, "tensorflow", types.SimpleNamespace(
        float32=np.float32, cast=lambda x, dtype: np.asarray(x, dtype)))
    loaded = _Loaded()
    pixels = np.random.default_rng(5).integers(0, 256, (1, 4, 4, 3), dtype=np.uint8)
    out = check.keras_reference(loaded, pixels)
    assert isinstance(out, np.ndarray) and loaded.seen == [np.float32]
    np.testing.assert_allclose(out, pixels / 127.5 - 1.0, rtol=1e-6, atol=1e-6)


def test_a_cosine_of_exactly_the_bound_passes():
    ref = np.zeros((1, 1, 1, 5))
    ref[0, 0, 0, 0] = 2.0
    out = np.array([99.0, 9.0, 9.0, 6.0, 1.0]).reshape(ref.shape)  # length 100: cosine 99 / 100
    assert check.quick(ref, out, "bf16") == ""
    assert check.quick(ref, out[..., [1, 0, 2, 3, 4]], "bf16") == "features differ (cosine 0.090)"


def test_small_features_pointing_the_same_way_pass():
    ref = np.abs(np.random.default_rng(6).normal(size=(1, 2, 2, 8))) * 1e-4  # |ref| * |out| ~ 1e-7
    assert check.quick(ref, ref * 1.001, "bf16") == ""
    assert check.quick(ref, ref[..., ::-1], "bf16").startswith("features differ")


def test_float32_features_are_held_to_the_exact_cosine_not_a_float32_rounding_of_it():
    """Pairs of float32 outputs within 3e-8 of the bound: the verdict is the exact cosine's,
    computed in float64 here."""
    rng = np.random.default_rng(0)
    verdicts = set()
    for _ in range(300):
        a = np.abs(rng.normal(size=16)).astype(np.float32)
        other = rng.normal(size=16)
        other -= (other @ a) / (a @ a) * a
        other *= np.linalg.norm(a) / np.linalg.norm(other)
        c = 0.99 + rng.uniform(-3e-8, 3e-8)
        b = (c * a + np.sqrt(1 - c * c) * other).astype(np.float32)
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        exact = a64 @ b64 / (np.sqrt(a64 @ a64) * np.sqrt(b64 @ b64))
        passes = check.quick(a.reshape(1, 1, 1, 16), b.reshape(1, 1, 1, 16), "bf16") == ""
        assert passes == (exact >= check.QUICK_BF16_COSINE), exact
        verdicts.add(passes)
    assert verdicts == {True, False}
