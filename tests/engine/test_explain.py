"""Heatmaps: faithful to the papers, to tf-explain where it is the reference, and they
point at the object."""

from __future__ import annotations

import numpy as np
import pytest

from engine import explain, images, zoo
from engine.explain import overlay
from engine.models import ModelRequest, build, from_keras

from ..conftest import fixture_image, needs_fixtures


@pytest.fixture(scope="module")
def small_mobilenet():
    return build(ModelRequest("MobileNetV2", zoo.Variant(alpha=0.35, input_size=96), None))


def nested_finetuned(classes: int = 3):
    """A fine-tuned model as users build it: a zoo base nested inside a new head."""
    import keras

    base = keras.applications.MobileNetV2(alpha=0.35, input_shape=(96, 96, 3), include_top=False, weights=None)
    inputs = keras.Input((96, 96, 3))
    x = base(inputs, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.2)(x)
    outputs = keras.layers.Dense(classes, activation="softmax")(x)
    model = keras.Model(inputs, outputs)
    pre = keras.applications.mobilenet_v2.preprocess_input
    return from_keras(model, pre, name="finetuned", class_names=[f"c{i}" for i in range(classes)])


def test_guided_variant_equals_tf_explain_raw_map():
    from tf_explain.core.grad_cam import GradCAM

    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(), None))
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 255, (224, 224, 3), dtype=np.uint8)
    cls = int(np.argmax(loaded.run(pixels[None])[0]))
    target = explain.Target(loaded, pixels, cls, ("out_relu",))
    ours = explain.gradcam.raw_map(target, guided=True)
    pre = loaded.preprocess(pixels[None].astype("float32"))
    outputs, grads = GradCAM.get_gradients_and_filters(loaded.model, pre, "out_relu", cls, True)
    theirs = np.asarray(GradCAM.generate_ponderated_output(outputs, grads)[0])
    assert ours.shape == theirs.shape
    assert np.corrcoef(ours.ravel(), theirs.ravel())[0, 1] >= 0.999


def test_original_gradcam_is_relu_of_weighted_features(small_mobilenet):
    pixels = np.random.default_rng(0).integers(0, 255, (96, 96, 3), dtype=np.uint8)
    target = explain.Target(small_mobilenet, pixels, 7, ("out_relu",))
    feats, grads, _ = explain.gradients.feature_gradients(target, "logits")
    expected = np.maximum((feats * grads.mean(axis=(0, 1))).sum(-1), 0)
    np.testing.assert_allclose(explain.gradcam.raw_map(target), expected, rtol=1e-5, atol=1e-6)


def _synthetic(n, rng, size=48):
    """Grey noise with one object at a random place; its colour decides the class
    (reddish square: 0, bluish square: 1), so the evidence is only where the object is."""
    x = rng.normal(110, 25, (n, size, size, 3)).clip(0, 255)
    y = rng.integers(0, 2, n)
    boxes = []
    for i in range(n):
        s = 10
        top, left = rng.integers(0, size - s, 2)
        colour = (200.0, 60.0, 60.0) if y[i] == 0 else (60.0, 60.0, 200.0)
        x[i, top:top + s, left:left + s, :] = colour
        boxes.append((top, left, s))
    return x.astype(np.uint8), y, boxes


def test_heatmap_peak_falls_on_the_object_of_a_trained_cnn():
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x, y, _ = _synthetic(1200, rng)
    inputs = keras.Input((48, 48, 3))
    h = keras.layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
    h = keras.layers.MaxPooling2D()(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu")(h)
    h = keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="features")(h)
    h = keras.layers.GlobalAveragePooling2D()(h)
    outputs = keras.layers.Dense(2, activation="softmax")(h)
    model = keras.Model(inputs, outputs)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x / 255.0, y, epochs=8, batch_size=32, verbose=0)
    loaded = from_keras(model, lambda t: t / 255.0, name="synthetic", class_names=["square", "ring"])
    xt, yt, boxes = _synthetic(60, np.random.default_rng(1))
    assert (np.argmax(loaded.run(xt), axis=1) == yt).mean() > 0.9  # the CNN learned the task
    hits = 0
    for pixels, cls, (top, left, s) in zip(xt, yt, boxes):
        e = explain.explain(loaded, images.LoadedImage(pixels, "t"), method="gradcam", class_index=int(cls))
        r, c = np.unravel_index(np.argmax(e.heatmap), e.heatmap.shape)
        hits += (top - 2 <= r < top + s + 2) and (left - 2 <= c < left + s + 2)
    assert hits / len(xt) >= 0.9, hits


