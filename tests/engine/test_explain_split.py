"""Split execution for heatmaps: where the model runs on OpenVINO, the layers up to the
explained one run there and only the gradient above it in Keras.  The maps must be the
Keras maps (1e-4, normalised, at the default layer), for a flat zoo model and for a base
nested in a trained head; a cut through a residual block hands both tensors across; a
prefix that cannot be converted leaves the map on Keras, saying why."""

from __future__ import annotations

import numpy as np
import pytest

from engine import explain, images
from engine.backends import convert
from engine.explain.base import Target, model_cache
from engine.explain.split_gradients import split_for
from engine.models import ModelRequest, from_keras
from engine.predict import Predictor

from ..conftest import MOBILENET_V2_WEIGHTS, needs_fixtures
from .heatmaps import EGYPTIAN_CAT, MACAW, two_objects

pytestmark = needs_fixtures

CAM_METHODS = ["gradcam", "gradcam++", "layercam", "guided-gradcam"]


@pytest.fixture(scope="module")
def pair():
    """The fixture MobileNetV2 on Keras and on OpenVINO f32 (its own loaded model each)."""
    request = ModelRequest("MobileNetV2", weights=str(MOBILENET_V2_WEIGHTS))
    return Predictor(backend="keras").load(request), Predictor(backend="openvino").load(request)


# guided Grad-CAM keeps gradients by their sign (a mask that switches on differences of 1e-9
# for the cat's 0.3 % probability): measured 1.2e-4 for the cat, 2e-6 for the macaw.
TOLERANCE = {"gradcam": 1e-4, "gradcam++": 1e-4, "layercam": 1e-4, "guided-gradcam": 5e-4}


@pytest.mark.parametrize("cls", [MACAW, EGYPTIAN_CAT])
@pytest.mark.parametrize("method", [m if m == "gradcam" else pytest.param(m, marks=pytest.mark.slow)
                                    for m in CAM_METHODS])  # the others share Grad-CAM's split step
def test_cam_maps_equal_the_keras_maps(pair, method, cls):
    on_keras, on_openvino = pair
    image = two_objects("side")
    a = explain.explain(on_keras, image, method=method, class_index=cls)
    b = explain.explain(on_openvino, image, method=method, class_index=cls)
    assert a.notes == [] and b.notes == ["layers up to out_relu on OpenVINO f32, the gradient above it on Keras"]
    assert b.class_index == a.class_index == cls
    assert np.abs(a.heatmap - b.heatmap).max() <= TOLERANCE[method]


def test_the_top_class_is_found_in_the_split_pass(pair):
    on_keras, on_openvino = pair
    image = two_objects("stacked")
    a, b = (explain.explain(m, image, method="gradcam") for m in pair)
    assert a.class_index == b.class_index == int(np.argmax(on_keras.run(
        images.model_input(image.pixels, 224).pixels[None])[0]))
    assert np.abs(a.heatmap - b.heatmap).max() <= 1e-4


@pytest.mark.slow  # ~11 s (a prefix of its own converted); test_cut.py cuts a small residual block by default
def test_a_cut_inside_a_residual_block_hands_both_tensors_across(pair):
    """block_14_expand_relu sits inside a residual block: block_13_project_BN's output goes
    round it to block_14_add, so it crosses the cut beside the explained layer's output.
    Deeper in the network ReLU6 gradients switch on tiny differences (1e-6 relative between
    the two runtimes), so the maps agree to 5e-3 here (measured 1.4e-3)."""
    on_keras, on_openvino = pair
    image = two_objects("side")
    layer = ("block_14_expand_relu",)
    b = explain.explain(on_openvino, image, method="gradcam", class_index=MACAW, layer=layer)
    target = Target(on_openvino, np.zeros((224, 224, 3), np.uint8), MACAW, layer)
    split = split_for(target)
    assert split.shapes == [(7, 7, 960), (7, 7, 160)]
    a = explain.explain(on_keras, image, method="gradcam", class_index=MACAW, layer=layer)
    assert b.notes[0].startswith("layers up to block_14_expand_relu on OpenVINO f32")
    assert np.abs(a.heatmap - b.heatmap).max() <= 5e-3
    assert np.corrcoef(a.heatmap.ravel(), b.heatmap.ravel())[0, 1] > 0.9999


