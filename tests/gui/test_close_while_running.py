"""Closing the window while work runs asks first: a training run keeps its best epoch so far
(saved as the trained model before the window closes), is discarded, or keeps training; a
folder batch saves its results so far or is discarded; a download stops.  Each test closes the
window mid-run, as a student's stray click on the close button does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from engine.train import bundle
from gui.shell.closing import DISCARD, KEEP, SAVE, STAY, STOP


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "shapes"
    for c, col in {"red": (200, 30, 30), "blue": (30, 30, 200)}.items():
        (data / c).mkdir(parents=True)
        for i in range(6):
            Image.new("RGB", (40, 40), tuple(v + 3 * i for v in col)).save(data / c / f"{i}.png")
    return data


def _models_dir() -> Path:
    return Path(os.environ["PRETRAINED_STUDIO_HOME"]) / "models"


def _start_long_training(window, qtbot, shapes, epochs_before_close: int = 2):
    panel, tc = window.train_panel, window.trainer
    window.tabs.setCurrentWidget(panel)
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    panel.mode.setCurrentIndex(panel.mode.findData("extract"))
    panel.epochs.setValue(1000)  # head epochs take milliseconds: the run is still going when the window closes
    panel.patience.setValue(0)
    panel.start.click()
    qtbot.waitUntil(lambda: len(tc.epochs_seen) >= epochs_before_close, timeout=240_000)


def _close_and_get_question(window, qtbot):
    with qtbot.waitSignal(window.close_guard.asked, timeout=5_000) as got:
        window.close()
    question = got.args[0]
    assert window.isVisible() and question.isVisible()  # nothing stopped yet: the question comes first
    return question


def test_closing_during_training_asks_and_keeps_the_best_epoch(window, qtbot, shapes):
    tc = window.trainer
    _start_long_training(window, qtbot, shapes)
    question = _close_and_get_question(window, qtbot)
    assert question.kind == "training" and set(question.buttons_by_choice) == {KEEP, DISCARD, STAY}
    assert question.defaultButton() is question.buttons_by_choice[STAY]  # Enter loses nothing
    seen = len(tc.epochs_seen)
    question.answer(STAY)
    qtbot.waitUntil(lambda: len(tc.epochs_seen) > seen + 2, timeout=60_000)  # it kept training
    assert window.isVisible() and tc.is_training()

    question = _close_and_get_question(window, qtbot)
    question.answer(KEEP)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=240_000)
    saved = [Path(folder) for _, folder in bundle.user_models()]
    assert len(saved) == 1 and (saved[0] / "model.keras").is_file()
    meta = bundle.load(saved[0])[1]
    assert meta["class_names"] == ["blue", "red"] and tc.adopted_epoch >= 1  # the best epoch became the model
    assert len(meta["history"]["loss"]) == tc.adopted_epoch
    assert sorted(p.name for p in _models_dir().iterdir()) == [saved[0].name]  # no checkpoint left behind


def test_closing_during_training_can_discard_the_run(window, qtbot, shapes):
    _start_long_training(window, qtbot, shapes)
    _close_and_get_question(window, qtbot).answer(DISCARD)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=120_000)
    assert bundle.user_models() == [] and not list(_models_dir().iterdir())  # nothing kept, no checkpoint


def test_closing_during_a_folder_batch_can_save_the_results_so_far(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(800):
        Image.new("RGB", (24, 24), (i % 255, 80, 160)).save(folder / f"{i}.png")
    c = window.controller
    window.tabs.setCurrentWidget(window.batch_panel)
    c.open_paths([str(folder)])
    qtbot.waitUntil(lambda: window.batch_panel.row_count() >= 1, timeout=120_000)
    question = _close_and_get_question(window, qtbot)
    assert question.kind == "batch" and SAVE in question.buttons_by_choice and c.batch_job is not None
    target = tmp_path / "so-far.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    question.answer(SAVE)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    rows = target.read_text().splitlines()
    assert 2 <= len(rows) <= 800  # a header and the images classified before the window closed


def test_closing_during_a_download_stops_it_and_keeps_nothing(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    from ..conftest import MOBILENET_V2_H5
    from ..engine.httpserver import FileServer

    if not MOBILENET_V2_H5.is_file():
        pytest.skip("the MobileNetV2 fixture weights are not here")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "cache"))
    c = window.controller
    c.random_weights.discard("MobileNetV2")
    window.picker.select("MobileNet")
    window.picker.select("MobileNetV2")
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"
    with FileServer() as srv:
        srv.mode = "slow"
        srv.files["/mobilenet_v2/" + name] = MOBILENET_V2_H5.read_bytes()
        c.prefs.weights_mirror = srv.base
        started = []
        window.client.job_progress.connect(lambda job, f, m, eta: f > 0 and started.append(job.title))
        window.picker.findChild(QPushButton, "weights_download").click()
        qtbot.waitUntil(lambda: any(t.startswith("Download") for t in started), timeout=60_000)
        question = _close_and_get_question(window, qtbot)
        assert question.kind == "weights" and set(question.buttons_by_choice) == {STOP, STAY}
        question.answer(STOP)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=60_000)
    cache = tmp_path / "cache" / "models"
    assert not cache.exists() or not list(cache.iterdir())  # no half file
