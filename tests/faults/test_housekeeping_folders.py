"""Start-up tidying reaches every folder it promises: the feature cache's own folder, the
folders other parts add (with the app's own still tidied), and a trained model or an export
that a killed process had moved aside is put back — while a provider that fails, or a moved
folder that is not ours, changes nothing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine import housekeeping, paths
from engine.train import features

pytestmark = pytest.mark.faults


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_feature_cache_folder_itself_is_tidied(home):
    root = features.cache_root()
    root.mkdir(parents=True)
    stale = root / f".{'ab' * 12}.{dead_pid()}.q1.tmpdir"
    stale.mkdir()
    assert housekeeping.tidy() == [stale] and not stale.exists()


def test_extra_folders_are_tidied_with_the_apps_own(home, tmp_path, monkeypatch):
    pid = dead_pid()
    weights = tmp_path / "weights-cache"
    weights.mkdir()
    extra = weights / f".mobilenet.h5.{pid}.w1.part"
    extra.write_text("half")
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    own = models / f".run.{pid}.m1.tmpdir"
    own.mkdir()
    monkeypatch.setattr(housekeeping, "EXTRA_FOLDERS", [lambda: 1 / 0, lambda: [weights], lambda: None])
    assert sorted(housekeeping.tidy()) == sorted([own, extra])


def test_a_moved_aside_bundle_and_export_are_put_back(home):
    pid = dead_pid()
    models = paths.user_models_dir()
    models.mkdir(parents=True)
    bundle = models / f".flowers~replaced.{pid}.a1.tmpdir"
    bundle.mkdir()
    (bundle / "model.keras").write_bytes(b"zip")
    (bundle / "metadata.json").write_text(json.dumps({"created_by": "Pretrained Studio"}))
    export = models / f".flowers-export~replaced.{pid}.b2.tmpdir"
    export.mkdir()
    (export / "export.json").write_text(json.dumps({"created_by": "Pretrained Studio"}))
    (export / "model.tflite").write_bytes(b"tflite")
    foreign = models / f".thesis~replaced.{pid}.c3.tmpdir"  # the name fits, the content is not ours
    foreign.mkdir()
    (foreign / "chapter1.tex").write_text("the user's")
    housekeeping.tidy()
    assert (models / "flowers" / "model.keras").read_bytes() == b"zip"
    assert (models / "flowers-export" / "model.tflite").read_bytes() == b"tflite"
    assert not (models / "thesis").exists()
