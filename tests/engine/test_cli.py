"""The command line runs the same engine headless; output a script can parse."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys

from PIL import Image

from ..conftest import MOBILENET_V2_WEIGHTS, ROOT, fixture_image, needs_fixtures


def run(*args, env_extra=None):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", **(env_extra or {}))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=env, timeout=300, cwd=ROOT)


def test_models_json_lists_the_zoo_with_weight_status():
    out = run("models", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    names = {m["name"]: m for m in data["models"]}
    assert len(names) >= 40
    assert names["MobileNetV2"]["input_size"] == 224 and names["MobileNetV2"]["top1"] == 0.713
    assert names["ConvNeXtTiny"]["cpu_ms"] is None
    assert names["ResNet50"]["weights"] == "missing"
    assert names["ResNet50"]["weights_file"] == "resnet50_weights_tf_dim_ordering_tf_kernels.h5"
    assert "protocol" in data


@needs_fixtures
def test_predict_folder_json_csv_and_errors(tmp_path):
    folder = tmp_path / "imgs"
    folder.mkdir()
    shutil.copy(fixture_image("parrot.jpg"), folder / "parrot.jpg")
    (folder / "bad.png").write_bytes(b"nope")
    out = run("predict", str(folder), "--model", "MobileNetV2", "--weights", str(MOBILENET_V2_WEIGHTS),
              "--json", "--top", "3")
    assert out.returncode == 0, out.stderr
    rows = {os.path.basename(r["file"]): r for r in json.loads(out.stdout)}
    assert rows["parrot.jpg"]["top"][0]["name"] == "macaw" and len(rows["parrot.jpg"]["top"]) == 3
    assert "not an image" in rows["bad.png"]["error"]
    assert "1 predicted, 1 failed" in out.stderr

    table = tmp_path / "out.csv"
    out = run("predict", str(folder / "parrot.jpg"), "--model", "mobilenetv2", "--weights", str(MOBILENET_V2_WEIGHTS),
              "--csv", str(table))
    assert out.returncode == 0, out.stderr
    lines = list(csv.DictReader(table.open()))
    assert lines[0]["top1"] == "macaw" and lines[0]["untrained_weights"] == "no"


def test_predict_exit_codes_and_untrained_marking(tmp_path):
    Image.new("RGB", (50, 50), (10, 200, 10)).save(tmp_path / "green.png")
    (tmp_path / "bad.jpg").write_bytes(b"")
    args = ["--model", "MobileNetV2", "--alpha", "0.35", "--input-size", "96", "--weights", "none"]
    ok = run("predict", str(tmp_path / "green.png"), str(tmp_path / "bad.jpg"), *args)
    assert ok.returncode == 0, ok.stderr
    assert "[untrained weights]" in ok.stdout and "untrained" in ok.stderr
    assert "empty" in ok.stdout  # the bad file has its own row
    nothing = run("predict", str(tmp_path / "bad.jpg"), str(tmp_path / "missing.png"), *args)
    assert nothing.returncode == 1
    unknown = run("predict", str(tmp_path / "green.png"), "--model", "NoSuchNet")
    assert unknown.returncode == 1 and "no model called" in unknown.stderr


def test_weights_where_and_offline_message(tmp_path):
    where = run("weights", "where")
    assert where.returncode == 0 and "cache" in where.stdout
    out = run("predict", __file__, "--model", "ResNet50", "--offline",
              env_extra={"KERAS_HOME": str(tmp_path / "k")})
    assert out.returncode == 1
    assert "resnet50_weights_tf_dim_ordering_tf_kernels.h5" in out.stderr and "weights download ResNet50" in out.stderr


def test_weights_where_follows_one_model_step_by_step(tmp_path):
    """`weights where MODEL`: every place in order with its outcome, then the choice (exit 1: none)."""
    out = run("weights", "where", "MobileNetV2", "--no-top",
              env_extra={"HOME": str(tmp_path), "KERAS_HOME": str(tmp_path / "keras"),
                         "PRETRAINED_STUDIO_HOME": str(tmp_path / "data"), "PRETRAINED_STUDIO_WEIGHT_PACKS": ""})
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    assert "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5" in lines[0]
    wheres = [ln.split()[0] for ln in lines[1:-1]]
    assert wheres[:2] == ["imported", "cache"] and wheres[-1] == "download"
    assert "chosen: none" in lines[-1] and "derived" in lines[-1]
