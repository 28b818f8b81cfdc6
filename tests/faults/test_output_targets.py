"""Every output option of every command, pointed at what it must never write: one of the
inputs, a file of the user's that is not of the kind being written, a folder, ``/``, a
device, a name longer than the file system allows, a folder that does not exist.  Each is
refused before any model is loaded (the test fails if one is), with a message naming the
option, and every file is still there byte for byte.  A name of 250 characters works; an
earlier output of the app is replaced; ``--overwrite`` replaces a foreign file, never an input."""

from __future__ import annotations

import os

import numpy as np
import pytest

from engine.cli import main

from .hostile import jpeg_bytes

pytestmark = pytest.mark.faults
MODEL = ["--model", "MobileNet", "--alpha", "0.25", "--input-size", "32", "--weights", "none"]
TINY = [*MODEL, "--backend", "keras"]


@pytest.fixture
def world(tmp_path, home, monkeypatch):
    """Photos, a thesis, a folder; and a model load that fails the test if it happens."""
    from engine.predict import Predictor

    (tmp_path / "a.png").write_bytes(jpeg_bytes((32, 32)))
    (tmp_path / "b.jpg").write_bytes(jpeg_bytes((32, 32), (0, 200, 0)))
    (tmp_path / "thesis.txt").write_text("chapter 1")
    (tmp_path / "folder.csv").mkdir()
    monkeypatch.chdir(tmp_path)

    def no_load(*a, **k):
        raise AssertionError("a model was loaded before the output was checked")

    monkeypatch.setattr(Predictor, "load", no_load)
    return tmp_path


def _snapshot(folder):
    return {p: (p.read_bytes() if p.is_file() else None) for p in folder.rglob("*")}


# option -> the command line with TARGET (and its inputs a.png / b.jpg)
COMMANDS = {
    "predict --csv": ["predict", "a.png", "b.jpg", *TINY, "--csv", "TARGET"],
    "predict --out": ["predict", "a.png", "b.jpg", *TINY, "--out", "TARGET"],
    "explain --out": ["explain", "a.png", *TINY, "--out", "TARGET"],
    "explain --npy": ["explain", "a.png", *TINY, "--out", "fresh.png", "--npy", "TARGET"],
    "explain --json": ["explain", "a.png", *TINY, "--out", "fresh.png", "--json", "TARGET"],
    "activations --out": ["activations", "a.png", *MODEL, "--layer", "conv1", "--out", "TARGET"],
    "filters --out": ["filters", *MODEL, "--layer", "conv1", "--out", "TARGET"],
}
LONG = "n" * 300 + ".csv"
TARGETS = {  # name -> (target, words of the refusal)
    "an input": ("a.png", "one of the inputs"),
    "a foreign file": ("thesis.txt", "not"),
    "a folder": ("folder.csv", "folder"),
    "the root": ("/", "folder"),
    "a trailing slash": ("new/", "folder"),
    "a device": ("/dev/null", "not a regular file"),
    "a name too long": (LONG, "longer than this file system allows"),
    "a missing folder": ("nowhere/x.csv", "does not exist"),
}


@pytest.mark.parametrize("target", sorted(TARGETS))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_output_that_would_destroy_something_is_refused_before_any_work(world, capsys, command, target):
    path, words = TARGETS[target]
    if command == "predict --out" and target == "a foreign file":
        path = "thesis.csv"
        (world / path).write_text("my own table, not the app's\n1,2,3\n")
    if target == "an input" and command == "predict --csv":
        path = "b.jpg"  # the case: the second photo
    if target == "an input" and command == "filters --out":
        words = "not"  # filters reads no image: a.png is just a file of the user's
    before = _snapshot(world)
    code = main([a if a != "TARGET" else path for a in COMMANDS[command]])
    err = capsys.readouterr().err
    assert code == 1 and words in err and "Traceback" not in err, err
    assert _snapshot(world) == before


