"""Choosing a backend: auto, an unavailable choice, bf16 only where the CPU has it, the
Preference, the command line, the check's rules, and no converter telemetry."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import backends, preferences
from engine.backends import check, select

from ..conftest import MOBILENET_V2_WEIGHTS, fixture_image, needs_fixtures
from .test_cli import run


def test_auto_picks_openvino_on_the_cpu_and_tensorflow_on_a_gpu(monkeypatch):
    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    assert select.resolve("auto") == select.Selection("openvino", "f32")
    gpu = select.resolve("auto", gpu_in_use=True)
    assert gpu.name == "keras" and gpu.device == "GPU" and "GPU" in gpu.notice
    assert select.resolve("openvino", gpu_in_use=True).name == "openvino"  # asked for by name: honoured
    assert select.resolve("keras").name == "keras"
    monkeypatch.setattr(select, "openvino_installed", lambda: False)
    assert select.resolve("auto") == select.Selection("keras")
    assert "not installed" in select.resolve("openvino").notice
    with pytest.raises(ValueError):
        select.resolve("tflite")


def test_bf16_is_offered_only_where_the_cpu_has_it(monkeypatch):
    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    monkeypatch.setattr(select, "bf16_available", lambda: False)
    assert "openvino-bf16" not in select.offered_choices()
    refused = select.resolve("openvino-bf16")
    assert refused.precision == "f32" and "no native bf16" in refused.notice
    monkeypatch.setattr(select, "bf16_available", lambda: True)
    assert select.offered_choices()[-1] == "openvino-bf16"
    assert select.resolve("openvino-bf16") == select.Selection("openvino", "bf16")
    assert select.resolve("auto").precision == "f32"  # never bf16 unless asked


def test_bf16_flags_are_read_from_the_cpu(monkeypatch):
    select.bf16_available.cache_clear()
    monkeypatch.setattr(select, "cpu_flags", lambda: frozenset({"avx2", "avx512f"}))
    assert not select.bf16_available()
    select.bf16_available.cache_clear()
    monkeypatch.setattr(select, "cpu_flags", lambda: frozenset({"avx2", "amx_bf16"}))
    assert select.bf16_available()
    select.bf16_available.cache_clear()


def test_the_preference_holds_the_backend_choices(tmp_path):
    assert preferences.INFERENCE_BACKENDS == backends.CHOICES
    assert preferences.Preferences().inference_backend == "auto"
    path = tmp_path / "prefs.json"
    preferences.save(preferences.Preferences(inference_backend="keras"), path)
    assert preferences.load(path).inference_backend == "keras"
    path.write_text(json.dumps({"inference_backend": "tpu"}))
    assert preferences.load(path).inference_backend == "auto"


def test_check_rules_probabilities_ties_and_features():
    ref = np.full((2, 1000), 0.001)  # random weights: every class tied
    assert check.compare(ref, ref + np.random.default_rng(0).normal(0, 1e-7, ref.shape), "f32").passed
    peaked = np.zeros((1, 10))
    peaked[0, :6] = [0.4, 0.2, 0.15, 0.1, 0.08, 0.07]
    swapped = peaked.copy()
    swapped[0, [4, 5]] = [0.0695, 0.0805]  # the 5th and 6th classes trade places
    bad = check.compare(peaked, swapped, "f32")
    assert not bad.passed and "limit" in bad.reason
    near = peaked.copy()
    near[0, [0, 5]] = [0.39015, 0.07985]
    reordered = near.copy()
    reordered[0, [4, 5]] = [0.07992, 0.07993]  # each within 1e-4, but the top-5 changes
    order = check.compare(near, reordered, "f32")
    assert not order.passed and order.reason == "the top-5 classes differ"
    assert check.compare(peaked, peaked + np.linspace(-5e-5, 5e-5, 10), "f32").passed
    drift = check.compare(peaked, peaked + np.r_[-3e-4, 3e-4, np.zeros(8)][None], "f32")  # same top-5 order
    assert not drift.passed and "limit" in drift.reason
    fast = check.compare(peaked, swapped, "bf16")
    assert fast.passed and fast.top1_agree == 1  # bf16: measured and shown, not held to f32 limits
    feats = np.random.default_rng(1).normal(size=(2, 7, 7, 8))
    assert check.compare(feats, feats * (1 + 1e-6), "f32").passed
    assert not check.compare(feats, feats * 1.01, "f32").passed
    assert not check.compare(feats, feats[:1], "f32").passed


def test_converter_telemetry_is_never_sent():
    """The engine keeps OpenVINO's telemetry package off the import path: the converter runs
    with OpenVINO's own no-op stub (``tests/engine/test_thirdparty.py``: nothing in ~/intel)."""
    pytest.importorskip("openvino")
    import keras

    from engine.backends import convert
    from engine.models import from_keras

    inputs = keras.Input((16, 16, 3))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(2, 3)(inputs))
    loaded = from_keras(keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x)), lambda x: x / 255.0)
    convert.to_openvino(loaded)
    from openvino.tools.ovc import convert_impl, telemetry_utils

    assert convert_impl.tm.__name__ == telemetry_utils.tm.__name__ == "openvino.tools.ovc.telemetry_stub"
    with pytest.raises(ImportError):
        import openvino_telemetry  # noqa: F401


