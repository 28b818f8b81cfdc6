"""Export of a model trained in each mode: no training-only layer (augmentation, dropout) in the
Keras file, the SavedModel or the TFLite file, and each format predicts what the app predicts
with the trained model on the same images."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from engine import images
from engine.predict import Predictor
from engine.sources import bundle_request
from engine.train import bundle, dataset, trainer
from engine.train.export import run_tflite
from engine.train.export_bundle import export_bundle
from engine.train.inference_model import training_only_layers

SIZE = 48
COLOURS = {"red": (200, 40, 40), "blue": (40, 40, 200), "green": (40, 200, 40)}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Three classes of textured squares at different places: outputs differ from image to image."""
    root = tmp_path_factory.mktemp("export-data")
    rng = np.random.default_rng(5)
    for c, col in COLOURS.items():
        (root / c).mkdir()
        for i in range(6):
            a = rng.normal(120, 35, (SIZE, SIZE, 3)).clip(0, 255)
            y, x = rng.integers(0, 24, 2)
            a[y:y + 20, x:x + 20] = col
            Image.fromarray(a.astype(np.uint8)).save(root / c / f"{i}.png")
    return root


def _trained_bundle(data, home, mode: str):
    report = dataset.scan(data)
    s = trainer.TrainSettings(model="VGG16", input_size=SIZE, weights=None, mode=mode, epochs=1, finetune_epochs=1,
                              unfreeze=2, dense=[8], early_stopping=0, learning_rate=3e-3)
    res = trainer.train(report, s)
    return report, bundle.save(res.model, trainer.metadata(res, report, s.model), home / "models" / f"Shapes-{mode}")


@pytest.mark.parametrize("mode", [pytest.param("extract", marks=pytest.mark.slow), "augment",
                                  pytest.param("finetune", marks=pytest.mark.slow)])
def test_every_format_predicts_like_the_app_without_training_layers(data, tmp_path, monkeypatch, mode):
    import keras
    import tensorflow as tf

    from engine.sources import preprocess_layer  # noqa: F401  the preprocessing layer the file holds

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    report, folder = _trained_bundle(data, tmp_path / "home", mode)
    trained, _ = bundle.load(folder)
    assert training_only_layers(trained)  # the app's model has them (dropout; augmentation but in extract)
    (tmp_path / "out").mkdir()
    out = export_bundle(folder, tmp_path / "out", deploy=True, sample_paths=[s.path for s in report.val])
    exported = tmp_path / "out" / folder.name
    assert out.folder == str(exported) and out.tflite_checked == len(report.val)

    paths = [s.path for s in report.train + report.val]
    app = Predictor(backend="keras").predict
    want = np.array([[c.probability for c in sorted(app(bundle_request(str(folder)), images.load_image(p),
                                                         k=3).top, key=lambda c: c.index)] for p in paths])
    assert np.ptp(want[:, 0]) > 1e-3  # the images give different answers: agreeing means something
    x = np.stack([images.model_input(images.load_image(p).pixels, SIZE, "stretch").pixels for p in paths])
    x = x.astype(np.float32)

    keras_model = keras.saving.load_model(exported / "model.keras", safe_mode=True)
    assert training_only_layers(keras_model) == []
    names = [type(layer).__name__ for layer in keras_model.layers]
    assert not any(n.startswith("Random") or "Dropout" in n or n == "Sequential" for n in names), names
    graph = (exported / "saved_model" / "saved_model.pb").read_bytes()
    assert b"StatelessRandom" not in graph and b"ImageProjectiveTransform" not in graph
    saved = tf.saved_model.load(str(exported / "saved_model"))  # kept: its variables die with it
    formats = {"keras": np.asarray(keras_model(x, training=False)),
               "savedmodel": np.asarray(saved.serve(tf.constant(x))),
               "tflite": run_tflite((exported / "model.tflite").read_bytes(), x)}
    for name, got in formats.items():
        np.testing.assert_allclose(got, want, atol=1e-4, err_msg=name)
        assert (got.argmax(1) == want.argmax(1)).all(), name
