"""A tiny OpenVINO graph standing in for a converted model, and a conversion cache of its own,
for the tests of the cache's entries (``test_conversion_cache_entries.py``,
``test_conversion_cache_damage.py``): they run in about a second each, no Keras build."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from engine import fileio  # first: the engine keeps OpenVINO's telemetry off the import path
from engine.backends import convert_cache
from engine.backends.base import CheckResult

KEY, OTHER_KEY = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
DIGEST, OTHER_DIGEST = "a" * 64, "b" * 64
X = np.random.default_rng(7).normal(0, 3, (2, 4)).astype("float32")


def weights(seed: int = 0) -> np.ndarray:
    """Weights with far more precision than fp16 keeps: a copy stored in fp16 gives other outputs."""
    return np.random.default_rng(seed).normal(0, 3, (4, 3)).astype("float32")


def graph(seed: int = 0):
    """softmax(x @ W): the smallest model whose outputs show which weights it holds."""
    import openvino
    import openvino.opset13 as ops

    x = ops.parameter([2, 4], np.float32, name="x")
    return openvino.Model([ops.softmax(ops.matmul(x, ops.constant(weights(seed)), False, False), 1)], [x], "tiny")


def expected(seed: int = 0) -> np.ndarray:
    logits = X.astype("float64") @ weights(seed).astype("float64")
    e = np.exp(logits - logits.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def outputs(model) -> np.ndarray:
    from engine.backends.openvino_backend import core

    return core().compile_model(model, "CPU", {"INFERENCE_PRECISION_HINT": "f32"})(X)[0]


def check(precision: str = "f32", images: int = 4, diff: float = 1.5e-6) -> CheckResult:
    return CheckResult("probabilities", precision, images, diff, diff * 2, top1_agree=images - 1, top5_same=False,
                       passed=precision == "f32", reason="" if precision == "f32" else "top-1 differs on 1 image")


def own_cache(tmp_path: Path, monkeypatch) -> Path:
    """A user data folder of the test's own: the cache's root in it (not yet made)."""
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    return convert_cache.cache_root()


def meta_of(key: str = KEY) -> dict:
    return json.loads((convert_cache.cache_root() / key / convert_cache.META).read_text())


def write_meta(meta, key: str = KEY) -> None:
    (convert_cache.cache_root() / key / convert_cache.META).write_text(json.dumps(meta))


def temps(root: Path) -> list[str]:
    return [p.name for p in root.iterdir() if fileio.is_temp_name(p.name)]
