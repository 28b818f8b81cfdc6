"""Our Keras 3 RegNet and ResNet-RS are tf_keras' models: they ask the app's resolver for
the same official weight files (name, URL, hash), load a legacy ``.h5`` written by the
tf_keras model, and compute the same features and logits on real photos."""

from __future__ import annotations

import numpy as np
import pytest

from engine import builder, families, zoo
from engine.families import regnet, resnet_rs

from ..conftest import needs_fixtures
from .families_reference import between_photos, official_request, photos, reference, relative_error

OWN = [s.name for s in zoo.catalog() if families.is_own(s.module)]
SMALLEST = ["RegNetX002", "RegNetY002", "ResNetRS50"]
LARGER: list[str] = []  # RegNetX032, RegNetY040, ResNetRS101: -m slow (the smallest check the same code)
# (model, include_top): the smallest with and without the classifier, the larger ones with it.
DEFAULT = [(n, top) for n in SMALLEST for top in (True, False)] + [(n, True) for n in LARGER]
EVERY = [(n, top) for n in OWN for top in (True, False)]
TOLERANCE = 1e-4


def test_the_zoo_lists_every_tf_keras_model_of_these_families():
    import tf_keras

    theirs = {n for n in dir(tf_keras.applications) if n.startswith(("RegNet", "ResNetRS"))}
    assert set(OWN) == theirs and len(OWN) == 31
    assert set(OWN) >= set(SMALLEST + LARGER)
    assert set(regnet.MODELS) | set(resnet_rs.MODELS) == theirs


def test_weight_tables_equal_tf_keras():
    from tf_keras.src.applications import regnet as their_regnet
    from tf_keras.src.applications import resnet_rs as their_resnet_rs

    assert {k.lower(): v for k, v in regnet.WEIGHTS_HASHES.items()} == their_regnet.WEIGHTS_HASHES
    assert regnet.WEIGHTS_URL == their_regnet.BASE_WEIGHTS_PATH
    assert resnet_rs.WEIGHTS_HASHES == their_resnet_rs.WEIGHT_HASHES
    assert resnet_rs.WEIGHTS_URL == their_resnet_rs.BASE_WEIGHTS_URL
    for depth, sizes in their_resnet_rs.DEPTH_TO_WEIGHT_VARIANTS.items():
        assert resnet_rs.weight_sizes(depth) == tuple(sorted(sizes))
    for key, (depths, widths, group_width) in regnet.CONFIGS.items():
        theirs = their_regnet.MODEL_CONFIGS[key.lower()]
        assert (list(depths), list(widths), group_width, key[0]) == (
            theirs["depths"], theirs["widths"], theirs["group_width"], theirs["block_type"])
    for depth, (repeats, _, _) in resnet_rs.CONFIGS.items():
        assert [a["num_repeats"] for a in their_resnet_rs.BLOCK_ARGS[depth]] == list(repeats)


def test_zoo_input_size_is_what_the_default_weights_were_trained_at():
    for name in OWN:
        spec = zoo.get(name)
        expected = max(resnet_rs.weight_sizes(int(name[8:]))) if name.startswith("ResNetRS") else 224
        assert spec.input_size == expected and spec.family_module() in (regnet, resnet_rs), name
        assert all(v is None for v in vars(spec.figures).values()), name  # Keras published none


def check_equal_to_tf_keras(name: str, include_top: bool, tmp_path) -> None:
    import keras
    import tf_keras

    spec = zoo.get(name)
    size = spec.input_size
    h5 = tmp_path / "reference.h5"
    theirs_model = reference(name, include_top, size, h5)
    asked = []

    def resolve(wf):
        asked.append((wf.filename, wf.url, wf.file_hash))
        return str(h5)

    ours_model = builder.build(spec, zoo.Variant(include_top=include_top), "imagenet", resolve=resolve,
                               classifier_activation=None)
    assert asked == [official_request(name, include_top)]
    x = photos(size)
    theirs = np.asarray(theirs_model(x, training=False))
    ours = np.asarray(ours_model(spec.family_module().preprocess_input(x.copy()), training=False))
    tf_keras.backend.clear_session()
    keras.backend.clear_session()
    assert ours.shape == theirs.shape and theirs.shape[0] == 3 and theirs.ndim == (2 if include_top else 4)
    assert np.isfinite(theirs).all()
    # The photos still differ at the output (the input matters), and that part agrees too.
    assert np.abs(between_photos(theirs)).max() >= 0.01 * np.abs(theirs).max()
    errors = relative_error(ours, theirs), relative_error(between_photos(ours), between_photos(theirs))
    assert max(errors) <= TOLERANCE, (name, include_top, errors)


def _case_id(case):
    return f"{case[0]}-{'logits' if case[1] else 'features'}"


@needs_fixtures
@pytest.mark.parametrize("case", DEFAULT, ids=_case_id)
def test_equal_to_tf_keras(case, tmp_path):
    check_equal_to_tf_keras(*case, tmp_path)


@pytest.mark.slow
@needs_fixtures
@pytest.mark.parametrize("case", [c for c in EVERY if c not in DEFAULT], ids=_case_id)
def test_every_variant_equal_to_tf_keras(case, tmp_path):
    check_equal_to_tf_keras(*case, tmp_path)


def test_softmax_on_top_unlike_keras_2_regnet():
    """Keras 2's RegNet returned logits whatever classifier_activation said; ours applies it."""
    import keras

    probs = regnet.RegNetX002(weights=None, input_shape=(64, 64, 3), include_top=True, classes=10)
    logits = regnet.RegNetX002(weights=None, input_shape=(64, 64, 3), include_top=True, classes=10,
                               classifier_activation=None)
    logits.set_weights(probs.get_weights())
    x = np.random.default_rng(0).uniform(0, 255, (2, 64, 64, 3)).astype("float32")
    expected = keras.ops.softmax(logits(x), axis=-1)
    np.testing.assert_allclose(np.asarray(probs(x)), np.asarray(expected), rtol=1e-5, atol=1e-7)
    assert probs.layers[-1].name == "predictions"


def test_pixels_pass_through_preprocess_input():
    x = np.array([[[[0.0, 127.5, 255.0]]]], np.float32)
    for module in (regnet, resnet_rs):
        np.testing.assert_array_equal(module.preprocess_input(x.copy()), x)
    assert zoo.preprocessing_kind(zoo.get("RegNetY002")) == zoo.PREPROCESS_INSIDE
    assert zoo.preprocessing_kind(zoo.get("ResNetRS50")) == zoo.PREPROCESS_INSIDE


def test_decode_predictions_uses_keras_class_names_offline():
    probs = np.zeros((1, 1000), np.float32)
    probs[0, 285] = 0.9
    probs[0, 281] = 0.1
    top = resnet_rs.decode_predictions(probs, top=2)[0]
    assert [(w, n) for w, n, _ in top] == [("n02124075", "Egyptian_cat"), ("n02123045", "tabby")]


@pytest.mark.parametrize("call,match", [
    (lambda: regnet.RegNetX002(weights="imagenet", input_shape=(160, 160, 3)), "224, 224, 3"),
    (lambda: regnet.RegNetX002(weights="imagenet", classes=10), "classes must be 1000"),
    (lambda: resnet_rs.ResNetRS50(weights="imagenet-i224"), "imagenet-i160"),
    (lambda: regnet.RegNetY002(weights=None, input_shape=(16, 16, 3), include_top=False), "at least 32"),
    (lambda: regnet.RegNetX002(weights="imagenet", classifier_activation="relu"), "None or 'softmax'"),
])
def test_arguments_keras_refuses_are_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call()
