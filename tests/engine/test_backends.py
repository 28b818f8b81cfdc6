"""OpenVINO against Keras: real photos through real weights, the features of other
families, user bundles, the conversion cache, fallbacks, the folder CSV and Score-CAM."""

from __future__ import annotations

import numpy as np
import pytest

from engine import backends, images, zoo
from engine.backends import convert, convert_cache
from engine.backends.keras_backend import KerasRunner
from engine.models import ModelRequest, build

from ..conftest import FIXTURES, MOBILENET_025_NO_TOP, fixture_image, needs_fixtures

pytest.importorskip("openvino")

PHOTOS = ["cat.png", "parrot.jpg", "hot_dog.jpg", "owl.jpg", "bird.png", "dragonfly.png", "grace_hopper.png"]


def photos(size: int) -> np.ndarray:
    files = [fixture_image(n) for n in PHOTOS] + sorted((FIXTURES / "images" / "transfer").rglob("*.png"))
    return np.stack([images.model_input(images.load_image(f).pixels, size).pixels for f in files])


def relative_error(out, ref) -> float:
    return float(np.max(np.abs(out - ref)) / np.max(np.abs(ref)))


def keras_out(loaded, x):
    return KerasRunner(loaded).run(x)


def top5(p):
    return np.argsort(-p, axis=1, kind="stable")[:, :5]


@pytest.fixture(scope="module")
def base_025():
    """The real MobileNet alpha 0.25 feature extractor (no top), on OpenVINO."""
    if not MOBILENET_025_NO_TOP.is_file():
        pytest.skip("fixtures absent")
    loaded = build(ModelRequest("MobileNet", zoo.Variant(alpha=0.25, include_top=False), str(MOBILENET_025_NO_TOP)))
    backends.attach(loaded, "openvino")
    return loaded


@needs_fixtures
def test_mobilenet_v2_probabilities_equal_keras_on_real_photos(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)  # the default backend: auto
    assert loaded.backend.name == backends.OPENVINO and loaded.backend.precision == "f32"
    assert loaded.backend.check.passed and loaded.backend.check.top5_same
    x = photos(224)
    ref = keras_out(loaded, x)
    for out in (loaded.run(x), np.concatenate([loaded.run(x[i:i + 1]) for i in range(len(x))]),
                loaded.run(x.astype(np.float32))):
        assert np.max(np.abs(out - ref)) <= 1e-4
        assert (top5(out) == top5(ref)).all()
    assert ref[PHOTOS.index("parrot.jpg")].argmax() == 88  # real weights: a macaw is a macaw
    blurred = x.astype(np.float32) * 0.7 + 30.3  # float pixels that are not whole numbers (occlusion, masks)
    direct = np.asarray(loaded.model(loaded.preprocess(blurred.copy()), training=False))  # preprocess works in place
    assert np.max(np.abs(keras_out(loaded, blurred) - direct)) <= 1e-5
    assert np.max(np.abs(loaded.run(blurred) - direct)) <= 1e-4


@needs_fixtures
def test_mobilenet_025_base_features_equal_keras(base_025):
    assert base_025.backend.name == backends.OPENVINO and base_025.backend.check.kind == "features"
    x = photos(224)
    out, ref = base_025.run(x), keras_out(base_025, x)
    assert out.shape == ref.shape == (len(x), 7, 7, 256)
    assert relative_error(out, ref) <= 1e-4


@pytest.mark.parametrize("name", [
    "ResNet50",
    pytest.param("EfficientNetB0", marks=pytest.mark.slow),
    pytest.param("ConvNeXtTiny", marks=pytest.mark.slow),
])
def test_other_families_last_conv_features_equal_keras(name):
    """Random weights make every probability 0.001: compare the last convolutional features."""
    loaded = build(ModelRequest(name, zoo.Variant(include_top=False), None))
    info = backends.attach(loaded, "openvino")
    assert info.name == backends.OPENVINO, info.notice
    x = np.random.default_rng(1).integers(0, 256, (3, 224, 224, 3), dtype=np.uint8)
    out, ref = loaded.run(x), keras_out(loaded, x)
    assert ref.ndim == 4 and np.std(ref) > 0
    assert relative_error(out, ref) <= 1e-4


def seeded(model, seed: int, scale: float = 0.1):
    """Weights from a seeded generator: reproducible without touching the global seeds."""
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(0, scale, w.shape).astype(w.dtype) for w in model.get_weights()])
    return model


