"""Weight files: resolution order, Keras' md5/sha256 rule, the missing-weights message, import.

Hostile downloads and bad files are in tests/faults/."""

from __future__ import annotations

import hashlib

import pytest

from engine import paths, weights
from engine.errors import WeightsFileError, WeightsMissingError
from engine.weights import manifest

from ..faults.fault_server import FaultServer
from ..faults.weightfiles import demo_layers, isolate, register, write_legacy_h5

NAME = "demo_weights.h5"


@pytest.fixture
def demo(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    data = write_legacy_h5(tmp_path / "src.h5", demo_layers()).read_bytes()
    return cache, data


def test_sha256_hash_is_accepted_like_keras(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    wf = manifest.WeightsFile(wf.filename, wf.url, hashlib.sha256(data).hexdigest())
    assert manifest.hash_algorithm(wf.file_hash) == "sha256"
    with FaultServer() as srv:
        srv.route("/demo/" + NAME, data)
        seen = []
        path = weights.download(wf, mirror=srv.base, progress=lambda f, m: seen.append(f))
    assert path == cache / NAME and seen[-1] == 1.0
    verdict = weights.verify_file(path, weights.official_checks(wf))
    assert verdict.verified and "sha256 published by Keras" in verdict.how


def test_resolution_order_imported_cache_offline(demo, monkeypatch, tmp_path):
    cache, data = demo
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=data, size=False)
    offline = tmp_path / "lab"
    (offline / "models").mkdir(parents=True)
    assert weights.locate(wf, [offline]).where == "missing"
    (offline / "models" / NAME).write_bytes(data)
    assert weights.locate(wf, [offline]).where == "offline"
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(data)
    found = weights.locate(wf, [offline])
    assert found.where == "cache" and found.path == cache / NAME and not found.verified
    assert "structure checked" in found.verdict.how
    weights.import_file(tmp_path / "src.h5", wf, lambda p: None)
    assert weights.locate(wf, [offline]).where == "imported"  # an explicit choice wins
    assert [w for w, _ in weights.search_dirs([offline])] == ["imported", "cache", "offline", "offline", "derived"]


def test_one_pass_records_every_step_in_order_with_its_outcome(demo, monkeypatch, tmp_path):
    """``tried`` (what `weights where MODEL` prints): each place once, in order, with what came of it."""
    cache, data = demo
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=data, size=False)
    offline = tmp_path / "lab"
    (offline / "models").mkdir(parents=True)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(b"\0" * 10)  # a bad copy first
    (offline / "models" / NAME).write_bytes(data)  # then a good one
    found = weights.locate(wf, [offline], model="Demo")
    steps = [(a.where, a.path, a.outcome.split(":")[0]) for a in found.tried]
    assert steps[0][0] == "imported" and steps[0][2] == "not there"
    assert steps[1:] == [("cache", cache / NAME, "refused"),
                     ("offline", offline / NAME, "not there"),
                     ("offline", offline / "models" / NAME, "used")]
    assert found.where == "offline" and [p.path for p in found.problems] == [cache / NAME]
    missing = weights.locate(wf, [tmp_path / "nowhere"], model="Demo")
    assert [a.where for a in missing.tried][-1] == "download" and missing.tried[-1].outcome == "not allowed here"
    assert missing.tried[1].outcome == "refused: the file is not an HDF5 file (random or damaged bytes)"


def test_missing_message_names_file_places_problems_and_remedies(demo, monkeypatch, tmp_path):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(b"\0" * 10)
    found = weights.locate(wf, [tmp_path / "lab"], model="ResNet50")
    err = weights.missing_error("ResNet50", wf, [tmp_path / "lab"], problems=found.problems)
    text = str(err)
    assert NAME in text and str(tmp_path / "lab") in text and str(paths.keras_models_cache()) in text
    assert "weights download ResNet50" in text and "--weights none" in text
    assert "refused" in text and "10 bytes instead of" in text
    assert isinstance(err, WeightsMissingError)


def test_import_accepts_only_files_that_load(demo, monkeypatch, tmp_path):
    _, data = demo
    wf = register(monkeypatch, NAME, data=data)

    def refuse(path):
        raise ValueError("layer count mismatch")

    with pytest.raises(WeightsFileError, match="does not fit"):
        weights.import_file(tmp_path / "src.h5", wf, refuse)
    assert not (weights.imported_dir() / NAME).exists()
    (tmp_path / "notes.h5").write_bytes(b"weights")
    with pytest.raises(WeightsFileError, match="not an HDF5 file"):
        weights.import_file(tmp_path / "notes.h5", wf, lambda p: None)
    target = weights.import_file(tmp_path / "src.h5", wf, lambda p: None)
    assert target.read_bytes() == data and weights.locate(wf).where == "imported"
