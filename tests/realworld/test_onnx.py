"""An ONNX image classifier opens forward only through OpenVINO and predicts like ONNX's own
reference runtime — channels-last and channels-first (PyTorch's layout) alike; one whose tensors
live in another file is refused before anything reads them."""

from __future__ import annotations

import numpy as np
import pytest

from engine import images, sources
from engine.cli import main
from engine.errors import StudioError
from engine.predict import Predictor
from engine.sources import forward_only

from ..conftest import fixture_image, needs_fixtures

onnx = pytest.importorskip("onnx")
PHOTOS = ("cat.png", "owl.jpg", "hot_dog.jpg")
SIZE = 16


def _classifier(path, channels_first: bool, seed: int = 4, external: bool = False):
    """Conv → ReLU → global average pooling → Gemm → Softmax, weights seeded and textured."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    conv_w = rng.normal(0, 0.5, (6, 3, 3, 3)).astype(np.float32)
    fc_w = rng.normal(0, 3.0, (6, 4)).astype(np.float32)
    fc_b = rng.normal(0, 0.5, (4,)).astype(np.float32)
    shape = [1, 3, SIZE, SIZE] if channels_first else [1, SIZE, SIZE, 3]
    nodes = [] if channels_first else [helper.make_node("Transpose", ["pixels"], ["nchw"], perm=[0, 3, 1, 2])]
    nodes += [helper.make_node("Conv", ["pixels" if channels_first else "nchw", "conv_w"], ["conv"], pads=[1, 1, 1, 1]),
              helper.make_node("Relu", ["conv"], ["relu"]),
              helper.make_node("GlobalAveragePool", ["relu"], ["pool"]),
              helper.make_node("Flatten", ["pool"], ["flat"]),
              helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"]),
              helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1)]
    graph = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, shape)],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 4])],
                              [numpy_helper.from_array(conv_w, "conv_w"), numpy_helper.from_array(fc_w, "fc_w"),
                               numpy_helper.from_array(fc_b, "fc_b")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    if external:
        onnx.save_model(model, str(path), save_as_external_data=True, all_tensors_to_one_file=True,
                        location="weights.bin", size_threshold=0)
    else:
        onnx.save_model(model, str(path))
    return model


@needs_fixtures
@pytest.mark.parametrize("channels_first", [False, True])
def test_an_onnx_classifier_predicts_like_onnxs_reference_runtime(tmp_path, channels_first):
    from onnx.reference import ReferenceEvaluator

    path = tmp_path / "tiny.onnx"
    model = _classifier(path, channels_first)
    (tmp_path / "labels.txt").write_text("a\nb\nc\nd\n", encoding="utf-8")
    loaded = Predictor(capacity=1).load(sources.file_request(path, "0to1"))
    assert loaded.class_names == ["a", "b", "c", "d"] and loaded.image_size == (SIZE, SIZE)
    assert "ONNX" in loaded.notes[0]
    px = np.stack([loaded.model_input(images.load_image(fixture_image(p)).pixels).pixels for p in PHOTOS])
    got = loaded.run(px)
    ref = ReferenceEvaluator(model)
    x = px.astype(np.float32) / 255
    want = np.concatenate([ref.run(None, {"pixels": (one.transpose(2, 0, 1) if channels_first else one)[None]})[0]
                           for one in x])
    assert np.abs(got - want).max() < 1e-5 and np.ptp(want, axis=0).max() > 0.01


@needs_fixtures
def test_an_onnx_file_whose_tensors_live_in_another_file_is_refused(tmp_path, capsys):
    path = tmp_path / "external.onnx"
    _classifier(path, channels_first=False, external=True)
    assert (tmp_path / "weights.bin").is_file()
    with pytest.raises(StudioError, match="another file"):
        forward_only.peek(path)
    code = main(["predict", str(fixture_image("cat.png")), "--model-file", str(path), "--preprocess", "none",
                 "--json"])
    err = capsys.readouterr().err
    assert code == 1 and "another file" in err and "Traceback" not in err
