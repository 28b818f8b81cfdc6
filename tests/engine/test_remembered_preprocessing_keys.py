"""The remembered preprocessing of a model file, key part by part: the choice is reused only
for the same path, size and modification time — another file of the same size and time, the
file grown, or the file touched each ask again — and nothing changed reuses it."""

from __future__ import annotations

import os

import pytest

from engine.sources import remembered


@pytest.fixture
def model(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    path = tmp_path / "keras_model.h5"
    path.write_bytes(b"model one")
    os.utime(path, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    return path


def test_nothing_changed_reuses_the_choice(model):
    remembered.remember(model, "mobilenet")
    assert remembered.preprocessing(model) == "mobilenet"
    assert remembered.preprocessing(str(model)) == "mobilenet"
    os.chmod(model, 0o600)  # metadata only: the file is the same
    assert remembered.preprocessing(model) == "mobilenet"


@pytest.mark.parametrize("part", ["path", "size", "mtime"])
def test_each_part_alone_asks_again(model, part, tmp_path):
    remembered.remember(model, "mobilenet")
    st = model.stat()
    if part == "path":
        other = tmp_path / "other" / model.name
        other.parent.mkdir()
        other.write_bytes(model.read_bytes())
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert remembered.preprocessing(other) is None
        return
    if part == "size":
        model.write_bytes(b"model two, larger")
        os.utime(model, ns=(st.st_atime_ns, st.st_mtime_ns))
    else:
        os.utime(model, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert remembered.preprocessing(model) is None
    assert remembered.recent() == []  # a replaced file is not offered again either


def test_a_path_holding_the_separator_is_listed_and_forgotten_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    odd = tmp_path / "a|b" / "m.keras"
    odd.parent.mkdir()
    odd.write_bytes(b"x")
    remembered.remember(odd, "none")
    assert remembered.recent() == [(str(odd), "none")]
    assert remembered.forget(odd) == 1 and remembered.recent() == []


def test_the_oldest_entries_go_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(remembered, "MAX_ENTRIES", 2)
    clock = iter(range(100, 200))
    monkeypatch.setattr(remembered.time, "time", lambda: next(clock))
    files = []
    for i in range(3):
        files.append(tmp_path / f"m{i}.keras")
        files[-1].write_bytes(b"x" * (i + 1))
        remembered.remember(files[-1], "none")
    assert [p for p, _ in remembered.recent()] == [str(files[2]), str(files[1])]
    assert remembered.preprocessing(files[0]) is None
