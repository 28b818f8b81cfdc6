"""Weight files: resolution order, verified downloads from a local server, import, messages."""

from __future__ import annotations

import hashlib
import os

import pytest

from engine import jobs, paths, weights
from engine.errors import WeightsDownloadError, WeightsFileError, WeightsMissingError
from engine.weights import WeightsFile

from .httpserver import FileServer

PAYLOAD = os.urandom(300_000)
SHA = hashlib.sha256(PAYLOAD).hexdigest()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "user"))
    return tmp_path / "keras" / "models"


def _wf(file_hash=SHA, name="demo_weights.h5"):
    return WeightsFile(name, weights.KERAS_WEIGHTS_BASE + "demo/" + name, file_hash)


def _cache_files(cache):
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_complete_download_is_verified_and_named(cache):
    with FileServer() as srv:
        srv.files["/demo/demo_weights.h5"] = PAYLOAD
        seen = []
        path = weights.download(_wf(), mirror=srv.base, progress=lambda f, m: seen.append(f))
    assert path == cache / "demo_weights.h5"
    assert path.read_bytes() == PAYLOAD
    assert _cache_files(cache) == ["demo_weights.h5"]
    assert seen[-1] == 1.0 and any(0 < f < 1 for f in seen)


def test_md5_hash_is_accepted_like_keras(cache):
    with FileServer() as srv:
        srv.files["/demo/demo_weights.h5"] = PAYLOAD
        weights.download(_wf(hashlib.md5(PAYLOAD).hexdigest()), mirror=srv.base)
    assert _cache_files(cache) == ["demo_weights.h5"]


def test_hash_mismatch_keeps_nothing(cache):
    with FileServer() as srv:
        srv.files["/demo/demo_weights.h5"] = PAYLOAD[:-1] + b"x"
        with pytest.raises(WeightsDownloadError, match="damaged or not the expected file"):
            weights.download(_wf(), mirror=srv.base)
    assert _cache_files(cache) == []


def test_dropped_connection_keeps_nothing(cache):
    with FileServer() as srv:
        srv.mode = "drop"
        srv.files["/demo/demo_weights.h5"] = PAYLOAD
        with pytest.raises(WeightsDownloadError):
            weights.download(_wf(None), mirror=srv.base)  # no hash: the length check must catch it
    assert _cache_files(cache) == []


def test_cancel_mid_download_keeps_nothing(cache):
    token = jobs.CancelToken()

    def progress(fraction, message):
        if fraction > 0.1:
            token.cancel()

    with FileServer() as srv:
        srv.mode = "slow"
        srv.files["/demo/demo_weights.h5"] = PAYLOAD
        with pytest.raises(jobs.Cancelled):
            weights.download(_wf(), mirror=srv.base, progress=progress, cancel=token)
    assert _cache_files(cache) == []


def test_server_missing_file_and_unreachable_server(cache):
    with FileServer() as srv:
        with pytest.raises(WeightsDownloadError, match="404"):
            weights.download(_wf(), mirror=srv.base)
        dead = srv.base
    with pytest.raises(WeightsDownloadError, match="could not be reached|Could not download"):
        weights.download(_wf(), mirror=dead, timeout=2)
    assert _cache_files(cache) == []


def test_resolution_order_cache_offline_imported(cache, tmp_path):
    wf = _wf()
    offline = tmp_path / "lab"
    (offline / "models").mkdir(parents=True)
    assert weights.locate(wf, [offline]).where == "missing"
    imported = weights.imported_dir()
    imported.mkdir(parents=True)
    (imported / wf.filename).write_bytes(b"3")
    assert weights.locate(wf, [offline]).where == "imported"
    (offline / "models" / wf.filename).write_bytes(b"2")
    assert weights.locate(wf, [offline]).where == "offline"
    cache.mkdir(parents=True)
    (cache / wf.filename).write_bytes(b"1")
    found = weights.locate(wf, [offline])
    assert found.where == "cache" and found.path == cache / wf.filename


def test_missing_message_names_file_places_and_remedies(cache, tmp_path):
    err = weights.missing_error("ResNet50", _wf(), [tmp_path / "lab"])
    text = str(err)
    assert "demo_weights.h5" in text and str(tmp_path / "lab") in text and str(paths.keras_models_cache()) in text
    assert "weights download ResNet50" in text and "--weights none" in text
    assert isinstance(err, WeightsMissingError)


def test_import_accepts_only_files_that_load(cache, tmp_path):
    src = tmp_path / "mine.h5"
    src.write_bytes(b"weights")

    def refuse(path):
        raise ValueError("layer count mismatch")

    with pytest.raises(WeightsFileError, match="does not fit"):
        weights.import_file(src, _wf(), refuse)
    assert not (weights.imported_dir() / "demo_weights.h5").exists()
    target = weights.import_file(src, _wf(), lambda p: None)
    assert target.read_bytes() == b"weights" and weights.locate(_wf()).where == "imported"
