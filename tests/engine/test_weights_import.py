"""Importing real ImageNet weight files: proven to load, format kept, used by weights="imagenet",
undoable; a file for another model is refused with a message."""

from __future__ import annotations

import os

import numpy as np
import pytest

from engine import images, model_weights, weights, zoo
from engine.errors import WeightsFileError
from engine.models import ModelRequest, WeightsPolicy
from engine.predict import Predictor

from ..faults.weightfiles import isolate
from ..conftest import MOBILENET_025_NO_TOP, MOBILENET_V2_H5, MOBILENET_V2_WEIGHTS, fixture_image, needs_fixtures

pytestmark = needs_fixtures
CATS = range(281, 286)


@pytest.fixture
def home(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    return tmp_path


def _top1_of_cat() -> int:
    pred = Predictor(capacity=1, policy=WeightsPolicy(allow_download=False))
    out = pred.predict(ModelRequest("MobileNetV2"), images.load_image(fixture_image("cat.png")))
    return out.top[0].index


def test_imported_no_top_file_gives_the_same_features(home):
    import keras

    variant = zoo.Variant(alpha=0.25, include_top=False)
    model_weights.import_weights("MobileNet", MOBILENET_025_NO_TOP, variant)
    from engine.models import build

    via_import = build(ModelRequest("MobileNet", variant), WeightsPolicy()).model
    direct = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3),
                                          weights=str(MOBILENET_025_NO_TOP))
    x = np.random.RandomState(1).uniform(-1, 1, (1, 224, 224, 3)).astype("float32")
    np.testing.assert_allclose(via_import(x), direct(x), rtol=1e-6, atol=1e-6)


def test_each_full_file_imported_predicts_the_cat_and_remove_restores_each_previous_state(home):
    """Legacy .h5, then the Keras 3 .weights.h5 replacing it: each predicts a cat through
    weights="imagenet"; removing brings back the previous state, step by step."""
    assert model_weights.status_for("MobileNetV2").where == "missing"
    first = model_weights.import_weights("MobileNetV2", MOBILENET_V2_H5)
    assert first.format == "legacy" and first.path.name.endswith("1.0_224.h5")
    assert first.path.read_bytes() == MOBILENET_V2_H5.read_bytes()
    assert _top1_of_cat() in CATS

    with pytest.raises(WeightsFileError, match="already in use .* Replace them"):
        model_weights.import_weights("MobileNetV2", MOBILENET_V2_WEIGHTS)
    second = model_weights.import_weights("MobileNetV2", MOBILENET_V2_WEIGHTS, replace=True)
    assert second.format == "keras3" and second.path.name.endswith("1.0_224.weights.h5")  # format kept
    st = model_weights.status_for("MobileNetV2")
    assert st.where == "imported" and st.path == second.path
    assert st.imported == second and st.previous_import == first
    assert _top1_of_cat() in CATS

    undone = model_weights.remove_import("MobileNetV2")
    assert undone.removed == second and undone.restored == first
    st = model_weights.status_for("MobileNetV2")
    assert st.where == "imported" and st.path.read_bytes() == MOBILENET_V2_H5.read_bytes()
    assert not second.path.exists() and st.previous_import is None

    model_weights.remove_import("MobileNetV2")
    assert model_weights.status_for("MobileNetV2").where == "missing"
    assert sorted(os.listdir(weights.imported_dir())) == ["imports.json", "previous"]
    with pytest.raises(WeightsFileError, match="No weights were imported"):
        model_weights.remove_import("MobileNetV2")


@pytest.mark.parametrize("model,variant,src,match", [
    ("MobileNetV2", None, MOBILENET_025_NO_TOP, "does not fit MobileNetV2.*it holds 54 layers .* this model needs 105 layers"),
    ("MobileNet", zoo.Variant(alpha=0.25), MOBILENET_V2_WEIGHTS, "does not fit MobileNet"),
    ("MobileNetV2", None, fixture_image("cat.png"), "not an HDF5 file"),
], ids=["legacy-for-another-model", "keras3-for-another-model", "not-weights"])
def test_a_file_for_another_model_is_refused(home, model, variant, src, match):
    with pytest.raises(WeightsFileError, match=match):
        model_weights.import_weights(model, src, variant)
    assert model_weights.status_for(model, variant).where == "missing"
    leftovers = [p for p in weights.imported_dir().rglob("*")] if weights.imported_dir().exists() else []
    assert [p for p in leftovers if p.is_file()] == []


def test_a_load_that_sets_nothing_is_refused(home, monkeypatch):
    """Keras versions that only warn when a file fits partly (this one raises): the kernel
    check still refuses a load that left the random initial weights in place."""
    import keras

    from engine.builder import prove_loads

    monkeypatch.setattr(keras.Model, "load_weights", lambda self, path, *a, **k: None)
    with pytest.raises(ValueError, match="weight arrays were not loaded"):
        prove_loads(zoo.get("MobileNetV2"), zoo.Variant(alpha=0.35, include_top=False, input_size=96),
                    MOBILENET_V2_WEIGHTS)
