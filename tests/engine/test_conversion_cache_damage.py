"""The OpenVINO conversion cache, damaged: model files changed, missing, a link, a folder or a
FIFO; a junk meta.json over good or damaged files; a link in place of an entry; entries whose
files another process holds open (Windows refuses to delete them).  A damaged entry is never
read (no wrong outputs, no hang) and goes, so the model is converted again; good files under
a junk meta come back for the full check and get a meta bound to them; nothing outside the
cache is touched.  A tiny OpenVINO graph (:mod:`.conversion_cache_entry`) stands in for a
converted model: no Keras build.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import threading
from pathlib import Path

import numpy as np
import pytest

from engine.backends import convert_cache  # first: the engine keeps OpenVINO's telemetry off the import path

from .conversion_cache_entry import (DIGEST, KEY, OTHER_KEY, check, expected, graph, meta_of, outputs, own_cache, temps,
                                     write_meta)

pytest.importorskip("openvino")


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    return own_cache(tmp_path, monkeypatch)


@pytest.mark.parametrize("damage", ["model.bin changed", "model.xml changed", "model.bin missing",
                                    "model.bin a link to a copy", "model.xml a folder"])
def test_damaged_model_files_are_never_read_and_the_entry_goes(root, tmp_path, damage):
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    entry = root / KEY
    copy = tmp_path / "copy.bin"
    if damage == "model.bin changed":
        data = bytearray((entry / "model.bin").read_bytes())
        data[-1] ^= 1  # one bit of one weight
        (entry / "model.bin").write_bytes(bytes(data))
    elif damage == "model.xml changed":
        (entry / "model.xml").write_text((entry / "model.xml").read_text().replace('name="tiny"', 'name="tinz"'))
    elif damage == "model.bin missing":
        (entry / "model.bin").unlink()
    elif damage == "model.bin a link to a copy":  # the same bytes, but not a file of the entry
        shutil.copyfile(entry / "model.bin", copy)
        (entry / "model.bin").unlink()
        (entry / "model.bin").symlink_to(copy)
    else:
        (entry / "model.xml").unlink()
        (entry / "model.xml").mkdir()
    assert convert_cache.load(KEY, DIGEST) is None
    assert not os.path.lexists(entry)
    if damage == "model.bin a link to a copy":
        assert copy.is_file()  # the link went, not what it points to


@pytest.mark.parametrize("junk", ["not JSON", "null", "no sha256 table", "a list", "past its size bound"])
def test_good_files_under_a_junk_meta_come_back_for_the_full_check(root, junk):
    stored = convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    meta = root / KEY / convert_cache.META
    huge = json.dumps({**stored, "model": "x" * convert_cache.META_CAP})  # consistent, but no meta is that big
    meta.write_text({"not JSON": "{", "null": "null", "no sha256 table": json.dumps({"key": KEY, "sha256": None}),
                     "a list": "[]", "past its size bound": huge}[junk])
    found = convert_cache.load(KEY, DIGEST)
    assert found is not None and found.repair
    np.testing.assert_allclose(outputs(found.model), expected(), rtol=0, atol=2e-6)
    # the junk meta stays where it is, for the repair to replace: nothing set aside in the entry
    assert sorted(p.name for p in (root / KEY).iterdir()) == ["meta.json", "model.bin", "model.xml"]


def without_blocking(call, fifo: Path):
    """``call()``'s result; a failure, not a hang, when it blocks on ``fifo`` (opened for reading,
    a FIFO waits for a writer): the blocked reader is let go first."""
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("result", call()), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
        worker.join(10)
        pytest.fail(f"blocked on the FIFO {fifo.name}")
    return box["result"]


@pytest.mark.parametrize("junk", ["not JSON", "a folder", "a link to a user's file", "a FIFO"])
def test_a_repair_writes_a_meta_bound_to_the_entry_in_place_of_any_junk(root, tmp_path, junk):
    """Nothing in the way blocks (a FIFO opened for reading waits for a writer) or is followed."""
    stored = convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    convert_cache.record_check(KEY, check("f32"), DIGEST)
    meta = root / KEY / convert_cache.META
    users = tmp_path / "notes.txt"
    users.write_text("the user's")
    meta.unlink()
    if junk == "not JSON":
        meta.write_text("{")
    elif junk == "a folder":
        meta.mkdir()
        (meta / "inside").write_text("x")
    elif junk == "a FIFO":
        if not hasattr(os, "mkfifo"):
            pytest.skip("needs FIFOs")
        os.mkfifo(meta)
    else:
        meta.symlink_to(users)
    assert convert_cache.load(KEY, DIGEST).repair
    repaired = without_blocking(lambda: convert_cache.repair(KEY, DIGEST, "Tiny again"), meta)  # after the full check
    found = convert_cache.load(KEY, DIGEST)
    assert not found.repair and found.meta == repaired == meta_of()
    assert (repaired["key"], repaired["weights_sha256"], repaired["model"]) == (KEY, DIGEST, "Tiny again")
    assert repaired["sha256"] == stored["sha256"] and repaired["checks"] == {}  # the old checks were junk's
    assert users.read_text() == "the user's" and not meta.is_symlink()


@pytest.mark.parametrize("damage", ["model.bin missing", "model.xml not a model"])
def test_damaged_files_under_a_junk_meta_are_not_read_and_the_entry_goes(root, damage):
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    entry = root / KEY
    (entry / convert_cache.META).write_text("{")
    if damage == "model.bin missing":
        (entry / "model.bin").unlink()
    else:
        (entry / "model.xml").write_text("<net><layers>")
    assert convert_cache.load(KEY, DIGEST) is None
    assert not os.path.lexists(entry)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("meta", ["its meta intact", "a junk meta"])
def test_a_fifo_in_place_of_model_bin_is_never_opened(root, meta):
    """Reading a FIFO blocks until someone writes to it: the app would hang on opening the model."""
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    entry = root / KEY
    (entry / "model.bin").unlink()
    os.mkfifo(entry / "model.bin")
    if meta == "a junk meta":
        (entry / convert_cache.META).write_text("{")
    assert without_blocking(lambda: convert_cache.load(KEY, DIGEST), entry / "model.bin") is None
    assert not os.path.lexists(entry)


def test_a_link_in_place_of_an_entry_is_not_followed(root, tmp_path):
    """A link to a folder elsewhere (a valid-looking entry there) is neither read nor emptied."""
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(root / KEY), elsewhere)
    (root / KEY).symlink_to(elsewhere, target_is_directory=True)
    assert convert_cache.load(KEY, DIGEST) is None
    convert_cache.discard(KEY)
    assert not os.path.lexists(root / KEY)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["meta.json", "model.bin", "model.xml"]

# -- files another process holds open ---------------------------------------------------------

@pytest.fixture
def held_open(monkeypatch):
    """``hold(path)``: Windows refuses to delete a file another process has open (a second
    instance of the app running this model keeps its ``model.bin`` mapped); removing that file
    raises PermissionError from then on."""
    real, held = os.unlink, set()

    def unlink(path, *args, dir_fd=None, **kwargs):
        try:
            st = os.stat(path, dir_fd=dir_fd, follow_symlinks=False)
        except OSError:
            st = None
        if st is not None and (st.st_dev, st.st_ino) in held:
            raise PermissionError(13, "The process cannot access the file because it is being used by "
                                      "another process", os.fsdecode(path))
        return real(path, *args, dir_fd=dir_fd, **kwargs)

    def hold(path: Path) -> None:
        st = os.stat(path)
        held.add((st.st_dev, st.st_ino))

    monkeypatch.setattr(os, "unlink", unlink)
    return hold


@pytest.mark.parametrize("damage", ["model.bin changed", "model.xml missing, junk meta", "model.xml not a model, "
                                                                                         "junk meta"])
def test_a_damaged_entry_held_open_elsewhere_is_still_not_read_and_is_converted_again(root, held_open, damage):
    convert_cache.store(KEY, graph(seed=1), "Tiny", DIGEST)
    entry = root / KEY
    held_open(entry / "model.bin")
    if damage == "model.bin changed":
        meta = meta_of()
        meta["sha256"]["model.bin"] = "0" * 64
        write_meta(meta)
    else:
        (entry / convert_cache.META).write_text("{")
        if damage.startswith("model.xml missing"):
            (entry / "model.xml").unlink()
        else:
            (entry / "model.xml").write_text("<net><layers>")
    assert convert_cache.load(KEY, DIGEST) is None  # not an error: the model is converted again
    stored = convert_cache.store(KEY, graph(), "Tiny", DIGEST)  # in memory; the entry waits for the file
    assert (stored["key"], stored["weights_sha256"]) == (KEY, DIGEST) and temps(root) == []


def test_discarding_and_pruning_entries_held_open_elsewhere_is_not_an_error(root, held_open):
    convert_cache.store(KEY, graph(), "Tiny", DIGEST)
    held_open(root / KEY / "model.bin")
    convert_cache.discard(KEY)  # failed its check while another instance runs it
    assert not (root / KEY / convert_cache.META).exists()  # what could go went
    convert_cache.store(OTHER_KEY, graph(), "Other", DIGEST)
    old = datetime.datetime.now().timestamp() - 1000
    os.utime(root / OTHER_KEY / convert_cache.META, (old, old))
    held_open(root / OTHER_KEY / "model.bin")
    newer = root / "newer"
    newer.mkdir()
    (newer / "weights.bin").write_bytes(b"x" * 100)
    (newer / convert_cache.META).write_text("{}")
    convert_cache.prune(limit=0)  # the old entry cannot go: the next one still does
    assert not newer.exists() and (root / OTHER_KEY / "model.bin").exists()