def test_an_input_found_in_a_folder_is_never_the_output(world, capsys):
    code = main(["predict", ".", *TINY, "--csv", "b.jpg", "--overwrite"])
    err = capsys.readouterr().err
    assert code == 1 and "one of the inputs" in err
    (world / "link.png").symlink_to(world / "a.png")  # the same file under another name
    assert main(["explain", "a.png", *TINY, "--out", "link.png", "--overwrite"]) == 1
    assert (world / "a.png").read_bytes() == jpeg_bytes((32, 32))


def test_two_outputs_of_one_command_may_not_be_the_same_file(world, capsys):
    assert main(["explain", "a.png", *TINY, "--out", "x.png", "--npy", "x.png"]) == 1
    assert "another output" in capsys.readouterr().err


def test_a_weights_pack_goes_nowhere_it_must_not(world, capsys):
    (world / "afile").write_text("x")
    for target, words in (("/", "root folder"), ("afile/pack", "is not a folder"), ("n" * 300, "longer")):
        assert main(["weights", "pack", target]) == 1
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err, err


def test_train_outputs_that_are_an_input_or_too_long_are_refused_before_training(world, capsys):
    for cls in ("cat", "dog"):
        (world / "data" / cls).mkdir(parents=True)
        (world / "data" / cls / "1.jpg").write_bytes(jpeg_bytes((32, 32)))
    base = ["train", "data", "--model", "MobileNet", "--alpha", "0.25", "--input-size", "32", "--weights", "none"]
    for extra, words in ((["--out", "/"], "root folder"), (["--out", "n" * 300], "longer"),
                         (["--out", "thesis.txt/m"], "is not a folder"), (["--export", "/"], "root folder")):
        assert main(base + extra) == 1
        err = capsys.readouterr().err
        assert words in err and "epoch" not in err, err


# -- what must work ----------------------------------------------------------------------

@pytest.fixture
def run_world(tmp_path, home, monkeypatch):
    (tmp_path / "a.png").write_bytes(jpeg_bytes((32, 32)))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_250_character_name_works_and_an_earlier_output_is_replaced(run_world, capsys):
    name = "r" * 246 + ".csv"
    assert len(name) == 250
    assert main(["predict", "a.png", *TINY, "--csv", name]) == 0
    first = (run_world / name).read_text()
    assert first.startswith("file,model,top1")
    assert main(["predict", "a.png", *TINY, "--out", name]) == 0  # ours: replaced without --overwrite
    assert (run_world / name).read_text().splitlines()[0] == first.splitlines()[0]
    png, npy = "p" * 246 + ".png", "q" * 246 + ".npy"
    assert main(["explain", "a.png", *TINY, "--out", png, "--npy", npy]) == 0
    assert np.load(run_world / npy).ndim == 2
    assert main(["explain", "a.png", *TINY, "--out", png, "--npy", npy]) == 0  # both ours: replaced
    assert not [p for p in os.listdir(run_world) if p.startswith(".")]  # no temp left behind


def test_overwrite_replaces_a_foreign_file_but_never_an_input(run_world, capsys):
    (run_world / "old.png").write_bytes(jpeg_bytes((8, 8)))  # the user's image, not the app's
    assert main(["explain", "a.png", *TINY, "--out", "old.png"]) == 1
    assert main(["explain", "a.png", *TINY, "--out", "old.png", "--overwrite"]) == 0
    assert (run_world / "old.png").read_bytes().startswith(b"\x89PNG")
    assert main(["explain", "a.png", *TINY, "--out", "a.png", "--overwrite"]) == 1
    assert (run_world / "a.png").read_bytes() == jpeg_bytes((32, 32))


def test_temp_names_stay_short_for_any_name_that_fits():
    from pathlib import Path

    from engine import fileio

    for name in ("x" * 250 + ".csv", "é" * 125 + ".csv", "a" * 255, "plain.csv"):
        tmp = fileio._temp_name(Path("/d") / name, ".part.csv")
        assert len(os.fsencode(tmp)) <= 255 and fileio.is_temp_name(tmp), tmp
        assert tmp.endswith(".part.csv")
