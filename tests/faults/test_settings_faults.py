"""Damaged preferences and window settings: good fields are kept, each bad one falls back
to its default and is reported once (stderr for the command line, a notice in the
window), and nothing stops the app from starting."""

from __future__ import annotations

import json

import pytest

from engine import preferences
from engine.cli import main

pytestmark = pytest.mark.faults

GOOD = {"offline_weights_dirs": ["/labs/weights"], "default_model": "ResNet50", "top_k": 3,
        "resize_policy": "crop", "weights_mirror": "http://mirror.lab/keras/"}

# raw JSON text of one field -> the field it damages
BAD_FIELDS = {
    '"top_k": 1e400': "top_k",
    '"top_k": Infinity': "top_k",
    '"top_k": NaN': "top_k",
    '"top_k": "5"': "top_k",
    '"top_k": 0': "top_k",
    '"top_k": true': "top_k",
    '"weights_mirror": 5': "weights_mirror",
    '"weights_mirror": "ftp://x"': "weights_mirror",
    '"offline_weights_dirs": "abc"': "offline_weights_dirs",
    '"offline_weights_dirs": [1, 2]': "offline_weights_dirs",
    '"resize_policy": "zoom"': "resize_policy",
    '"default_model": null': "default_model",
    '"feature_cache_gb": 1e400': "feature_cache_gb",
    '"feature_cache_gb": -1': "feature_cache_gb",
    '"feature_cache_gb": "4"': "feature_cache_gb",
}


def _write(path, bad_field_json):
    good = {k: v for k, v in GOOD.items() if not bad_field_json.startswith(f'"{k}"')}
    text = json.dumps(good)[:-1] + ", " + bad_field_json + "}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


@pytest.mark.parametrize("bad", sorted(BAD_FIELDS))
def test_one_bad_field_keeps_every_other_field(tmp_path, bad):
    path = tmp_path / "preferences.json"
    _write(path, bad)
    prefs, problems = preferences.load_report(path)
    field = BAD_FIELDS[bad]
    assert getattr(prefs, field) == getattr(preferences.Preferences(), field)
    for k, v in GOOD.items():
        if k != field:
            assert getattr(prefs, k) == v, (k, getattr(prefs, k))
    assert len(problems) == 1 and f"'{field}'" in problems[0]


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", "\xff\xfe", "[" * 50000 + "]" * 50000])
def test_an_unreadable_file_gives_defaults_and_one_problem(tmp_path, text):
    path = tmp_path / "preferences.json"
    path.write_bytes(text.encode("latin-1"))
    prefs, problems = preferences.load_report(path)
    assert prefs == preferences.Preferences() and len(problems) == 1


def test_the_command_line_reports_bad_fields_once_on_stderr(home, capsys):
    _write(home / "preferences.json", '"top_k": 1e400')
    assert main(["cache", "info"]) == 0
    err = capsys.readouterr().err
    assert err.count("'top_k'") == 1 and err.startswith("warning:"), err


def test_saving_keeps_only_valid_values(tmp_path):
    path = tmp_path / "p.json"
    preferences.save(preferences.Preferences(top_k=float("inf"), offline_weights_dirs="abc"), path)
    prefs, problems = preferences.load_report(path)
    assert problems == [] and prefs.top_k == 5 and prefs.offline_weights_dirs == []


# -- the window -----------------------------------------------------------------------

@pytest.fixture
def qsettings_folder(tmp_path):
    pytest.importorskip("pytestqt")
    from gui.runtime import settings

    folder = tmp_path / "qsettings"
    settings.use_folder(str(folder))
    return folder


@pytest.mark.parametrize("value", ["hello", "@ByteArray(garbage)", "12", "@Variant(\\0\\0\\0\\x7f\\0\\0)"])
def test_damaged_window_settings_do_not_stop_the_window(qsettings_folder, qtbot, home, value):
    from gui.runtime import settings
    from gui.shell.main_window import MainWindow

    ini = qsettings_folder / settings.ORG / f"{settings.APP}.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(f"[window]\ngeometry={value}\nstate={value}\n\n[splitters]\ntrainSplitter={value}\n")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.isVisible() and win.preferences_notice is None
    win.close()


def test_the_window_shows_a_notice_for_bad_preferences(qsettings_folder, qtbot, home):
    from gui.shell.main_window import MainWindow

    _write(home / "preferences.json", '"offline_weights_dirs": "abc"')
    win = MainWindow()
    qtbot.addWidget(win)
    notice = win.preferences_notice
    assert notice is not None and notice.isVisible() and not notice.isModal()
    assert "offline_weights_dirs" in notice.text()
    assert win.controller.prefs.offline_weights_dirs == [] and win.controller.prefs.top_k == 3  # kept
    notice.close()
    win.close()