def make_bundle(base_025, folder, seed: int):
    from engine.train import bundle, layers, trainer

    head = seeded(layers.head(tuple(base_025.model.output_shape[1:]), 3, dropout=0.0), seed)
    model = trainer.full_model(base_025.model, head, zoo.get("MobileNet"), 224)
    bundle.save(model, {"name": "pets", "class_names": ["cat", "dog", "hotdog"]}, folder)
    return bundle.load_as_loaded_model(folder)


@needs_fixtures
def test_user_bundle_converts_and_predicts_like_keras(base_025, tmp_path):
    loaded = make_bundle(base_025, tmp_path / "pets", seed=3)
    info = backends.attach(loaded, "openvino")
    assert info.name == backends.OPENVINO, info.notice
    x = photos(224)
    out, ref = loaded.run(x), keras_out(loaded, x)
    assert out.shape == (len(x), 3) and np.max(np.abs(out - ref)) <= 1e-4
    assert (out.argmax(1) == ref.argmax(1)).all() and np.std(ref.argmax(1)) > 0  # not one constant answer


def tiny(seed: int, weights_from=None):
    """A small classifier with its own preprocessing (seeded weights, or another's)."""
    import keras

    from engine.models import from_keras

    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    model = seeded(keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x)), seed, 0.3)
    if weights_from is not None:
        model.set_weights(weights_from.model.get_weights())
    return from_keras(model, lambda x: x / 127.5 - 1.0, name="tiny")


def test_cache_reused_counted_and_invalidated_when_weights_change():
    x = np.random.default_rng(0).integers(0, 256, (4, 32, 32, 3), dtype=np.uint8)
    first = tiny(5)
    before = convert.conversions
    assert backends.attach(first, "openvino").converted
    assert convert.conversions == before + 1
    again = tiny(9, weights_from=first)  # another load of the same weights (a second start)
    info = backends.attach(again, "openvino")
    assert convert.conversions == before + 1 and not info.converted and info.name == backends.OPENVINO
    changed = tiny(6)  # same architecture, new weights
    assert backends.attach(changed, "openvino").converted and convert.conversions == before + 2
    assert np.max(np.abs(changed.run(x) - keras_out(changed, x))) <= 1e-4  # not the stale entry's answers
    assert np.max(np.abs(keras_out(changed, x) - keras_out(first, x))) > 1e-3  # the weights did change
    # A damaged entry is not trusted: converted again.
    entry = convert_cache.cache_root() / convert.cache_key(again)
    (entry / "model.bin").write_bytes(b"\0" * 64)
    assert backends.attach(again, "openvino").converted and convert.conversions == before + 3
    assert np.max(np.abs(again.run(x) - keras_out(again, x))) <= 1e-4


def _unconvertible_model():
    """A model with a Python op inside (tf.numpy_function): OpenVINO cannot convert it."""
    import keras
    import tensorflow as tf

    class PythonOp(keras.layers.Layer):
        def call(self, x):
            y = tf.numpy_function(lambda a: np.tanh(a), [x], tf.float32)
            return tf.reshape(y, tf.shape(x))

    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Conv2D(4, 3)(inputs)
    x = PythonOp()(x)
    x = keras.layers.GlobalAveragePooling2D()(x)
    return keras.Model(inputs, keras.layers.Dense(3, activation="softmax")(x))


def test_a_model_that_fails_to_convert_stays_on_keras_with_a_notice():
    from engine.models import from_keras

    loaded = from_keras(_unconvertible_model(), lambda x: x / 255.0, name="odd")
    info = backends.attach(loaded, "openvino")
    assert info.name == backends.KERAS and "OpenVINO could not run this model" in info.notice
    x = np.random.default_rng(0).integers(0, 256, (2, 32, 32, 3), dtype=np.uint8)
    np.testing.assert_allclose(loaded.run(x), keras_out(loaded, x), atol=1e-6)


def test_a_conversion_that_disagrees_with_keras_is_refused(monkeypatch):
    """The check runs: a converted graph without the preprocessing must not be used."""
    real = convert.to_openvino

    def without_preprocessing(loaded):
        saved = loaded.preprocess_fn
        loaded.preprocess_fn = lambda x: x
        try:
            return real(loaded)
        finally:
            loaded.preprocess_fn = saved

    monkeypatch.setattr(convert, "to_openvino", without_preprocessing)
    info = backends.attach(tiny(7), "openvino")
    assert info.name == backends.KERAS and "differ from Keras" in info.notice and "limit" in info.notice


