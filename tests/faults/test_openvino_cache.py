"""The OpenVINO conversion cache, tampered with: an entry copied from another model's
conversion (its own meta.json consistent), the same with its meta forged to name this
model's key and weights, model files swapped under an intact meta, and a meta.json that is
junk, a FIFO, a folder or a link to /dev/zero.  The app must never run another model's
conversion (its outputs must be this model's Keras outputs), never hang, and repair a junk
meta.json rather than convert on every run."""

from __future__ import annotations

import json
import os
import shutil
import threading

import numpy as np
import pytest

from engine import backends  # before openvino: the engine keeps OpenVINO's telemetry off the import path
from engine.backends import convert, convert_cache

pytestmark = pytest.mark.faults
openvino = pytest.importorskip("openvino")


def _tiny(seed: int, preprocess=None):
    """A small classifier with its own preprocessing; ``seed`` sets its weights."""
    import keras

    from engine.models import from_keras

    inputs = keras.Input((32, 32, 3))
    x = keras.layers.Conv2D(8, 3, activation="relu")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    rng = np.random.default_rng(seed)
    model.set_weights([rng.normal(0, 0.3, w.shape).astype("float32") for w in model.get_weights()])
    return from_keras(model, preprocess or (lambda x: x / 127.5 - 1.0), name="tiny")


X = np.random.default_rng(1).integers(0, 256, (6, 32, 32, 3), dtype=np.uint8)


def _keras(loaded):
    import tensorflow as tf

    return np.asarray(loaded.model(loaded.preprocess(tf.cast(X, tf.float32)), training=False))


def _entry(loaded):
    return convert_cache.cache_root() / convert.cache_key(loaded)


def _attach(loaded, timeout=60):
    box = {}

    def run():
        box["info"] = backends.attach(loaded, "openvino")

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "loading the cache entry hung"
    return box["info"]


def _runs_its_own_model(loaded):
    assert np.max(np.abs(loaded.run(X) - _keras(loaded))) <= 1e-4


@pytest.fixture
def two(home):
    a, b = _tiny(1), _tiny(2)
    assert np.max(np.abs(_keras(a) - _keras(b))) > 1e-3 and (_keras(a).argmax(1) != _keras(b).argmax(1)).any()
    assert _attach(a).converted
    return a, b


def test_an_entry_copied_from_another_models_conversion_is_not_used(two):
    a, b = two
    shutil.copytree(_entry(a), _entry(b))  # its meta.json is consistent: a's key, a's weights
    info = _attach(b)
    assert info.name == backends.OPENVINO and info.converted
    _runs_its_own_model(b)


def test_an_entry_is_bound_to_its_key_even_for_the_same_weights(home):
    """Same weights, other preprocessing: another key.  The copied entry's meta (its own key)
    is not taken at its word: the entry must pass the full check before it is used."""
    a = _tiny(1)
    b = _tiny(1, preprocess=lambda x: x / 255.0)
    key_b, digest_b = convert.cache_key_and_digest(b)
    assert key_b != convert.cache_key(a) and digest_b == convert.cache_key_and_digest(a)[1]
    _attach(a)
    shutil.copytree(_entry(a), convert_cache.cache_root() / key_b)
    assert convert_cache.load(key_b, digest_b).repair
    _attach(b)
    _runs_its_own_model(b)


@pytest.mark.parametrize("forged", ["key", "key and weights digest"])
def test_a_copied_entry_with_a_forged_meta_fails_the_check_run_on_every_load(two, forged):
    a, b = two
    shutil.copytree(_entry(a), _entry(b))
    meta = json.loads((_entry(b) / "meta.json").read_text())
    meta["key"] = convert.cache_key(b)
    if forged == "key and weights digest":
        meta["weights_sha256"] = convert.cache_key_and_digest(b)[1]
    (_entry(b) / "meta.json").write_text(json.dumps(meta))  # sha256 of the files and "check passed" kept
    before = convert.conversions
    info = _attach(b)
    assert info.name == backends.OPENVINO
    _runs_its_own_model(b)
    if forged == "key and weights digest":
        assert convert.conversions == before + 1  # caught by the one-image check, converted afresh


def test_model_files_swapped_under_an_intact_meta_are_caught(two):
    a, b = two
    assert _attach(b).converted
    for name in ("model.xml", "model.bin"):  # a's graph under b's name, b's meta rewritten to match
        shutil.copyfile(_entry(a) / name, _entry(b) / name)
    meta = json.loads((_entry(b) / "meta.json").read_text())
    meta["sha256"] = {n: convert_cache.sha256_of(_entry(b) / n) for n in convert_cache.FILES}
    (_entry(b) / "meta.json").write_text(json.dumps(meta))
    _attach(b)
    _runs_its_own_model(b)


def _junk(kind):
    def make(p):
        if kind == "garbage":
            p.write_bytes(b"\x00not json")
        elif kind == "deep JSON":
            p.write_text("[" * 100_000)
        elif kind == "FIFO":
            os.mkfifo(p)
        elif kind == "folder":
            p.mkdir()
        elif kind == "/dev/zero link":
            p.symlink_to("/dev/zero")
        elif kind == "a list":
            p.write_text("[1, 2]")
    return make


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["garbage", "deep JSON", "FIFO", "folder", "/dev/zero link", "a list"])
def test_a_junk_meta_json_is_repaired_not_a_conversion_on_every_run(home, kind):
    a = _tiny(1)
    assert _attach(a).converted
    meta = _entry(a) / "meta.json"
    meta.unlink()
    _junk(kind)(meta)
    before = convert.conversions
    info = _attach(a)
    assert info.name == backends.OPENVINO and convert.conversions == before  # the files were kept, checked
    _runs_its_own_model(a)
    repaired = json.loads(meta.read_text())
    assert repaired["key"] == convert.cache_key(a) and repaired["checks"]["f32"]["passed"]
    again = _tiny(1)
    assert not _attach(again).converted and convert.conversions == before  # and it stays repaired


def test_every_load_runs_the_one_image_check(home, monkeypatch):
    from engine.backends import check

    a = _tiny(1)
    _attach(a)
    calls = []
    real = check.quick
    monkeypatch.setattr(check, "quick", lambda *args: calls.append(1) or real(*args))
    for _ in range(2):
        assert not _attach(_tiny(1)).converted
    assert len(calls) == 2