@pytest.fixture(scope="module")
def nested(pair):
    """A base nested in a head, as training makes (the ImageNet classifier kept as the head)."""
    import keras

    from engine import backends

    flat = pair[0]
    base = keras.applications.MobileNetV2(include_top=False, input_shape=(224, 224, 3),
                                          weights=str(MOBILENET_V2_WEIGHTS))
    inputs = keras.Input((224, 224, 3))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    head = keras.layers.Dense(1000, activation="softmax", name="imagenet_head")
    outputs = head(x)
    head.set_weights(flat.model.get_layer("predictions").get_weights())
    model = keras.Model(inputs, outputs)
    on_keras = from_keras(model, keras.applications.mobilenet_v2.preprocess_input, name="nested", spec=flat.spec)
    on_openvino = from_keras(model, keras.applications.mobilenet_v2.preprocess_input, name="nested", spec=flat.spec)
    backends.attach(on_openvino, "openvino")
    assert on_openvino.backend.name == "openvino"
    return on_keras, on_openvino, base.name


@pytest.mark.slow  # ~23 s (a second MobileNetV2 built and converted)
def test_a_nested_base_is_cut_inside(nested):
    on_keras, on_openvino, base = nested
    image = two_objects("side")
    for cls in (MACAW, EGYPTIAN_CAT):
        a = explain.explain(on_keras, image, method="gradcam", class_index=cls)
        b = explain.explain(on_openvino, image, method="gradcam", class_index=cls)
        assert b.layer == f"{base} / out_relu" and b.notes[0].startswith(f"layers up to {base} / out_relu on OpenVINO")
        assert np.abs(a.heatmap - b.heatmap).max() <= 1e-4


def test_a_prefix_that_does_not_convert_leaves_the_map_on_keras(pair, monkeypatch):
    on_keras, on_openvino = pair
    layer = ("block_12_expand_relu",)  # a prefix no other test converts (nothing on disk to reuse)
    model_cache(on_openvino).pop(("split", layer), None)

    def refuse(*a, **kw):
        raise RuntimeError("unsupported operation FancyOp")

    monkeypatch.setattr(convert, "function_to_openvino", refuse)
    image = two_objects("side")
    b = explain.explain(on_openvino, image, method="gradcam", class_index=MACAW, layer=layer)
    a = explain.explain(on_keras, image, method="gradcam", class_index=MACAW, layer=layer)
    (note,) = b.notes
    assert note.startswith("Keras computed the map (OpenVINO could not run MobileNetV2 up to block_12_expand_relu")
    assert "FancyOp" in note
    np.testing.assert_array_equal(a.heatmap, b.heatmap)  # the same Keras computation


@pytest.mark.slow  # ~6 s (the prefix made again); the conversion cache's own tests cover changed weights
def test_changed_weights_drop_the_converted_prefix(pair):
    from engine.explain.base import forget_results

    _, on_openvino = pair
    target = Target(on_openvino, np.zeros((224, 224, 3), np.uint8), MACAW, ("out_relu",))
    first = split_for(target)
    assert split_for(target) is first  # made once per model and layer
    forget_results(on_openvino)
    assert split_for(target) is not first


def test_a_prefix_entry_with_junk_meta_is_checked_and_repaired_not_converted_again(pair):
    """The conversion cache's rule for whole models holds for prefixes: unreadable meta costs a
    full check against Keras, not a conversion, and the meta is written again."""
    import json

    from engine.backends import convert_cache

    _, on_openvino = pair
    layer = ("out_relu",)
    target = Target(on_openvino, np.zeros((224, 224, 3), np.uint8), MACAW, layer)
    assert split_for(target) is not None  # converted (or read) and kept on disk

    def described(entry):
        try:
            return json.loads((entry / "meta.json").read_text()).get("model", "")
        except (OSError, ValueError, AttributeError):
            return ""

    (entry,) = [e for e in convert_cache.cache_root().iterdir() if described(e) == "MobileNetV2 up to out_relu"]
    (entry / "meta.json").write_text("[]")
    model_cache(on_openvino).pop(("split", layer), None)
    before = convert.conversions
    again = split_for(target)
    assert again is not None and target.notes[-1].startswith("layers up to out_relu on OpenVINO f32")
    assert convert.conversions == before  # the files were reused
    meta = json.loads((entry / "meta.json").read_text())
    assert meta["model"] == "MobileNetV2 up to out_relu" and meta["checks"]["f32"]["passed"]
