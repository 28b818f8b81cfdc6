"""The real Teachable Machine export opens on the command line with no options and predicts what
Teachable Machine's own snippet predicts (tf_keras, ImageOps.fit LANCZOS, −1…1) to 1e-5; its
TFLite and SavedModel conversions open and agree with the runtime that runs them."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import sources
from engine.cli import main
from engine.predict import Predictor
from engine.sources import guess

from ..conftest import fixture_image
from .conftest import TM_CLASSES, TM_MODEL, made_images, needs_tm, snippet_input

PHOTOS = ("cat.png", "owl.jpg", "hot_dog.jpg", "parrot.jpg", "grace_hopper.png")


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _by_class(row) -> list[float]:
    got = {c["name"]: c["probability"] for c in row["top"]}
    return [got[c] for c in TM_CLASSES]


@needs_tm
@pytest.mark.parametrize("backend, tolerance", [("keras", 1e-5),
                                                pytest.param("openvino", 1e-4, marks=pytest.mark.slow)])
def test_the_real_export_predicts_like_teachable_machines_snippet(tm_reference, tmp_path, capsys, backend,
                                                                  tolerance):
    files = [fixture_image(p) for p in PHOTOS] + made_images(tmp_path)
    code, out, err = _cli(capsys, "predict", *files, "--model-file", TM_MODEL, "--backend", backend, "--json")
    assert code == 0, err
    # No option given: the file was recognised as a Teachable Machine export, and the note says so.
    assert "Teachable Machine's own" in err and "a Teachable Machine export" in err
    assert "\x1b" not in err and "Traceback" not in err
    rows = json.loads(out)
    want = tm_reference.predict(np.stack([snippet_input(f) for f in files]), verbose=0)
    got = np.array([_by_class(r) for r in rows])
    assert np.abs(got - want).max() < tolerance, np.abs(got - want).max()
    assert [r["top"][0]["name"] for r in rows] == [TM_CLASSES[i] for i in want.argmax(1)]
    assert np.ptp(want[:, 0]) > 0.05  # the inputs give different answers: equal outputs would prove nothing


@needs_tm
@pytest.mark.slow  # the default suite's 1e-5 test on non-square photos already needs this resize
def test_the_resize_is_teachable_machines_not_the_apps(tm_reference):
    """A stretched or bilinear image gives other numbers: the fit with LANCZOS is what matches."""
    from engine import images

    loaded = Predictor(capacity=1, backend="keras").load(sources.file_request(TM_MODEL, "teachable_machine"))
    assert loaded.resize == images.FIT_LANCZOS and loaded.class_names == list(TM_CLASSES)
    photo = images.load_image(fixture_image("hot_dog.jpg"))  # not square: the fit crops
    got = loaded.run(loaded.model_input(photo.pixels, "stretch").pixels[None])[0]
    want = tm_reference.predict(snippet_input(fixture_image("hot_dog.jpg"))[None], verbose=0)[0]
    assert np.abs(got - want).max() < 1e-5
    plain = Predictor(capacity=1, backend="keras").load(sources.file_request(TM_MODEL, "minus1to1"))
    stretched = plain.run(plain.model_input(photo.pixels, "stretch").pixels[None])[0]
    assert np.abs(stretched - want).max() > 1e-3


def _interpreter(path, x):
    import tensorflow as tf

    interpreter = tf.lite.Interpreter(model_path=str(path))
    interpreter.allocate_tensors()
    inp, out = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    rows = []
    for one in x:
        interpreter.set_tensor(inp["index"], one[None].astype(np.float32))
        interpreter.invoke()
        rows.append(interpreter.get_tensor(out["index"])[0].copy())
    return np.array(rows)


def _saved_model(path, x):
    import tensorflow as tf

    fn = tf.saved_model.load(str(path)).signatures["serving_default"]
    key = next(iter(fn.structured_input_signature[1]))
    out = fn(**{key: tf.constant(x)})
    return np.asarray(out[sorted(out)[0]])


@needs_tm
@pytest.mark.slow  # converting the export three ways takes minutes on two cores
@pytest.mark.parametrize("kind", ["float", "quantized", "savedmodel"])
def test_its_tflite_and_savedmodel_conversions_open_and_agree_with_their_runtime(tm_reference, tm_conversions,
                                                                                 tmp_path, kind):
    path = tm_conversions[kind]
    files = [fixture_image(p) for p in PHOTOS[:3]] + made_images(tmp_path)[:2]
    x = np.stack([snippet_input(f) for f in files])
    want = _saved_model(path, x) if kind == "savedmodel" else _interpreter(path, x)
    from engine import images

    for backend in ("keras", "auto"):  # TensorFlow's own runtime, and OpenVINO where it agrees
        found = guess.for_file(path)
        assert found.choice == "teachable_machine", found  # guessed from labels.txt and the 224 × 224 input
        loaded = Predictor(capacity=1, backend=backend).load(sources.file_request(path, found.choice))
        assert loaded.class_names == list(TM_CLASSES)
        px = np.stack([loaded.model_input(images.load_image(f).pixels).pixels for f in files])
        got = loaded.run(px)
        assert np.abs(got - want).max() < 1e-4, (backend, loaded.backend.describe(), np.abs(got - want).max())
    if kind != "quantized":  # the float conversions are the Keras model's numbers
        assert np.abs(want - tm_reference.predict(x, verbose=0)).max() < 1e-4
    assert np.ptp(want[:, 0]) > 0.05


@needs_tm
@pytest.mark.slow  # uses the conversions
def test_a_forward_only_file_explains_with_score_cam_and_says_what_needs_keras(tm_conversions, tmp_path, capsys):
    path = tm_conversions["float"]
    code, out, err = _cli(capsys, "explain", fixture_image("cat.png"), "--model-file", path, "--method",
                          "fast-scorecam", "--out", tmp_path / "o.png", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["class"] in TM_CLASSES and not summary["flat"]
    code, out, err = _cli(capsys, "explain", fixture_image("cat.png"), "--model-file", path, "--method", "gradcam",
                          "--out", tmp_path / "g.png")
    assert code == 1 and "Grad-CAM needs a Keras model" in err and "TensorFlow Lite" in err
    assert len([ln for ln in err.splitlines() if ln.startswith("error:")]) == 1 and "Traceback" not in err
    assert not (tmp_path / "g.png").exists()
    code, out, err = _cli(capsys, "layers", "--model-file", path)
    assert code == 1 and "needs a Keras model" in err