@needs_fixtures
def test_folder_csv_is_the_same_with_either_backend(real_mobilenet_v2, tmp_path):
    import csv
    import io
    import shutil

    from engine import export
    from engine.predict import predict_files

    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)
    for f in PHOTOS:
        shutil.copy(fixture_image(f), tmp_path / f)
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff not a jpeg")
    files = images.list_images(tmp_path)
    assert loaded.backend.name == backends.OPENVINO
    ov_csv = export.results_csv(predict_files(loaded, files, batch_size=3))
    backends.use_keras(loaded)
    try:
        keras_csv = export.results_csv(predict_files(loaded, files, batch_size=3))
    finally:
        backends.attach(loaded, predictor.backend)
    a, b = (list(csv.DictReader(io.StringIO(t))) for t in (ov_csv, keras_csv))
    assert [r["file"] for r in a] == [r["file"] for r in b] and len(a) == len(PHOTOS) + 1
    for ra, rb in zip(a, b):
        assert (ra["top1"], ra["error"]) == (rb["top1"], rb["error"])
        names = lambda r: [p.rsplit(" (", 1)[0] for p in r["top5"].split("; ")] if r["top5"] else []  # noqa: E731
        assert names(ra) == names(rb)
        if ra["probability"]:
            assert abs(float(ra["probability"]) - float(rb["probability"])) <= 1e-4
    assert sum(1 for r in a if r["error"]) == 1


@needs_fixtures
def test_score_cam_forward_passes_run_on_openvino_and_agree(real_mobilenet_v2):
    from engine import explain

    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)
    image = images.load_image(fixture_image("cat.png"))
    calls = []
    runner = loaded.runner
    loaded.runner = type("Counting", (), {"run": lambda self, x: calls.append(len(x)) or runner.run(x),
                                          "stream": lambda self, *a: runner.stream(*a)})()
    try:
        ov = explain.explain(loaded, image, method="fast-scorecam", class_index=285)
    finally:
        loaded.runner = runner
    assert sum(calls) == 33  # a black image and 32 masked images, through the backend
    backends.use_keras(loaded)
    try:
        ref = explain.explain(loaded, image, method="fast-scorecam", class_index=285)
    finally:
        backends.attach(loaded, predictor.backend)
    assert np.max(np.abs(ov.heatmap - ref.heatmap)) <= 1e-3 and ref.heatmap.max() == 1.0


@needs_fixtures
def test_feature_caching_runs_the_base_on_its_backend(base_025, tmp_path, monkeypatch):
    from engine.train import features

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    files = [str(p) for p in sorted((FIXTURES / "images" / "transfer").rglob("*.png"))]
    streamed = []
    runner = base_025.runner
    base_025.runner = type("Counting", (), {
        "run": lambda self, x: runner.run(x),
        "stream": lambda self, items, pixels_of=None: ((streamed.append(1) or item, out)
                                                      for item, out in runner.stream(items, pixels_of))})()
    try:
        cache = features.FeatureCache("mobilenet-025-test", str(MOBILENET_025_NO_TOP), 224, "stretch")
        got = cache.features(base_025, files, batch_size=3).values
    finally:
        base_025.runner = runner
    assert cache.base_passes == len(files) and len(streamed) == 3  # 7 images in batches of 3, all on OpenVINO
    ref = keras_out(base_025, np.stack([images.model_input(images.load_image(f).pixels, 224).pixels for f in files]))
    assert relative_error(got, ref) <= 2e-3  # stored as float16


@needs_fixtures
def test_a_running_stream_does_not_block_other_forward_passes(base_025):
    """A folder stream and a Score-CAM batch on the same model, at once (two GUI lanes)."""
    import threading

    x = photos(224)[:4]
    ref = keras_out(base_025, x)
    release = threading.Event()

    def batches():  # the folder's decoder, stalled after its first batch
        yield x[:2], 0
        release.wait(30)
        yield x[2:], 1

    results = []
    folder = threading.Thread(target=lambda: results.extend(base_025.run_stream(batches())))
    folder.start()
    try:
        other = []
        side = threading.Thread(target=lambda: other.append(base_025.run(x)))
        side.start()
        side.join(20)
        assert other and relative_error(other[0], ref) <= 1e-4, "the second pass waited for the stream"
    finally:
        release.set()
        folder.join(30)
    assert [i for (_, i), _ in results] == [0, 1]
    assert relative_error(np.concatenate([out for _, out in results]), ref) <= 1e-4
