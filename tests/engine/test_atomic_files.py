"""engine.fileio: atomic writes, temp names, the removal of dead writers' temps, hashing copies.

A user loses data if an atomic write leaves a half file, if a temp name is too long for the
file system, if a live writer's temp (or a file of the user's) is removed as stale, or if a
copy's hash is not the hash of the bytes copied.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from engine import fileio
from engine.jobs import CancelToken, Cancelled


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- names -------------------------------------------------------------------------------

def test_a_name_that_fits_is_kept_and_one_byte_over_is_clipped_in_the_middle():
    name = "a" * 40 + "-the-end-kept.csv"
    assert fileio.clipped(name, len(name)) == name
    clipped = fileio.clipped(name, len(name) - 1)
    assert len(clipped) == len(name) - 1  # as long as the room allows, not shorter
    assert clipped == name[:len(name) - 18] + "~" + name[-16:]


def test_clipping_counts_bytes_not_characters():
    name = "é" * 100 + "0123456789abcdef"  # 216 bytes, 116 characters
    clipped = fileio.clipped(name, 101)
    assert len(os.fsencode(clipped)) <= 101
    assert clipped == "é" * 42 + "~" + "0123456789abcdef"  # 84 + 1 + 16 bytes: the most that fit


def test_a_room_smaller_than_the_kept_end_keeps_the_last_bytes_only():
    name = "x" * 30 + "ABCDEFGHIJKLMNOP"
    assert fileio.clipped(name, 5) == "LMNOP"
    assert fileio.clipped(name, 17) == "ABCDEFGHIJKLMNOP"  # "~" + 16 would need 17: no head fits
    assert fileio.clipped(name, 18) == "x~ABCDEFGHIJKLMNOP"
    assert fileio.clipped(name, 0) == "P"


def test_temp_names_carry_the_pid_and_fit_beside_a_name_at_the_limit(tmp_path):
    for length in (10, 200, 250, 255):
        target = tmp_path / ("n" * (length - 4) + ".csv")
        name = fileio._temp_name(target, ".part.csv")
        assert len(os.fsencode(name)) <= fileio.NAME_MAX
        assert name.startswith(".n") and name.endswith(".part.csv")
        assert f".{os.getpid()}." in name
        assert fileio.is_temp_name(name)
        if length >= 250:  # clipped: as much of the name kept as the limit allows
            assert len(os.fsencode(name)) == fileio.NAME_MAX
    short = fileio._temp_name(tmp_path / "r.csv", ".tmpdir")
    assert short.startswith(".r.csv.") and short.endswith(".tmpdir")
    random_part = short[len(f".r.csv.{os.getpid()}."):-len(".tmpdir")]
    assert len(random_part) == 8 and int(random_part, 16) >= 0
    assert fileio._temp_name(tmp_path / "r.csv", ".tmpdir") != short  # a new random part each time


def test_which_names_are_temp_names():
    assert fileio.is_temp_name(".r.csv.123.ab12.part")
    assert fileio.is_temp_name(".r.csv.123.ab12.part.csv")
    assert fileio.is_temp_name(".model.123.ab12.tmpdir")
    assert not fileio.is_temp_name("r.csv.123.ab12.part")  # not hidden
    assert not fileio.is_temp_name(".r.csv.abc.ab12.part")  # no pid
    assert not fileio.is_temp_name(".r.csv.123.ab12.partial")
    assert not fileio.is_temp_name("notes.txt")


# --- atomic writes ---------------------------------------------------------------------

def test_a_clash_of_temp_names_takes_another_name_and_never_touches_the_existing_file(tmp_path, monkeypatch):
    tokens = iter(["aaaa0000", "aaaa0000", "bbbb1111"])
    monkeypatch.setattr(fileio.secrets, "token_hex", lambda n: next(tokens))
    target = tmp_path / "r.csv"
    first = fileio._unique_temp(target, ".part", fileio._new_file)
    first.write_bytes(b"someone else's bytes")
    second = fileio._unique_temp(target, ".part", fileio._new_file)
    assert second != first and second.name.endswith(".bbbb1111.part")
    assert first.read_bytes() == b"someone else's bytes"
    assert second.read_bytes() == b""


def test_after_a_hundred_clashes_it_gives_up_with_the_target_named(tmp_path, monkeypatch):
    calls = []

    def always_taken(path):
        calls.append(path)
        raise FileExistsError(path)

    with pytest.raises(FileExistsError, match="r.csv"):
        fileio._unique_temp(tmp_path / "r.csv", ".part", always_taken)
    assert len(calls) == 100


def test_atomic_path_replaces_the_target_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "deeper" / "r.csv"
    with fileio.atomic_path(target, suffix=".csv") as tmp:
        assert tmp.parent == target.parent and tmp.exists() and tmp.name.endswith(".part.csv")
        assert not target.exists()
        tmp.write_text("new")
    assert target.read_text() == "new"
    with pytest.raises(RuntimeError):
        with fileio.atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("failed half way")
    assert target.read_text() == "new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["r.csv"]


def test_files_and_folders_get_the_users_usual_mode(tmp_path):
    old = os.umask(0o022)
    try:
        fileio.write_text(tmp_path / "a.txt", "x")
        folder = fileio.temp_dir_beside(tmp_path / "sub" / "model")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert folder.is_dir() and folder.parent == tmp_path / "sub"
    assert folder.stat().st_mode & 0o777 == 0o755
    assert folder.name.startswith(".model.") and folder.name.endswith(".tmpdir")
    assert fileio.is_temp_name(folder.name)


def test_write_json_and_text_write_exactly_these_bytes(tmp_path):
    fileio.write_json(tmp_path / "a.json", {"b": [1, 2], "a": "é"})
    assert (tmp_path / "a.json").read_bytes() == b'{\n  "a": "\\u00e9",\n  "b": [\n    1,\n    2\n  ]\n}\n'
    assert json.loads((tmp_path / "a.json").read_text()) == {"a": "é", "b": [1, 2]}
    fileio.write_text(tmp_path / "t.txt", "Ünïcode")
    assert (tmp_path / "t.txt").read_bytes() == "Ünïcode".encode("utf-8")
    fileio.write_bytes(tmp_path / "b.bin", b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"


# --- dead writers' temps ---------------------------------------------------------------

def test_pid_alive_for_this_process_a_dead_one_and_ones_it_may_not_signal(monkeypatch):
    dead = _dead_pid()
    assert fileio._pid_alive(os.getpid())
    assert not fileio._pid_alive(dead)

    def refuse(error):
        def kill(pid, sig):
            assert sig == 0  # only asks whether it exists
            raise error
        return kill

    monkeypatch.setattr(fileio.os, "kill", refuse(PermissionError()))
    assert fileio._pid_alive(dead)
    monkeypatch.setattr(fileio.os, "kill", refuse(OSError(22, "invalid")))
    assert fileio._pid_alive(dead)


def test_only_the_temps_of_dead_writers_are_removed(tmp_path):
    dead, live = _dead_pid(), os.getpid()
    stale_file = tmp_path / f".r.csv.{dead}.ab12.part.csv"
    stale_dir = tmp_path / f".model.{dead}.ab12.tmpdir"
    live_file = tmp_path / f".r.csv.{live}.ab12.part"
    users = [tmp_path / "r.csv", tmp_path / f"r.csv.{dead}.ab12.part", tmp_path / f".notes.{dead}.txt"]
    for p in [stale_file, live_file, *users]:
        p.write_text("x")
    (stale_dir / "inner").mkdir(parents=True)
    (stale_dir / "inner" / "w.h5").write_text("w")
    assert fileio.is_stale_temp(stale_file) and not fileio.is_stale_temp(live_file)
    assert not fileio.is_stale_temp(users[1])
    removed = fileio.remove_stale_temps(tmp_path)
    assert sorted(removed) == sorted([stale_file, stale_dir])
    assert sorted(tmp_path.iterdir()) == sorted([live_file, *users])


def test_a_stale_link_to_a_folder_is_unlinked_and_the_folder_kept(tmp_path):
    kept = tmp_path / "users_folder"
    (kept / "sub").mkdir(parents=True)
    (kept / "sub" / "photo.jpg").write_text("p")
    link = tmp_path / f".model.{_dead_pid()}.ab12.tmpdir"
    link.symlink_to(kept, target_is_directory=True)
    assert fileio.remove_stale_temps(tmp_path) == [link]
    assert not os.path.lexists(link)
    assert (kept / "sub" / "photo.jpg").read_text() == "p"


def test_a_temp_that_cannot_be_removed_is_skipped_and_the_others_still_go(tmp_path, monkeypatch):
    dead = _dead_pid()
    a = tmp_path / f".a.{dead}.ab12.part"
    b = tmp_path / f".b.{dead}.ab12.part"
    a.write_text("a")
    b.write_text("b")
    real_unlink = Path.unlink

    def unlink(self, *args, **kwargs):
        if self.name == a.name:
            raise PermissionError(13, "denied")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert fileio.remove_stale_temps(tmp_path) == [b]
    assert a.exists() and not b.exists()
    assert fileio.remove_stale_temps(tmp_path / "missing") == []
    (tmp_path / "a_file").write_text("f")
    assert fileio.remove_stale_temps(tmp_path / "a_file") == []


# --- hashes ---------------------------------------------------------------------------

def _bytes(n: int) -> bytes:
    return (bytes(range(251)) * (n // 251 + 1))[:n]  # 251: no chunk repeats another


def test_sha256_of_and_copy_hashed_hash_every_chunk(tmp_path):
    data = _bytes((1 << 20) * 2 + 12345)  # three chunks, the last one short
    src = tmp_path / "src.bin"
    src.write_bytes(data)
    expected = hashlib.sha256(data).hexdigest()
    assert fileio.sha256_of(src) == expected
    assert fileio.copy_hashed(src, tmp_path / "dst.bin") == (expected, len(data))
    assert (tmp_path / "dst.bin").read_bytes() == data
    (tmp_path / "empty").write_bytes(b"")
    assert fileio.sha256_of(tmp_path / "empty") == hashlib.sha256(b"").hexdigest()
    assert fileio.copy_hashed(tmp_path / "empty", tmp_path / "e2") == (hashlib.sha256(b"").hexdigest(), 0)


def test_a_copy_stops_between_chunks_when_cancelled(tmp_path):
    src = tmp_path / "src.bin"
    src.write_bytes(_bytes((1 << 20) * 3))

    class CancelAfterFirstChunk(CancelToken):
        calls = 0

        def raise_if_cancelled(self):
            self.calls += 1
            if self.calls > 1:
                raise Cancelled()

    token = CancelAfterFirstChunk()
    with pytest.raises(Cancelled):
        fileio.copy_hashed(src, tmp_path / "dst.bin", cancel=token)
    assert (tmp_path / "dst.bin").stat().st_size == 1 << 20
    stopped = CancelToken()
    stopped.cancel()
    with pytest.raises(Cancelled):
        fileio.copy_hashed(src, tmp_path / "d2.bin", cancel=stopped)


def test_hashing_a_large_file_holds_one_chunk_at_a_time_not_the_file(tmp_path):
    """Weight files exceed 1 GiB: the hash must never read a whole file into memory."""
    src = tmp_path / "big.bin"
    src.write_bytes(_bytes(8 << 20))
    tracemalloc.start()
    try:
        digest = fileio.sha256_of(src)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest == hashlib.sha256(src.read_bytes()).hexdigest()
    assert peak < 3 << 20  # two 1 MiB chunks at most (the next read before the last is let go)


def test_an_atomic_write_makes_missing_folders_and_names_its_temp_dot_part(tmp_path):
    """A result saved into a folder that does not exist yet (``out/run 3/``) gets its folders;
    the temp beside it ends in ``.part`` (plus the suffix asked for, nothing else), so a user who
    sees it mid-write can tell it is unfinished."""
    target = tmp_path / "out" / "run 3" / "scores.csv"
    with fileio.atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.name.endswith(".part") and not tmp.name.endswith("X.part")
        tmp.write_text("ok")
    assert target.read_text() == "ok"
    with fileio.atomic_path(tmp_path / "a" / "b.parquet", suffix=".parquet") as tmp:
        assert tmp.name.endswith(".part.parquet")
        tmp.write_text("x")
