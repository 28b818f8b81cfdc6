"""A no-top base for training taken from imported full weights: same features as the full
model at that layer, made once, and dropped when the full file it came from goes away."""

from __future__ import annotations

import numpy as np
import pytest

from engine import builder, images, model_weights, weights, zoo
from engine.model_weights import resolver
from engine.models import WeightsPolicy
from engine.weights import notop

from ..faults.weightfiles import isolate
from ..conftest import MOBILENET_V2_H5, fixture_image, needs_fixtures

pytestmark = needs_fixtures
NO_TOP = zoo.Variant(include_top=False)


@pytest.fixture
def home(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    return tmp_path


def test_no_top_base_is_derived_from_imported_full_weights(home):
    import keras

    model_weights.import_weights("MobileNetV2", MOBILENET_V2_H5)
    assert model_weights.status_for("MobileNetV2", NO_TOP).where == "missing"

    spec = zoo.get("MobileNetV2")
    used = []
    resolve = resolver(spec, WeightsPolicy(allow_download=False), None, None)
    base = builder.build(spec, NO_TOP, "imagenet", resolve=lambda wf: used.append(resolve(wf)) or used[-1])
    st = model_weights.status_for("MobileNetV2", NO_TOP)
    assert st.where == "derived" and used == [str(st.path)] and st.path.name.endswith("_no_top.weights.h5")

    full = keras.applications.MobileNetV2(weights=str(MOBILENET_V2_H5))
    cut = keras.Model(full.inputs, full.get_layer("out_relu").output)
    img = images.load_image(fixture_image("cat.png"))
    x = keras.applications.mobilenet_v2.preprocess_input(
        np.asarray(images.model_input(img.pixels, 224).pixels, np.float32)[None])
    np.testing.assert_allclose(base(x), cut(x), rtol=1e-5, atol=1e-5)

    made = st.path.stat().st_mtime_ns
    assert resolve(weights.from_manifest("MobileNetV2|no top")) == str(st.path)
    assert st.path.stat().st_mtime_ns == made  # made once, reused

    model_weights.remove_import("MobileNetV2")
    assert model_weights.status_for("MobileNetV2", NO_TOP).where == "missing"  # its source is gone
    assert not st.path.exists()


def test_full_counterpart_follows_the_manifest():
    name, variant, full_variant, wf = notop.full_counterpart(
        weights.from_manifest("MobileNetV2|alpha=0.5, 128px, no top"))
    assert (name, variant.alpha, variant.input_size, variant.include_top) == ("MobileNetV2", 0.5, 128, False)
    assert full_variant.include_top and wf.filename == "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.5_128.h5"
    assert notop.full_counterpart(weights.from_manifest("MobileNetV2|")) is None
