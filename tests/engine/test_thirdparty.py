"""Third-party libraries write nothing outside the app's folders (``engine.thirdparty``): no
OpenVINO telemetry client id in ``~/intel``, no matplotlib font list in ``~/.cache``.

A fresh process with a fresh, empty HOME imports the engine and then what the app imports
lazily (OpenVINO and its converter, matplotlib's font list); the home must hold nothing but
the app's own cache folder afterwards.  The whole app (predict, explain, train from the
command line) is checked the same way in the slow test here and, frozen, in
``tests/installer/test_frozen.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import MOBILENET_V2_H5, ROOT, needs_fixtures

IMPORTS = """
import engine, openvino, openvino.tools.ovc
import matplotlib.font_manager
matplotlib.font_manager.findfont("DejaVu Sans")
"""


def fresh_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PRETRAINED_STUDIO_HOME", "KERAS_HOME", "MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_DATA_HOME",
                        "XDG_CONFIG_HOME")}
    env["HOME"] = str(home)
    return env


def files_under(home: Path) -> list[str]:
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())


def test_openvino_and_matplotlib_write_only_into_the_apps_cache(tmp_path):
    pytest.importorskip("openvino")
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run([sys.executable, "-c", IMPORTS], env=fresh_env(home), cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    written = files_under(home)
    assert written and all(f.startswith(".cache/PretrainedStudio/matplotlib/") for f in written), written


def test_a_matplotlib_folder_the_user_chose_stands(tmp_path):
    home, chosen = tmp_path / "home", tmp_path / "mine"
    home.mkdir()
    env = dict(fresh_env(home), MPLCONFIGDIR=str(chosen))
    done = subprocess.run([sys.executable, "-c", "import engine, os; print(os.environ['MPLCONFIGDIR'])"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == str(chosen), done.stderr


@pytest.mark.slow
@needs_fixtures
def test_predict_explain_and_train_write_only_where_asked(tmp_path):
    """The source app as a user runs it, in a fresh home: nothing outside the app's data, settings
    and cache folders, the Keras cache and the outputs named on the command line."""
    from ..installer.frozen_app import app_folders, files_outside, make_tiny_dataset

    home = tmp_path / "home"
    home.mkdir()
    data = make_tiny_dataset(tmp_path / "data")
    sample = ROOT / "resources" / "samples" / "chelsea.png"
    outputs = [tmp_path / "out.csv", tmp_path / "heat.png", tmp_path / "tiny-model"]
    runs = [["predict", sample, "--model", "MobileNetV2", "--weights", MOBILENET_V2_H5, "--csv", outputs[0]],
            ["explain", sample, "--model", "MobileNetV2", "--weights", MOBILENET_V2_H5, "--method", "gradcam",
             "--out", outputs[1]],
            ["train", data, "--model", "MobileNetV2", "--alpha", "0.35", "--input-size", "96", "--weights", "none",
             "--mode", "extract", "--epochs", "1", "--batch-size", "4", "--out", outputs[2]]]
    for args in runs:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], env=fresh_env(home),
                              cwd=home, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{args[0]}: {done.stderr[-3000:]}"
    assert outputs[0].is_file() and outputs[1].is_file() and any(outputs[2].glob("*.keras"))
    assert (app_folders(home)[0] / "openvino_cache").is_dir()  # predict converted and cached: the real path
    assert files_outside(home, app_folders(home)) == []
