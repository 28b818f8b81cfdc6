"""Every method's map must beat random maps of the same smoothness on deletion (lower area)
and insertion (higher area), on real photos with MobileNetV2 and the fixture's ImageNet
weights.  A constant, wrong-class or shuffled map lands on the random baseline; a map mirrored
top to bottom often does not (the objects sit near the vertical middle), which the two-object
test catches instead.

Margins (random mean minus the map's deletion area; the map's insertion area minus the
random mean; 3 random maps) measured on the parrot (macaw, 99.6%), 16 steps:

    method            deletion   insertion        method             deletion   insertion
    Grad-CAM           +0.420     +0.297          occlusion           +0.114     +0.155
    guided Grad-CAM    +0.417     +0.313          SmoothGrad          +0.069     +0.534
    Grad-CAM++         +0.414     +0.283          integrated grad.    +0.025     +0.331
    LayerCAM           +0.415     +0.283          vanilla gradients   +0.059     +0.317
    Score-CAM, fast    +0.412     +0.264          gradients x inputs  +0.048     +0.381

The default suite asserts about half of each.  The slow sweep adds the cat and the hot dog
at 32 steps with ROAD.  There, painting a pixel-level map's pixels black (RISE deletion)
kills the class as fast as painting white noise black: the first step already removes 3% of
the pixels, scattered, and both curves fall to the floor (vanilla gradients +0.003 on the cat
and on the hot dog, SmoothGrad +0.012 / +0.018).  ROAD's imputation removes that artefact
(+0.03 to +0.29), so for those the slow sweep asserts deletion through ROAD and only that RISE
deletion is not worse than random.
"""

from __future__ import annotations

import pytest

from engine.explain import faithfulness

from ..conftest import needs_fixtures
from .heatmaps import photo_map

pytestmark = needs_fixtures

PARROT = {  # method: (deletion margin >=, insertion margin >=), parrot, 16 steps
    "gradcam": (0.2, 0.15), "guided-gradcam": (0.2, 0.15), "gradcam++": (0.2, 0.14), "layercam": (0.2, 0.14),
    "fast-scorecam": (0.2, 0.13), "occlusion": (0.05, 0.07), "smoothgrad": (0.03, 0.25),
    "integrated-gradients": (0.01, 0.15), "vanilla": (0.03, 0.15), "gradients-inputs": (0.02, 0.18),
}
PIXEL_LEVEL = {"smoothgrad", "integrated-gradients", "vanilla", "gradients-inputs"}
_scores: dict = {}


@pytest.fixture(scope="module")
def loaded(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    return predictor.load(request)


def scored(loaded, name: str, method: str, steps: int, kinds=("deletion", "insertion")):
    key = (name, method, steps, kinds)
    if key not in _scores:
        image, e = photo_map(loaded, name, method)
        assert not e.flat
        _scores[key] = faithfulness.score_explanation(loaded, image, e, kinds=kinds, steps=steps, random_count=3)
    return _scores[key]


@pytest.mark.parametrize("method", list(PARROT))
def test_every_method_beats_random_maps_of_equal_smoothness_on_the_parrot(loaded, method):
    s = scored(loaded, "parrot.jpg", method, 16)
    deletion, insertion = PARROT[method]
    assert s.class_index == 88
    assert s.margin("deletion") >= deletion, s.lines()
    assert s.margin("insertion") >= insertion, s.lines()


# (image, method): (deletion or ROAD margin >=, insertion margin >=), 32 steps; measured about twice these
SWEEP = {
    "cat.png": {"gradcam": (0.07, 0.11), "guided-gradcam": (0.07, 0.11), "gradcam++": (0.07, 0.1),
                "layercam": (0.07, 0.1), "fast-scorecam": (0.13, 0.17), "occlusion": (0.05, 0.15),
                "smoothgrad": (0.1, 0.19), "integrated-gradients": (0.08, 0.17), "vanilla": (0.015, 0.05),
                "gradients-inputs": (0.035, 0.12)},
    "hot_dog.jpg": {"gradcam": (0.14, 0.24), "guided-gradcam": (0.14, 0.22), "gradcam++": (0.14, 0.22),
                    "layercam": (0.14, 0.22), "fast-scorecam": (0.14, 0.21), "occlusion": (0.12, 0.28),
                    "smoothgrad": (0.14, 0.11), "integrated-gradients": (0.1, 0.09), "vanilla": (0.08, 0.08),
                    "gradients-inputs": (0.14, 0.06)},
}


@pytest.mark.slow
@pytest.mark.parametrize("name,method", [(n, m) for n, table in SWEEP.items() for m in table])
def test_every_method_beats_random_maps_on_the_cat_and_the_hot_dog(loaded, name, method):
    s = scored(loaded, name, method, 32, ("deletion", "insertion", "road"))
    removal, insertion = SWEEP[name][method]
    assert s.margin("insertion") >= insertion, s.lines()
    if method in PIXEL_LEVEL:
        assert s.margin("road") >= removal and s.margin("deletion") >= 0, s.lines()
    else:
        assert s.margin("deletion") >= removal and s.margin("road") >= 0, s.lines()
