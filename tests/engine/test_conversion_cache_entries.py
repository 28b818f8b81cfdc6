"""The OpenVINO conversion cache's entries, as a user opening a model again relies on them.

A hit gives back the very model that was stored (weights in f32), bound to its key and
weights digest, with the agreement checks recorded for it; an entry copied from another
model comes back only for the full check, and a check is never recorded into it.  Whatever
sits in an entry's place (junk, a file, a link to a user's folder) is replaced by the next
conversion, an entry another process wrote first is kept, a failed write leaves nothing
half-written, and the entry just used is not the one pruned.  A tiny OpenVINO graph
(:mod:`.conversion_cache_entry`) stands in for a converted model: no Keras build.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine import fileio  # first: the engine keeps OpenVINO's telemetry off the import path
from engine.backends import convert_cache

from .conversion_cache_entry import (DIGEST, KEY, OTHER_DIGEST, OTHER_KEY, check, expected, graph, meta_of, outputs,
                                     own_cache, temps, write_meta)

pytest.importorskip("openvino")


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    return own_cache(tmp_path, monkeypatch)


def test_the_cache_is_the_documented_folder_of_the_user_data(tmp_path, monkeypatch):
    """README: ``$PRETRAINED_STUDIO_HOME/openvino_cache`` — where a user finds and deletes it,
    and where the conversions of earlier versions are found."""
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    assert convert_cache.cache_root() == tmp_path / "openvino_cache"
    convert_cache.store(KEY, graph(), "Tiny v1", DIGEST)
    assert sorted(p.name for p in (tmp_path / "openvino_cache" / KEY).iterdir()) == ["meta.json", "model.bin",
                                                                                        "model.xml"]


def test_a_cache_never_made_is_empty_and_clearing_it_is_no_error(root):
    """``backends`` on a fresh install: 0 bytes, and ``--clear-cache`` succeeds."""
    assert not root.exists() and convert_cache.size_bytes() == 0
    convert_cache.clear()
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    assert convert_cache.size_bytes() == sum(p.stat().st_size for p in (root / KEY).iterdir()) > 0
    convert_cache.clear()
    assert not root.exists() and convert_cache.size_bytes() == 0
    convert_cache.clear()


def test_a_stored_model_comes_back_whole_with_what_it_was_stored_for(root):
    before = datetime.datetime.now().replace(microsecond=0)
    stored = convert_cache.store(KEY, graph(), "Tiny Variant(alpha=None)", DIGEST)
    after = datetime.datetime.now()
    entry = root / KEY
    assert stored == meta_of()
    assert (stored["key"], stored["weights_sha256"], stored["model"]) == (KEY, DIGEST, "Tiny Variant(alpha=None)")
    assert before <= datetime.datetime.fromisoformat(stored["created"]) <= after
    assert stored["sha256"] == {name: fileio.sha256_of(entry / name) for name in ("model.xml", "model.bin")}
    assert temps(root) == []
    found = convert_cache.load(KEY, DIGEST)
    assert found is not None and not found.repair and found.meta == stored
    # the weights were kept in f32: the model read back gives the stored model's outputs
    np.testing.assert_allclose(outputs(found.model), expected(), rtol=0, atol=2e-6)
    assert np.abs(outputs(found.model) - expected(seed=1)).max() > 0.05


def test_checks_recorded_for_each_precision_come_back_with_the_entry(root):
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    assert convert_cache.recorded_check(convert_cache.load(KEY, DIGEST).meta, "f32") is None
    f32, bf16 = check("f32"), check("bf16", images=5, diff=0.02)
    convert_cache.record_check(KEY, f32, DIGEST)
    convert_cache.record_check(KEY, bf16, DIGEST)
    meta = convert_cache.load(KEY, DIGEST).meta
    assert convert_cache.recorded_check(meta, "f32") == f32
    assert convert_cache.recorded_check(meta, "bf16") == bf16


def test_a_split_models_frozen_part_stored_without_a_weights_digest_keeps_its_check(root):
    """The frozen part of a split model (``backends.prefix``) is stored, checked and read without
    a weights digest (its key covers its weights): its recorded check must be found again, or
    every heatmap and training run checks it against Keras afresh."""
    stored = convert_cache.store(KEY, graph(), "Tiny up to out_relu")
    convert_cache.record_check(KEY, check("f32"))
    found = convert_cache.load(KEY)
    assert found is not None and not found.repair and found.meta["sha256"] == stored["sha256"]
    assert convert_cache.recorded_check(found.meta, "f32") == check("f32")


def test_a_meta_written_without_a_table_of_checks_still_records_one(root):
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    meta = meta_of()
    del meta["checks"]
    write_meta(meta)
    convert_cache.record_check(KEY, check("f32"), DIGEST)
    assert convert_cache.recorded_check(convert_cache.load(KEY, DIGEST).meta, "f32") == check("f32")


@pytest.mark.parametrize("checks", [None, [], {"f32": None}, {"f32": [1, 2]}, {"f32": "passed"},
                                    {"f32": {"passed": True}}, {"f32": {**vars(check("f32")), "extra": 1}}],
                         ids=["null", "a list", "null check", "a list check", "text", "fields missing",
                              "an unknown field"])
def test_a_recorded_check_in_a_form_the_app_did_not_write_is_run_again(checks):
    assert convert_cache.recorded_check({"checks": checks}, "f32") is None
    assert convert_cache.recorded_check({}, "f32") is None


@pytest.mark.parametrize("bound_to", ["another key", "other weights"])
def test_a_check_is_never_written_into_an_entry_of_another_model(root, bound_to):
    key, digest = (OTHER_KEY, DIGEST) if bound_to == "another key" else (KEY, OTHER_DIGEST)
    convert_cache.store(key, graph(), "Other", digest)
    if key != KEY:
        shutil.copytree(root / key, root / KEY)
    before = (root / KEY / convert_cache.META).read_bytes()
    convert_cache.record_check(KEY, check("f32"), DIGEST)
    assert (root / KEY / convert_cache.META).read_bytes() == before
    convert_cache.record_check("a" * 32, check("f32"), DIGEST)  # no entry at all: nothing written
    assert not (root / ("a" * 32)).exists()


@pytest.mark.parametrize("bound_to", ["another key", "other weights"])
def test_an_entry_of_another_model_comes_back_only_for_the_full_check(root, bound_to):
    """Its own meta is consistent, but not ours: the files must pass the full check before use,
    and its recorded checks (another model's) are not taken."""
    key, digest = (OTHER_KEY, DIGEST) if bound_to == "another key" else (KEY, OTHER_DIGEST)
    convert_cache.store(key, graph(seed=1), "Other", digest)
    convert_cache.record_check(key, check("f32"), digest)
    if key != KEY:
        shutil.copytree(root / key, root / KEY)
    found = convert_cache.load(KEY, DIGEST)
    assert found is not None and found.repair and found.meta == {}


def _in_the_way(root: Path, tmp_path: Path, what: str) -> Path:
    """Put ``what`` where the entry of KEY goes; return a user's folder that must survive."""
    users = tmp_path / "users"
    users.mkdir()
    (users / "photo.jpg").write_bytes(b"the user's")
    entry = root / KEY
    if what in ("an entry of another key", "an entry of other weights"):
        key, digest = (OTHER_KEY, DIGEST) if what == "an entry of another key" else (KEY, OTHER_DIGEST)
        convert_cache.store(key, graph(seed=1), "Other", digest)
        if key != KEY:
            shutil.copytree(root / key, entry)
    elif what == "a junk meta":
        convert_cache.store(KEY, graph(seed=1), "Tiny", DIGEST)
        (entry / convert_cache.META).write_text("{")
    elif what == "a half-written entry":
        entry.mkdir(parents=True)
        (entry / "model.xml").write_text("<net>")
    elif what == "a file":
        root.mkdir(parents=True)
        entry.write_bytes(b"junk")
    else:  # a link to the user's folder
        root.mkdir(parents=True)
        entry.symlink_to(users, target_is_directory=True)
    return users


@pytest.mark.parametrize("what", ["an entry of another key", "an entry of other weights", "a junk meta",
                                  "a half-written entry", "a file", "a link to the user's folder"])
def test_a_conversion_replaces_whatever_is_in_its_place_and_is_then_a_hit(root, tmp_path, what):
    users = _in_the_way(root, tmp_path, what)
    stored = convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    assert (stored["key"], stored["weights_sha256"]) == (KEY, DIGEST)
    found = convert_cache.load(KEY, DIGEST)
    assert found is not None and not found.repair and found.meta == stored
    np.testing.assert_allclose(outputs(found.model), expected(), rtol=0, atol=2e-6)
    assert temps(root) == []
    assert sorted(p.name for p in users.iterdir()) == ["photo.jpg"]  # a link was removed, not followed


def test_an_entry_another_process_wrote_first_is_kept_with_its_checks(root):
    first = convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    convert_cache.record_check(KEY, check("f32"), DIGEST)
    again = convert_cache.store(KEY, graph(), "Tiny", DIGEST)  # converted meanwhile elsewhere
    assert again["created"] == first["created"] and convert_cache.recorded_check(again, "f32") == check("f32")
    assert convert_cache.recorded_check(convert_cache.load(KEY, DIGEST).meta, "f32") == check("f32")
    assert temps(root) == []


def test_a_failed_conversion_write_leaves_neither_an_entry_nor_a_temp_folder(root):
    with pytest.raises(Exception):
        convert_cache.store(KEY, object(), "Tiny", DIGEST)
    assert not os.path.lexists(root / KEY) and temps(root) == []
    assert convert_cache.load(KEY, DIGEST) is None


def test_the_entry_just_stored_is_not_the_one_pruned(root):
    """Past the size limit, the entry a conversion just used stays even when it is the least
    recently used (another process wrote it earlier): the other entries go."""
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    old = datetime.datetime.now().timestamp() - 1000
    os.utime(root / KEY / convert_cache.META, (old, old))
    big = root / OTHER_KEY
    big.mkdir()
    with open(big / "model.bin", "wb") as f:  # sparse: its size counts, it takes no disk
        f.truncate(convert_cache.LIMIT_BYTES)
    (big / convert_cache.META).write_text(json.dumps({"key": OTHER_KEY, "sha256": {}, "checks": {}}))
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    assert sorted(p.name for p in root.iterdir()) == [KEY]
    assert convert_cache.load(KEY, DIGEST) is not None
