"""Test isolation: every run gets its own user folder and Keras cache, TensorFlow is quiet,
Qt runs offscreen.  Tests needing the real ImageNet fixtures skip with a reason when the
shared fixtures folder is absent."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_tmp_home = tempfile.mkdtemp(prefix="studio-test-home-")
os.environ["PRETRAINED_STUDIO_HOME"] = os.path.join(_tmp_home, "user")
os.environ["KERAS_HOME"] = os.path.join(_tmp_home, "keras")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PRETRAINED_STUDIO_WEIGHTS_MIRROR", None)

FIXTURES = Path(os.environ.get("PRETRAINED_STUDIO_FIXTURES", ROOT.parent / "shared" / "fixtures"))
MOBILENET_V2_WEIGHTS = FIXTURES / "weights" / "mobilenet_v2_1.0_224_imagenet_from_coral_tflite.weights.h5"
MOBILENET_V2_H5 = FIXTURES / "weights" / "mobilenet_v2_1.0_224_imagenet_from_coral_tflite.h5"
MOBILENET_025_NO_TOP = FIXTURES / "weights" / "mobilenet_2_5_224_tf_no_top.h5"

needs_fixtures = pytest.mark.skipif(
    not MOBILENET_V2_WEIGHTS.is_file(),
    reason=f"real ImageNet fixtures not found at {FIXTURES} (set PRETRAINED_STUDIO_FIXTURES)",
)


def fixture_image(name: str) -> Path:
    return FIXTURES / "images" / name


@pytest.fixture(scope="session")
def real_mobilenet_v2():
    """MobileNetV2 with the fixture's real ImageNet weights, built once per session."""
    if not MOBILENET_V2_WEIGHTS.is_file():
        pytest.skip(f"real ImageNet fixtures not found at {FIXTURES}")
    from engine.models import ModelRequest
    from engine.predict import Predictor

    predictor = Predictor(capacity=2)
    request = ModelRequest("MobileNetV2", weights=str(MOBILENET_V2_WEIGHTS))
    predictor.load(request)
    return predictor, request


@pytest.fixture(autouse=True)
def _no_earlier_notices():
    """Notices about the app's own files (engine.safefiles) are kept per process for the window
    to show once: one test's must not show up in the next test's window."""
    from engine import safefiles

    safefiles.notices()
    yield
