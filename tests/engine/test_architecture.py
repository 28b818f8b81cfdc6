"""engine/ never imports Qt; importing the engine does not import TensorFlow."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from ..conftest import ROOT

ENGINE_MODULES = ["engine", "engine.zoo", "engine.images", "engine.labels", "engine.jobs", "engine.weights",
                  "engine.builder", "engine.models", "engine.predict", "engine.preferences", "engine.cli",
                  "engine.layers", "engine.device", "engine.export", "engine.results_file", "engine.cluster",
                  "engine.cluster.plan", "engine.cluster.worker", "engine.train.distribute", "engine.cli.cluster_predict"]


def _imports_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return set(out.stdout.split())


def test_engine_imports_neither_qt_nor_tensorflow():
    mods = _imports_after("; ".join(f"import {m}" for m in ENGINE_MODULES))
    assert not {m for m in mods if m.startswith(("PySide6", "shiboken6", "gui"))}
    assert "tensorflow" not in mods and "keras" not in mods
    assert "ray" not in mods  # an optional extra, imported only when a command asks for a cluster


@pytest.mark.skipif(shutil.which("lint-imports") is None, reason="import-linter not installed")
def test_import_linter_contract():
    out = subprocess.run(["lint-imports"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
