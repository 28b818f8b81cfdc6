"""Damaged trained-model bundles: each fault is a clear StudioError naming what is wrong,
never a traceback, never "file not found" for a file that is there, and a zip bomb is
refused from its declared sizes before Keras extracts anything."""

from __future__ import annotations

import json
import resource
import shutil
import zipfile

import pytest

from engine.errors import StudioError
from engine.models import ModelRequest
from engine.predict import Predictor
from engine.train import bundle

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    import keras

    model = keras.Sequential([keras.Input((8, 8, 3)), keras.layers.Flatten(),
                              keras.layers.Dense(3, activation="softmax")])
    meta = {"class_names": ["a", "b", "c"], "base_model": "tiny", "name": "tiny"}
    return bundle.save(model, meta, tmp_path_factory.mktemp("bundles") / "good")


def _copy(good, tmp_path):
    return shutil.copytree(good, tmp_path / "copy")


def _meta(folder, text):
    (folder / "metadata.json").write_text(text)


def _bomb(path, mib=200):
    """A real zip bomb named like a model: 200 MiB of zeros in ~200 KB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("config.json", "{}")
        with zf.open("model.weights.h5", "w", force_zip64=True) as f:
            block = bytes(1 << 20)
            for _ in range(mib):
                f.write(block)


FAULTS = {
    "fewer class names than outputs": (lambda f: _meta(f, json.dumps({"class_names": ["a", "b"]})),
                                       "names 2 classes but the model has 3 outputs"),
    "more class names than outputs": (lambda f: _meta(f, json.dumps({"class_names": list("abcd")})),
                                      "names 4 classes but the model has 3 outputs"),
    "a string instead of a list": (lambda f: _meta(f, json.dumps({"class_names": "abc"})), "must be a list"),
    "invalid JSON": (lambda f: _meta(f, '{"class_names": ["a", '), "not valid JSON"),
    "JSON that is a list": (lambda f: _meta(f, "[1, 2]"), "not an object"),
    "deeply nested JSON": (lambda f: _meta(f, "[" * 100000 + "]" * 100000), "nests deeper"),
    "model.keras cut in half": (lambda f: (f / "model.keras").write_bytes((f / "model.keras").read_bytes()[:5000]),
                                "damaged"),
    "model.keras random bytes": (lambda f: (f / "model.keras").write_bytes(bytes(range(256)) * 40), "damaged"),
    "model.keras empty": (lambda f: (f / "model.keras").write_bytes(b""), "damaged"),
    "zip bomb named model.keras": (lambda f: _bomb(f / "model.keras"), "zip bomb"),
    "model.keras is a folder": (lambda f: ((f / "model.keras").unlink(), (f / "model.keras").mkdir()),
                                "no model.keras"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_damaged_bundle_gives_a_clear_error(good, tmp_path, fault):
    damage, words = FAULTS[fault]
    folder = _copy(good, tmp_path)
    damage(folder)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(StudioError) as info:
        bundle.load_as_loaded_model(folder)
    assert words in str(info.value), str(info.value)
    assert "not found" not in str(info.value).lower() or "no model.keras" in words
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert grown_mb < 150, f"peak memory grew {grown_mb:.0f} MB"  # the bomb would take 200+ MB


def test_the_window_path_reports_it_too(good, tmp_path):
    """The picker loads bundles through the Predictor: the same clear error arrives there."""
    folder = _copy(good, tmp_path)
    _meta(folder, '{"class_names": "abc"}')
    with pytest.raises(StudioError, match="must be a list"):
        Predictor().load(ModelRequest(str(folder), weights="bundle"))


def test_good_bundle_still_loads(good):
    loaded = bundle.load_as_loaded_model(good)
    assert loaded.class_names == ["a", "b", "c"]
