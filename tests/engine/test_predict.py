"""Prediction with real ImageNet weights (fixtures) and with random weights (always)."""

from __future__ import annotations

import numpy as np
import pytest

from engine import images, zoo
from engine.models import ModelRequest, WeightsPolicy, build
from engine.predict import Predictor, predict_files, top_k

from ..conftest import MOBILENET_V2_H5, fixture_image, needs_fixtures
from .httpserver import FileServer

CATS = set(range(281, 286))


@needs_fixtures
def test_real_weights_cat_parrot_hotdog(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    cat = predictor.predict(request, images.load_image(fixture_image("cat.png")), k=5)
    assert CATS & {c.index for c in cat.top}
    assert not cat.untrained
    parrot = predictor.predict(request, images.load_image(fixture_image("parrot.jpg")), k=5)
    assert parrot.top[0].name == "macaw"
    hotdog = predictor.predict(request, images.load_image(fixture_image("hot_dog.jpg")), k=5)
    assert hotdog.top[0].index == 934
    assert abs(sum(c.probability for c in cat.top) - 1.0) < 0.1


@needs_fixtures
def test_folder_with_corrupt_file_reports_it_and_predicts_the_rest(real_mobilenet_v2, tmp_path):
    import shutil

    predictor, request = real_mobilenet_v2
    for name in ("cat.png", "parrot.jpg", "hot_dog.jpg"):
        shutil.copy(fixture_image(name), tmp_path / name)
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    files = images.list_images(tmp_path)
    results = list(predictor.predict_files(request, files, batch_size=2))
    assert [r.path for r in results] == [str(f) for f in files]  # order kept, one row each
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in results}
    assert by_name["broken.jpg"].prediction is None and "broken.jpg" in by_name["broken.jpg"].error
    assert by_name["parrot.jpg"].prediction.top[0].name == "macaw"
    assert by_name["hot_dog.jpg"].prediction.top[0].index == 934
    # Folder results equal single-image results: one loader and one resize everywhere.
    single = predictor.predict(request, images.load_image(tmp_path / "cat.png"))
    assert by_name["cat.png"].prediction.top[0].index == single.top[0].index
    assert by_name["cat.png"].prediction.top[0].probability == pytest.approx(single.top[0].probability, abs=1e-4)


@needs_fixtures
def test_imagenet_weights_download_through_keras_own_request(tmp_path, monkeypatch):
    """weights='imagenet' asks for Keras' file name; a mirror on 127.0.0.1 serves it."""
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"
    with FileServer() as srv:
        srv.files["/mobilenet_v2/" + name] = MOBILENET_V2_H5.read_bytes()
        policy = WeightsPolicy(mirror=srv.base, allow_download=True)
        loaded = build(ModelRequest("MobileNetV2"), policy)
        assert srv.requests == ["/mobilenet_v2/" + name]
    assert (tmp_path / "keras" / "models" / name).is_file()
    pred = Predictor()
    pred._models[loaded.request.key] = loaded
    out = pred.predict(loaded.request, images.load_image(fixture_image("parrot.jpg")))
    assert out.top[0].name == "macaw"
    # Offline now: the cached file is found without the server.
    again = build(ModelRequest("MobileNetV2"), WeightsPolicy(allow_download=False))
    assert again.weights_path == str(tmp_path / "keras" / "models" / name)


def test_missing_weights_offline_gives_the_clear_error(tmp_path, monkeypatch):
    from engine.errors import WeightsMissingError

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty"))
    with pytest.raises(WeightsMissingError, match="mobilenet_2_5_224_tf.h5"):
        build(ModelRequest("MobileNet", zoo.Variant(alpha=0.25)), WeightsPolicy(allow_download=False))


@pytest.fixture(scope="module")
def random_model():
    return build(ModelRequest("MobileNetV2", zoo.Variant(alpha=0.35, input_size=96), None))


def test_untrained_flag_and_compiled_call_matches_keras(random_model):
    assert random_model.untrained
    x = np.random.default_rng(0).integers(0, 255, (2, 96, 96, 3), dtype=np.uint8)
    prep = zoo.get("MobileNetV2").family_module().preprocess_input(x.astype("float32"))
    expected = np.asarray(random_model.model(prep, training=False))
    np.testing.assert_allclose(random_model.run(x), expected, rtol=1e-4, atol=1e-5)


def test_folder_cancel_keeps_finished_results(random_model, tmp_path):
    from PIL import Image

    from engine.jobs import CancelToken, Cancelled

    for i in range(12):
        Image.new("RGB", (40, 30), (i * 20, 0, 0)).save(tmp_path / f"{i:02d}.png")
    token = CancelToken()
    got = []
    with pytest.raises(Cancelled):
        for r in predict_files(random_model, images.list_images(tmp_path), batch_size=4, cancel=token):
            got.append(r)
            if len(got) == 4:
                token.cancel()
    assert len(got) == 4 and all(r.prediction and r.prediction.untrained for r in got)


def test_predictor_cache_is_bounded_lru():
    p = Predictor(capacity=2)
    reqs = [ModelRequest("MobileNetV2", zoo.Variant(alpha=a, input_size=96), None) for a in (0.35, 0.5, 0.75)]
    for r in reqs:
        p.load(r)
    assert p.cached_keys() == [reqs[1].key, reqs[2].key]
    assert p.load(reqs[1]) is p.load(reqs[1])
    assert p.cached_keys()[-1] == reqs[1].key


def test_top_k_orders_and_names():
    probs = np.zeros(1000)
    probs[[5, 9, 285]] = [0.1, 0.3, 0.6]
    top = top_k(probs, 3)
    assert [c.index for c in top] == [285, 9, 5] and top[0].name == "Egyptian cat"
    assert [c.name for c in top_k(np.array([0.2, 0.8]), 5, ["a", "b"])] == ["b", "a"]
