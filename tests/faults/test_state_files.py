"""Every state file the app reads from its own folders, replaced by something that is not a
file of JSON: a FIFO (a plain open waits for a writer forever), a link to /dev/zero (stat says
0 bytes, a read never ends), a socket, a folder, JSON nested 100,000 deep, bytes that are not
UTF-8.  Each reader must return at once with its defaults, say so, and set the entry aside
(``NAME.unreadable-TIME``) so the next write starts afresh — never hang, never crash."""

from __future__ import annotations

import os
import socket
import threading

import pytest

from engine import paths, preferences, safefiles

pytestmark = pytest.mark.faults


def _fifo(p):
    os.mkfifo(p)


def _dev_zero(p):
    p.symlink_to("/dev/zero")


def _socket(p):
    s = socket.socket(socket.AF_UNIX)
    cwd = os.getcwd()
    os.chdir(p.parent)  # a socket's path is limited to ~100 bytes: bind by its name alone
    try:
        s.bind(p.name)
    finally:
        os.chdir(cwd)
    return s  # kept open for the test


def _folder(p):
    p.mkdir()
    (p / "inside.txt").write_text("x")


def _deep(p):
    p.write_text("[" * 100_000)


def _not_utf8(p):
    p.write_bytes(b'{"a": "\xff\xfe"}')


KINDS = {"FIFO": _fifo, "/dev/zero link": _dev_zero, "socket": _socket, "folder": _folder,
         "deep JSON": _deep, "not UTF-8": _not_utf8}


def _run(fn, timeout=15):
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the app hung on the file"
    if "error" in box:
        raise box["error"]
    return box.get("value")


# name -> (path of the state file, read it the way the app does, what the defaults look like)
def _verify_memo():
    from engine.weights import verify

    verify.forget_memo()
    return verify._load()


def _imports():
    from engine.weights import importing

    return importing.current("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5")


def _derived():
    from engine.weights import notop, manifest

    return notop.recorded(manifest.WeightsFile("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5", ""))


def _ledger():
    from engine.weights import ledger

    return ledger.app_created(paths.keras_models_cache() / "x.h5")


def _model_files():
    from engine.sources import remembered

    return remembered.recent()


def _benchmarks():
    from engine.compare import bench

    return bench.load_records()


STATE_FILES = {
    "preferences.json": (lambda: paths.preferences_file(), lambda: preferences.load(), preferences.Preferences()),
    "weights-verified.json": (lambda: paths.user_data_dir() / "weights-verified.json", _verify_memo, {}),
    "imports.json": (lambda: paths.user_data_dir() / "weights" / "imports.json", _imports, None),
    "derived.json": (lambda: paths.user_data_dir() / "weights" / "derived" / "derived.json", _derived, None),
    "weights-downloaded.json": (lambda: paths.user_data_dir() / "weights-downloaded.json", _ledger, False),
    "model_files.json": (lambda: paths.user_data_dir() / "model_files.json", _model_files, []),
    "benchmarks.json": (lambda: paths.user_data_dir() / "benchmarks.json", _benchmarks, []),
}


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("name", sorted(STATE_FILES))
def test_a_state_file_that_is_not_json_gives_defaults_says_so_and_is_set_aside(home, name, kind):
    where, read, default = STATE_FILES[name]
    path = where()
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = KINDS[kind](path)
    try:
        got = _run(read)
    finally:
        if keep is not None:
            keep.close()
    assert got == default
    said = safefiles.notices() + preferences.load_report(path)[1]
    assert any(name in s or "preferences file" in s for s in said), said
    aside = [p.name for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.unreadable-")]
    assert len(aside) == 1 and not os.path.lexists(path), sorted(os.listdir(path.parent))
    assert _run(read) == default and safefiles.notices() == []  # said once, not on every read


def test_a_good_state_file_is_read_and_nothing_is_set_aside(home):
    path = paths.preferences_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"top_k": 7}')
    assert preferences.load().top_k == 7
    assert os.listdir(path.parent) == ["preferences.json"] and safefiles.notices() == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_every_command_starts_when_preferences_is_a_fifo(home, capsys):
    from engine.cli import main

    home.mkdir()
    os.mkfifo(home / "preferences.json")
    assert _run(lambda: main(["cache", "info"])) == 0
    err = capsys.readouterr().err
    assert err.count("preferences file") == 1 and "named pipe" in err and "set aside" in err, err
    assert "Traceback" not in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_import_record_pointing_outside_the_app_is_not_used_for_removal(home, tmp_path):
    """A hand-edited imports.json must not make `weights remove` delete a file elsewhere."""
    import json

    from engine.weights import importing
    from engine.weights.manifest import WeightsFile

    victim = tmp_path / "thesis.tex"
    victim.write_text("chapter 1")
    row = {"filename": "w.h5", "file": os.path.relpath(victim, importing.imported_dir()), "sha256": "0" * 64,
           "size": 9, "format": "legacy", "source": "/x", "imported_at": "2026-01-01T00:00:00", "model": ""}
    importing.imported_dir().mkdir(parents=True)
    (importing.imported_dir() / "imports.json").write_text(json.dumps({"version": 1, "imports": {"w.h5": {
        "current": row}}}))
    assert importing.current("w.h5") is None
    with pytest.raises(Exception, match="No weights were imported"):
        importing.remove(WeightsFile("w.h5", ""))
    assert victim.read_text() == "chapter 1"


# -- files the app reads from folders it does not own: refused with a message, never moved ---------

@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_pack_manifest_that_is_not_json_makes_the_pack_unusable_not_a_hang(tmp_path, kind):
    from engine.weights import packs

    folder = tmp_path / "pack"
    folder.mkdir()
    keep = KINDS[kind](folder / packs.PACK_MANIFEST)
    try:
        pack = _run(lambda: packs.read_pack(folder))
    finally:
        if keep is not None:
            keep.close()
    assert pack.error and not pack.files
    assert os.path.lexists(folder / packs.PACK_MANIFEST)  # the user's pack: reported, left as it is


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_bundle_metadata_or_export_marker_that_is_not_json_is_refused_with_a_message(tmp_path, kind):
    from engine.errors import StudioError
    from engine.sources import bundle_checks
    from engine.train import export

    folder = tmp_path / "bundle"
    folder.mkdir()
    keep = KINDS[kind](folder / "metadata.json")
    try:
        with pytest.raises(StudioError, match="metadata.json"):
            _run(lambda: bundle_checks.read_metadata(folder / "metadata.json"))
        (folder / "export.json").symlink_to(folder / "metadata.json")
        assert _run(lambda: export.is_export(folder)) is False
    finally:
        if keep is not None:
            keep.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["FIFO", "/dev/zero link", "socket", "folder"])
def test_the_window_settings_file_is_set_aside_before_qt_reads_it(tmp_path, kind):
    """Qt reads the settings file itself, in C++: a FIFO there would hang the window's start."""
    pytest.importorskip("PySide6")
    from gui.runtime import settings

    settings.use_folder(str(tmp_path / "qs"))
    ini = settings.ini_path()
    ini.parent.mkdir(parents=True)
    keep = KINDS[kind](ini)
    try:
        assert _run(lambda: settings.load_json("picker/model", "none")) == "none"
    finally:
        if keep is not None:
            keep.close()
    assert not os.path.lexists(ini) and any(p.name.startswith(ini.name + ".unreadable-") for p in ini.parent.iterdir())
    assert any("window settings" in n for n in safefiles.notices())