def test_every_forward_pass_command_takes_the_backend_flag(tmp_path, monkeypatch):
    from engine.cli import benchmark_cmd, common, parser

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    p = parser()
    for argv in (["predict", "x.png"], ["explain", "x.png", "--out", "o.png"], ["train", "data"]):
        args = p.parse_args(argv + ["--model", "MobileNetV2", "--backend", "openvino-bf16"])
        assert common.backend_from(args) == "openvino-bf16"
        assert common.backend_from(p.parse_args(argv + ["--model", "MobileNetV2"])) == "auto"  # the Preference
    preferences.save(preferences.Preferences(inference_backend="keras"))
    assert common.backend_from(p.parse_args(["predict", "x.png", "--model", "MobileNetV2"])) == "keras"
    assert p.parse_args(["benchmark", "--models", "ResNet50"]).backend == "all"
    monkeypatch.setattr(benchmark_cmd, "offered_choices", lambda: ["auto", "keras", "openvino"], raising=False)
    monkeypatch.setattr(backends, "offered_choices", lambda: ["auto", "keras", "openvino"])
    assert benchmark_cmd.backend_list("all") == ["keras", "openvino"]
    assert benchmark_cmd.backend_list("openvino-bf16") == ["openvino-bf16"]
    with pytest.raises(SystemExit):
        p.parse_args(["predict", "x.png", "--model", "MobileNetV2", "--backend", "tflite"])


def test_backends_command_reports_the_cpu_and_clears_the_cache(tmp_path, monkeypatch, capsys):
    from engine.backends import convert_cache
    from engine.cli import main

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    entry = convert_cache.cache_root() / "somekey"
    entry.mkdir(parents=True)
    (entry / "model.bin").write_bytes(b"x" * 2048)
    mine = tmp_path / "notes.txt"
    mine.write_text("the user's")
    assert main(["backends", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["cache_bytes"] == 2048 and info["cache_folder"] == str(convert_cache.cache_root())
    assert info["bf16_native"] == select.bf16_available() and "keras" in info["offered"]
    assert main(["backends", "--clear-cache"]) == 0
    assert "cleared" in capsys.readouterr().out
    assert not convert_cache.cache_root().exists() and mine.read_text() == "the user's"


@pytest.mark.slow
@needs_fixtures
def test_command_line_backend_flag_says_what_ran():
    out = run("predict", str(fixture_image("parrot.jpg")), "--model", "MobileNetV2", "--weights",
              str(MOBILENET_V2_WEIGHTS), "--json", "--backend", "openvino")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)[0]
    assert row["top"][0]["name"] == "macaw" and row["backend"] == "OpenVINO f32"
    assert "backend: OpenVINO f32" in out.stderr
