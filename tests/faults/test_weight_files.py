"""Bad weight files under the exact Keras name, in every place weights are searched.

Each is reported with its path and what to do, skipped (never changed), and the next source
is used; the verification memo makes the second look free and notices any change."""

from __future__ import annotations

import os
import time

import pytest

from engine.weights import importing, locate, packs, verify
from engine.weights.packing import make_pack

from .weightfiles import demo_layers, isolate, register, write_legacy_h5

pytestmark = pytest.mark.faults
NAME = "demo_weights.h5"


@pytest.fixture
def env(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    good = write_legacy_h5(tmp_path / "good.h5", demo_layers()).read_bytes()
    return cache, tmp_path, good


def _bad(kind: str, good: bytes, tmp_path) -> bytes:
    if kind == "random":
        return os.urandom(len(good) // 3)
    if kind == "truncated":
        return good[: len(good) // 2]
    if kind == "empty":
        return b""
    if kind == "wrong-model":
        return write_legacy_h5(tmp_path / "other.h5", demo_layers(seed=1, width=32)).read_bytes()
    if kind == "wrong-layers":  # right arrays, one layer missing
        return write_legacy_h5(tmp_path / "fewer.h5", demo_layers()[:-1]).read_bytes()
    if kind == "damaged-btree":  # HDF5 from its first byte, one index node's signature overwritten
        at = good.find(b"TREE")
        return good[:at] + b"XXXX" + good[at + 4:]
    if kind == "nan-values":  # the right layout, values that are not numbers
        layers = demo_layers()
        layers[2][1][0][0, 0, 0, 0] = float("nan")
        return write_legacy_h5(tmp_path / "nan.h5", layers).read_bytes()
    raise ValueError(kind)


KINDS = {  # what the message must say, for a structure-only file (MobileNet's case)
    "random": "not an HDF5 file", "truncated": "truncated", "empty": "the file is empty",
    "wrong-model": "this model needs 5 layers", "wrong-layers": "holds 4 layers",
    "nan-values": "not finite", "damaged-btree": "random or damaged bytes",
}


@pytest.mark.parametrize("hashed", [True, False], ids=["keras-hash", "structure-only"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bad_file_in_the_cache_is_reported_skipped_and_left_alone(env, monkeypatch, kind, hashed):
    cache, tmp_path, good = env
    wf = register(monkeypatch, NAME, data=good, hashed=hashed, layers=None if hashed else demo_layers(), size=hashed)
    bad = _bad(kind, good, tmp_path)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(bad)
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / NAME).write_bytes(good)
    found = locate(wf, [lab], model="Demo")
    assert found.where == "offline" and found.path == lab / NAME
    [problem] = found.problems
    text = str(problem)
    assert str(cache / NAME) in text and "did not create it, so it was left alone" in text
    assert "weights download Demo" in text
    if hashed:
        assert ("bytes instead of" in text) or ("md5" in text)
    else:
        assert KINDS[kind] in text, text
    assert (cache / NAME).read_bytes() == bad  # never changed


def test_each_source_falls_through_to_the_next(env, monkeypatch):
    """imported -> cache -> offline folder -> pack from the environment, each one bad in turn."""
    cache, tmp_path, good = env
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=good, size=False)
    lab, pack_dir = tmp_path / "lab", tmp_path / "pack"
    lab.mkdir()
    (lab / NAME).write_bytes(good)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(good)
    make_pack(pack_dir, ["Demo"], [lab])
    monkeypatch.setenv(packs.ENV_PACKS, str(pack_dir))
    importing.import_file(tmp_path / "good.h5", wf, lambda p: None)
    assert locate(wf, [lab]).where == "imported"

    with open(importing.current(NAME).path, "r+b") as f:  # the import goes bad
        f.write(b"\0" * 64)
    found = locate(wf, [lab])
    assert found.where == "cache" and "weights remove" in str(found.problems[0])

    (cache / NAME).write_bytes(b"<html>503</html>")
    found = locate(wf, [lab])
    assert found.where == "offline" and "web page" in str(found.problems[1])

    (lab / NAME).write_bytes(good[:1000])
    found = locate(wf, [lab])
    assert found.where == "pack" and found.source == f"pack {pack_dir}" and len(found.problems) == 3
    assert "Replace it with a good copy" in str(found.problems[2])

    data = bytearray((pack_dir / NAME).read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte: the pack's sha256 catches it
    (pack_dir / NAME).write_bytes(bytes(data))
    found = locate(wf, [lab])
    assert found.where == "missing" and len(found.problems) == 4
    assert "sha256" in str(found.problems[3]) and "in the pack's manifest" in str(found.problems[3])


def test_memo_makes_the_second_look_free_and_notices_changes(env, monkeypatch):
    cache, tmp_path, good = env
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=good, size=False)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(good)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / NAME).write_bytes(b"junk")

    def work():
        return verify.STATS["digests"] + verify.STATS["structures"]

    before = work()
    assert locate(wf).verdict.ok
    first = work() - before
    verify.forget_memo()  # as a new process: read from the memo file
    before = work()
    for _ in range(3):
        assert locate(wf).where == "cache"
    assert first >= 2 and work() == before

    path = cache / NAME
    st = path.stat()
    data = bytearray(good)
    data[-100] ^= 0x01  # same size ...
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... and the same mtime
    assert path.stat().st_mtime_ns == st.st_mtime_ns and path.stat().st_size == st.st_size
    before = work()
    locate(wf)
    assert work() > before  # the ctime moved: checked again


def test_memo_file_is_small_json_and_survives_garbage(env, monkeypatch):
    cache, tmp_path, good = env
    wf = register(monkeypatch, NAME, data=good)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(good)
    verify.memo_file().parent.mkdir(parents=True, exist_ok=True)
    verify.memo_file().write_text("{not json")
    verify.forget_memo()
    assert locate(wf).verdict.ok
    import json

    data = json.loads(verify.memo_file().read_text())
    assert list(data["files"]) == [str(cache / NAME)]


def test_stale_part_files_of_dead_downloads_are_removed_at_start(env, monkeypatch):
    import subprocess
    import sys

    cache, tmp_path, good = env
    wf = register(monkeypatch, NAME, data=good)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    cache.mkdir(parents=True)
    stale = cache / f".{NAME}.{pid}.abc123.part"
    live = cache / f".{NAME}.{os.getpid()}.def456.part"
    mine = cache / "notes.part"
    for p in (stale, live, mine):
        p.write_bytes(b"x")
    time.sleep(0.01)
    locate(wf)
    assert not stale.exists() and live.exists() and mine.exists()
