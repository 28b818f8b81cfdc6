"""A quantised TensorFlow Lite classifier's softmax is read as probabilities, not as
independent multi-label scores: its outputs are rounded to the quantisation step, so their sum
is off by up to a step a class (a real quantised Teachable Machine export of 6 classes summed
to 0.996 and was labelled "multi-label")."""

from __future__ import annotations

import numpy as np
import pytest

from engine.sources import outputs

pytest.importorskip("tensorflow")


def _softmax_rows(width: int, rows: int, seed: int) -> np.ndarray:
    z = np.random.default_rng(seed).normal(0, 3, (rows, width))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def test_a_softmax_rounded_to_its_step_is_still_probabilities_and_independent_scores_are_not():
    step = 1 / 256
    rounded = np.floor(_softmax_rows(6, 8, 1) / step) * step  # what integer kernels give: rounded down
    assert np.abs(rounded.sum(axis=1) - 1).max() > 1e-3  # off by more than a float model's tolerance
    assert outputs.of_values(rounded, step=step).kind == outputs.PROBABILITIES
    assert outputs.of_values(rounded).kind == outputs.MULTI_LABEL  # without the step: the old verdict
    independent = np.random.default_rng(2).uniform(0, 1, (8, 6))  # sums near 3, nowhere near 1
    assert outputs.of_values(np.round(independent / step) * step, step=step).kind == outputs.MULTI_LABEL
    near = np.full((8, 6), 1 / 6)
    near[:, 0] += 7 * step  # more than a step a class off: not a softmax
    assert outputs.of_values(near, step=step).kind == outputs.MULTI_LABEL


@pytest.fixture(scope="module")
def quantised_softmax_file(tmp_path_factory):
    """A tiny image classifier (6 classes, softmax), converted with integer inputs and outputs."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(4)
    model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(6, activation="softmax")])
    rng = np.random.default_rng(0)

    def representative():
        for _ in range(16):
            yield [rng.uniform(-1, 1, (1, 32, 32, 3)).astype(np.float32)]

    converter = tf.lite.TFLiteConverter.from_keras_model(model)
    converter.optimizations = [tf.lite.Optimize.DEFAULT]
    converter.representative_dataset = representative
    converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
    converter.inference_input_type = tf.uint8
    converter.inference_output_type = tf.uint8
    path = tmp_path_factory.mktemp("quantised") / "model.tflite"
    path.write_bytes(converter.convert())
    return path


def test_the_runner_says_its_output_step_and_the_file_opens_as_probabilities(quantised_softmax_file):
    from engine import sources
    from engine.predict import Predictor
    from engine.sources import forward_only

    runner = forward_only.reference_runner(quantised_softmax_file)
    assert runner.output_step == pytest.approx(1 / 256)  # TFLite's uint8 softmax output
    loaded = Predictor(capacity=1, backend="keras").load(sources.file_request(quantised_softmax_file, "minus1to1"))
    assert loaded.output_note == "" and loaded.outputs == 6
    pixels = np.random.default_rng(5).integers(0, 256, (4, 32, 32, 3)).astype(np.float32)
    probs = loaded.run(pixels)
    assert np.allclose(probs.sum(axis=1), 1, atol=6 / 256)


def test_openvino_reading_a_tflite_file_is_not_called_a_cache_read(tmp_path, capsys, monkeypatch):
    """OpenVINO reads a TFLite or SavedModel file itself: the command line said "[read from the
    conversion cache]" on the first run, when nothing had been converted or cached."""
    import keras
    import tensorflow as tf
    from PIL import Image

    from engine.cli import main

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    keras.utils.set_random_seed(6)
    model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(4, 3, activation="relu"),
                              keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(3, activation="softmax")])
    path = tmp_path / "model.tflite"
    path.write_bytes(tf.lite.TFLiteConverter.from_keras_model(model).convert())
    image = tmp_path / "one.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(image)
    code = main(["predict", str(image), "--model-file", str(path), "--preprocess", "minus1to1", "--backend", "openvino"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "backend: OpenVINO f32 [read from the model file itself; nothing to convert or cache]" in err, err
    assert "conversion cache" not in err
