"""RegNet and ResNet-RS in the app: their files checked by Keras' hashes, imported and
derived like any zoo model's; Grad-CAM finds their last block and takes the logits,
activations are the layers' outputs, and a fine-tuned model on a RegNet base saves and
reloads with safe_mode."""

from __future__ import annotations

import numpy as np
import pytest

from engine import explain, images, model_weights, weights, zoo
from engine.errors import WeightsMissingError
from engine.families import regnet
from engine.inside import activations as acts
from engine.models import ModelRequest, WeightsPolicy, build
from engine.train import bundle, dataset, trainer

from ..conftest import needs_fixtures
from ..faults.weightfiles import isolate
from .families_reference import official_request, photos, randomize, reference, relative_error
from .test_train import settings, synthetic  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def weights_file(tmp_path_factory):
    """Random RegNetY002 weights (Y blocks: squeeze-and-excitation) in a Keras 3 weights file."""
    path = tmp_path_factory.mktemp("weights") / "regnety002.weights.h5"
    model = regnet.RegNetY002(weights=None)
    randomize(model, "RegNetY002 in the app")
    model.save_weights(path)
    return path


@pytest.fixture(scope="module")
def loaded(weights_file):
    return build(ModelRequest("RegNetY002", zoo.Variant(), str(weights_file)))


@pytest.fixture(scope="module")
def picture():
    rng = np.random.default_rng(5)
    return images.LoadedImage(rng.integers(0, 255, (224, 224, 3), dtype=np.uint8), "noise")


@needs_fixtures
def test_our_files_are_checked_and_used_like_keras_own(tmp_path, monkeypatch):
    """Under the official name, a file that is not the official one is refused by Keras'
    hash; imported (the user's explicit choice) it is used, and a no-top base is derived
    from it by layer name for training."""
    import keras
    import tf_keras

    isolate(monkeypatch, tmp_path)
    folder = tmp_path / "lab-weights"
    folder.mkdir()
    filename = official_request("RegNetX002", True)[0]
    theirs = reference("RegNetX002", True, 224, folder / filename)
    with pytest.raises(WeightsMissingError, match=filename):  # random weights: not Keras' sha256
        build(ModelRequest("RegNetX002"), WeightsPolicy(offline_dirs=[str(folder)]))
    model_weights.import_weights("RegNetX002", folder / filename)
    loaded = build(ModelRequest("RegNetX002"))
    x = photos(224)
    expected = keras.ops.softmax(np.asarray(theirs(x, training=False)), axis=-1)
    np.testing.assert_allclose(loaded.run(x.astype(np.uint8)), np.asarray(expected), rtol=1e-3, atol=1e-6)
    base = build(ModelRequest("RegNetX002", zoo.Variant(include_top=False)))
    assert "derived" in base.weights_path
    last = theirs.get_layer("regnetx002_Stage_3_XBlock_6_exit_relu").output
    features = tf_keras.Model(theirs.input, last)(x, training=False)
    assert relative_error(base.model(x, training=False), features) <= 1e-4


def test_gradcam_uses_the_last_block_and_the_logits(loaded, weights_file, picture):
    e = explain.explain(loaded, picture, method="gradcam")
    assert e.layer == "regnety002_Stage_3_YBlock_6_exit_relu"
    assert e.heatmap.shape == (224, 224) and np.isfinite(e.heatmap).all() and e.heatmap.std() > 0
    probs = loaded.run(picture.pixels[None])[0]
    assert e.class_index == int(np.argmax(probs)) and probs.sum() == pytest.approx(1.0, abs=1e-4)
    # The class score Grad-CAM differentiates is the logit: equal to a model built without softmax.
    target = explain.Target(loaded, picture.pixels, e.class_index, (e.layer,))
    _, grads, scores = explain.gradients.feature_gradients(target, "logits")
    logits = regnet.RegNetY002(weights=str(weights_file), classifier_activation=None)
    expected = np.asarray(logits(picture.pixels[None].astype("float32")))[0]
    np.testing.assert_allclose(scores, expected, rtol=1e-4, atol=1e-4 * np.abs(expected).max())
    assert np.abs(grads).max() > 0


def test_activations_are_the_layer_outputs(loaded, picture):
    import keras

    paths = [("regnety002_stem_relu",), ("regnety002_Stage_1_YBlock_0_squeeze_and_excite_multiply",),
             ("regnety002_Stage_3_YBlock_6_exit_relu",)]
    got = acts.activations(loaded, picture, paths)
    x = loaded.preprocess(picture.pixels[None].astype("float32"))
    for path, a in zip(paths, got):
        direct = keras.Model(loaded.model.inputs, loaded.model.get_layer(path[0]).output)(x, training=False)
        np.testing.assert_allclose(a, np.asarray(direct)[0], rtol=1e-4, atol=1e-5)


@pytest.mark.slow  # the trainer is family-blind; MobileNetV2 training covers it by default
def test_one_epoch_on_a_regnet_base_saves_and_reloads(synthetic, tmp_path):  # noqa: F811
    report = dataset.scan(synthetic)
    result = trainer.train(report, settings("finetune", model="RegNetX002", input_size=32, epochs=1,
                                            finetune_epochs=1, unfreeze=4, augmentations=["flip"]))
    assert len(result.history["loss"]) == 2 and np.isfinite(result.history["loss"]).all()
    folder = bundle.save(result.model, trainer.metadata(result, report, "RegNetX002"), tmp_path / "mine")
    again = bundle.load_as_loaded_model(folder)  # safe_mode: preprocessing is a registered layer
    x = np.random.default_rng(1).integers(0, 255, (2, 32, 32, 3), dtype=np.uint8)
    expected = result.model(x.astype("float32"), training=False)  # augmentation layers off
    np.testing.assert_allclose(again.run(x), np.asarray(expected), atol=1e-5)
