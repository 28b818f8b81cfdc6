"""The next start removes what killed writers left in the app's folders — and nothing
else: not a live process's temp file, not the user's files that look similar."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from engine import housekeeping, paths
from engine.train import features

pytestmark = pytest.mark.faults


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_tidy_removes_dead_writers_temps_in_every_app_folder(home):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # another live writer
    try:
        _tidy_keeps_live_writers(home, other.pid)
    finally:
        other.kill()
        other.wait()


def _tidy_keeps_live_writers(home, other_pid: int) -> None:
    dead, alive = _dead_pid(), os.getpid()
    models, cache = paths.user_models_dir(), features.cache_root() / ("ab" * 12)
    for folder in (home, models, cache):
        folder.mkdir(parents=True, exist_ok=True)
    stale = [models / f".mine.{dead}.k3j_x.tmpdir", models / f"..mine.checkpoint.keras.{dead}.zz9.part.keras",
             cache / f".{'0' * 64}.npy.{dead}.q1.part", home / f".preferences.json.{dead}.r2.part"]
    live = [models / f".other.{alive}.a1.tmpdir", cache / f".{'1' * 64}.npy.{alive}.b2.part",
            models / f".another.{other_pid}.c3.tmpdir", home / f".preferences.json.{other_pid}.d4.part"]
    users = [models / "holiday.2024.jpg.part", models / ".hidden-notes", models / f"notes.{dead}.tmpdir"]
    for p in stale + live + users:
        p.mkdir() if p.name.endswith("tmpdir") else p.write_text("x")
    (stale[0] / "model.keras").write_text("half")
    removed = housekeeping.tidy()
    assert sorted(removed) == sorted(stale)
    assert all(p.exists() for p in live + users)


def test_tidy_never_raises(home, monkeypatch):
    monkeypatch.setattr(housekeeping, "EXTRA_FOLDERS", [lambda: 1 / 0])
    home.mkdir(parents=True, exist_ok=True)
    assert housekeeping.tidy() == []
