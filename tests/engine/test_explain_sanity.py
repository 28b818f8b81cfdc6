"""Sanity checks (Adebayo et al. 2018) with the fixture MobileNetV2: a map that explains the
model must change when the model's top layers are randomised.

Measured, rank correlation with the original map (slow sweep, recorded by
test_record_every_method):

    method              top layer, mean of 5 draws     cascade of 4 layers, one draw (parrot)
                        parrot / cat / hot dog
    Grad-CAM            -0.11 / +0.19 / +0.44 pass     +0.02 +0.74 -0.32 -0.77
    Score-CAM, fast     +0.07 / +0.16 / +0.28 pass     +0.00 +0.97 -0.66 +0.00
    occlusion           -0.17 / -0.07 / +0.32 pass     -0.16 -0.47 +0.21 +0.19
    Grad-CAM++          +0.99 / +0.90 / +0.97 fail     +0.99 +0.94 +0.35 -0.09
    LayerCAM            +0.99 / +0.91 / +0.97 fail     +0.99 +0.94 +0.33 -0.10
    guided Grad-CAM     +0.97 / +0.94 / +0.98 fail     +0.97 +0.96 -0.06 -0.11
    vanilla gradients   +0.56 / +0.42 / +0.43          +0.59 +0.57 +0.54 +0.46
    gradients x inputs  +0.59 / +0.47 / +0.84          +0.62 +0.60 +0.56 +0.49
    integrated grad.    +0.43 / +0.47 / +0.88          +0.43 +0.42 +0.44 +0.39
    SmoothGrad          +0.54 / +0.42 / +0.55          +0.57 +0.58 +0.47 +0.36

Grad-CAM and Score-CAM pass: shuffling the class's weights changes the map completely.  At
MobileNetV2's last layer (global pooling, then one dense layer) the class gradient is the
same at every position, so Grad-CAM++, LayerCAM and the guided variant, which keep only its
positive part, weight channels almost regardless of the class: their maps barely change
until the convolutions below are randomised too (the same reason their cat map leans to the
parrot in the two-object test).  The gradient methods keep about half their structure
throughout (more on the hot dog): part of what they show is the image itself.  Asserted: the
verdicts of Grad-CAM and Score-CAM (and the failing top-layer test of Grad-CAM++ and LayerCAM),
and that every CAM map changes within the top 4 layers; the rest is recorded here.
"""

from __future__ import annotations

import numpy as np
import pytest

from engine import images
from engine.explain import sanity

from ..conftest import fixture_image, needs_fixtures


def test_rank_correlation_is_spearmans_with_average_ranks_for_ties():
    assert sanity.rank_correlation(np.array([1, 2, 3, 4, 5]), np.array([5, 6, 7, 8, 7])) == pytest.approx(
        0.8207826816681233)  # the textbook example, with a tie
    x = np.random.default_rng(0).random((8, 8))
    assert sanity.rank_correlation(x, x ** 3) == pytest.approx(1.0)
    assert sanity.rank_correlation(x, -x) == pytest.approx(-1.0)
    assert sanity.rank_correlation(x, np.zeros_like(x)) == 0.0


@pytest.fixture(scope="module")
def loaded(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    return predictor.load(request)


_checks: dict = {}


def checked(loaded, name: str, method: str) -> sanity.Sanity:
    if (name, method) not in _checks:
        _checks[(name, method)] = sanity.check(loaded, images.load_image(fixture_image(name)), method)
    return _checks[(name, method)]


@needs_fixtures
@pytest.mark.parametrize("method", ["gradcam", "fast-scorecam"])
def test_gradcam_and_scorecam_pass(loaded, method):
    s = checked(loaded, "parrot.jpg", method)
    assert s.stages == ["predictions", "Conv_1", "block_16_project", "block_16_depthwise"]
    assert len(s.draws) == sanity.DRAWS and s.draws[0] == s.correlations[0]
    assert s.grade == "passes" and s.similarity < 0.35 and "Passes" in s.verdict


@needs_fixtures
@pytest.mark.parametrize("method", ["gradcam", "fast-scorecam", "gradcam++", "layercam", "guided-gradcam"])
def test_every_cam_map_changes_within_the_top_four_layers(loaded, method):
    s = checked(loaded, "parrot.jpg", method)
    assert min(s.correlations) < 0.5 and s.correlations[0] - min(s.correlations) > 0.4


@needs_fixtures
def test_positive_gradient_cams_ignore_the_class_weights_at_the_last_layer(loaded):
    """Recorded as a fact of these methods on this architecture (see the module docstring),
    and what the app tells a student: "Fails" for the top layer."""
    for method in ("gradcam++", "layercam"):
        s = checked(loaded, "parrot.jpg", method)
        assert s.grade == "fails" and s.similarity > 0.9


@needs_fixtures
def test_the_check_leaves_the_model_and_its_results_untouched(loaded):
    pixels = images.model_input(images.load_image(fixture_image("cat.png")).pixels, 224).pixels[None]
    before = loaded.run(pixels)
    first = checked(loaded, "parrot.jpg", "gradcam")
    again = sanity.check(loaded, images.load_image(fixture_image("parrot.jpg")), "gradcam")
    np.testing.assert_array_equal(loaded.run(pixels), before)
    assert again.correlations == first.correlations and again.draws == first.draws


@needs_fixtures
@pytest.mark.slow
@pytest.mark.parametrize("name", ["parrot.jpg", "cat.png", "hot_dog.jpg"])
@pytest.mark.parametrize("method", ["gradcam", "gradcam++", "layercam", "fast-scorecam", "guided-gradcam",
                                    "occlusion", "smoothgrad", "integrated-gradients", "vanilla", "gradients-inputs"])
def test_record_every_method(loaded, name, method, record_property):
    """Recorded, not asserted beyond Grad-CAM and Score-CAM (junit properties and -s output)."""
    s = checked(loaded, name, method)
    record_property("similarity", round(s.similarity, 3))
    print(f"\n{name} {method}: top layer {np.round(s.draws, 2)} mean {s.similarity:+.2f} ({s.grade}); "
          f"cascade {np.round(s.correlations, 2)}")
    assert np.isfinite(s.correlations).all() and np.isfinite(s.draws).all()
    if method in ("gradcam", "fast-scorecam"):
        assert s.grade == "passes"


@needs_fixtures
def test_a_flat_map_gets_no_verdict_instead_of_passing(loaded, monkeypatch):
    """A constant map correlates 0 with anything, so the plain rule would call it "passes"."""
    import dataclasses

    from engine import explain

    def constant(target):
        if target.class_index < 0:
            target.class_index = 88
        return np.ones((7, 7), np.float32)

    monkeypatch.setitem(explain.METHODS, "gradcam", dataclasses.replace(explain.METHODS["gradcam"], run=constant))
    image = images.load_image(fixture_image("parrot.jpg"))
    check = sanity.check(loaded, image, "gradcam", class_index=88, draws=2, depth=2)
    assert check.flat and check.grade == "not applicable" and not check.passed
    assert check.verdict.startswith("Not applicable") and check.to_dict()["verdict"] == "not applicable"