@needs_fixtures
@pytest.mark.parametrize("name,box,label", [
    ("cat.png", (50, 20, 370, 341), "Egyptian cat"),
    ("parrot.jpg", (90, 90, 480, 760), "macaw"),
])
def test_real_weights_heatmap_mass_lies_on_the_animal(real_mobilenet_v2, name, box, label):
    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)
    image = images.load_image(fixture_image(name))
    e = explain.explain(loaded, image, method="gradcam")
    assert e.class_name == label
    full = explain.to_image(e.heatmap, image.size, (0, 0) + image.size)
    left, top, right, bottom = box
    mass = full[top:bottom, left:right].sum() / full.sum()
    area = (right - left) * (bottom - top) / (image.size[0] * image.size[1])
    assert mass >= 0.65 and mass / area >= 1.15, (mass, area)


FAST = [m for m, spec in explain.METHODS.items() if not spec.slow]


@pytest.mark.parametrize("method", list(explain.METHODS))
def test_every_method_on_small_mobilenet(small_mobilenet, method):
    image = images.LoadedImage(np.random.default_rng(1).integers(0, 255, (120, 90, 3), dtype=np.uint8), "r")
    e = explain.explain(small_mobilenet, image, method=method, policy="crop")
    assert e.heatmap.shape == (96, 96) and np.isfinite(e.heatmap).all()
    assert 0.0 <= e.heatmap.min() and e.heatmap.max() <= 1.0 and e.untrained
    full = explain.to_image(e.heatmap, image.size, images.model_input(image.pixels, 96, "crop").crop_box)
    assert full.shape == (120, 90)  # (height, width) of the original image


@pytest.mark.parametrize("method", FAST)
def test_every_method_on_a_nested_finetuned_model(method):
    loaded = nested_finetuned()
    image = images.LoadedImage(np.random.default_rng(2).integers(0, 255, (96, 96, 3), dtype=np.uint8), "r")
    e = explain.explain(loaded, image, method=method, class_index=1)
    assert e.heatmap.shape == (96, 96) and np.isfinite(e.heatmap).all() and e.class_name == "c1"
    if explain.METHODS[method].uses_layer:
        assert e.layer.startswith("mobilenetv2") and e.layer.endswith("out_relu")


@pytest.mark.parametrize("name", ["ResNet50", "EfficientNetB0"])
@pytest.mark.parametrize("method", FAST)
def test_fast_methods_on_resnet_and_efficientnet(name, method, request):
    key = f"_loaded_{name}"
    loaded = getattr(request.config, key, None)
    if loaded is None:
        loaded = build(ModelRequest(name, zoo.Variant(), None))
        setattr(request.config, key, loaded)
    image = images.LoadedImage(np.random.default_rng(4).integers(0, 255, (200, 260, 3), dtype=np.uint8), "r")
    e = explain.explain(loaded, image, method=method, options={"samples": 4, "steps": 4})
    assert e.heatmap.shape == (224, 224) and np.isfinite(e.heatmap).all()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["ResNet50", "EfficientNetB0"])
@pytest.mark.parametrize("method", [m for m, s in explain.METHODS.items() if s.slow])
def test_slow_methods_on_resnet_and_efficientnet(name, method):
    loaded = build(ModelRequest(name, zoo.Variant(), None))
    image = images.LoadedImage(np.random.default_rng(4).integers(0, 255, (224, 224, 3), dtype=np.uint8), "r")
    e = explain.explain(loaded, image, method=method)
    assert np.isfinite(e.heatmap).all()


def test_scorecam_cancel_stops_between_batches(small_mobilenet):
    from engine.jobs import CancelToken, Cancelled

    token = CancelToken()
    seen = []

    def progress(f, m):
        seen.append(f)
        token.cancel()

    image = images.LoadedImage(np.zeros((96, 96, 3), np.uint8), "z")
    with pytest.raises(Cancelled):
        explain.explain(small_mobilenet, image, method="scorecam", class_index=0, progress=progress, cancel=token)
    assert len(seen) == 1


def test_bad_class_and_layer_are_clear_errors(small_mobilenet):
    image = images.LoadedImage(np.zeros((96, 96, 3), np.uint8), "z")
    with pytest.raises(explain.ExplainError, match="1000 classes"):
        explain.explain(small_mobilenet, image, class_index=5000)
    with pytest.raises(explain.ExplainError, match="No layer"):
        explain.explain(small_mobilenet, image, layer=("nope",))


def test_overlay_blend_and_grid():
    pixels = np.zeros((4, 6, 3), np.uint8)
    heat = np.zeros((4, 6), np.float32)
    heat[1, 2] = 1.0
    out = overlay.blend(pixels, heat, "jet", 1.0)
    assert out.shape == (4, 6, 3) and not np.array_equal(out[1, 2], out[0, 0])
    np.testing.assert_array_equal(overlay.blend(pixels, heat, "jet", 0.0), pixels)
    g = overlay.grid([out, out, out], columns=2, gap=1)
    assert g.shape == (9, 13, 3)
