"""The smaller things a first week in the lab ran into: where exports start, a status note
that outlived its model, the Compare table's order and family filter, the Folder table and its
CSV, the wheel over the Explain charts, the dataset report after a restart, and a model file
that does not open being listed again."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog


@pytest.fixture
def bare_window(qtbot):
    """The main window without TensorFlow (what these need does not load a model)."""
    from gui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    yield win
    win.close()


def test_exports_start_in_pictures_then_in_the_last_export_folder(bare_window, qtbot, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    picture = tmp_path / "leaf.png"
    Image.new("RGB", (40, 30), (30, 150, 40)).save(picture)
    bare_window.controller.show_path(str(picture))
    asked = []
    target = tmp_path / "exports" / "leaf-heatmap.png"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, *a: (asked.append(start), (str(target), ""))[1])
    bare_window.explainer.save_png()  # Export PNG… on the Explain tab
    assert asked[-1] == str(home / "Pictures" / "heatmap.png") and target.is_file()
    bare_window.comparer.save_csv()
    assert asked[-1] == str(target.parent / "models.csv")  # the last export folder, not the program's


def test_a_note_about_one_model_goes_when_another_model_is_picked(bare_window, qtbot):
    c, status = bare_window.controller, bare_window.status
    bare_window.picker.select("MobileNetV2")
    c.weights.note.emit("Imported weights for MobileNetV2", "Imported x.h5 for MobileNetV2 (legacy format).")
    assert status.job.text() == "Imported weights for MobileNetV2"
    bare_window.picker.select("MobileNet")
    assert "Imported" not in status.job.text() and "Imported" not in status.job.toolTip()


def test_compare_table_opens_a_to_z_and_its_family_filter_limits_the_charts(bare_window, qtbot):
    panel, comparer = bare_window.compare_panel, bare_window.comparer
    bare_window.tabs.setCurrentWidget(panel)
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert names == sorted(names, key=str.casefold) and panel.proxy.sortOrder() == Qt.SortOrder.AscendingOrder
    panel.family.setCurrentIndex(panel.family.findData("MobileNet"))
    family = {r.model for r in comparer.rows() if r.family == "MobileNet"}
    assert {r.model for r in comparer.chart_rows()} == family
    labels = {t.get_text() for t in comparer.canvases["time"].figure.axes[0].get_yticklabels()}
    assert labels and labels <= family  # the chart drawn shows that family only
    assert {panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())} == family
    panel.family.setCurrentIndex(panel.family.findData("ResNet"))  # the whole name: not ResNet-RS too
    shown = {panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())}
    assert shown == {"ResNet"} and {r.family for r in comparer.chart_rows()} == {"ResNet"}


def test_wheel_over_the_explain_charts_scrolls_the_panel(qtbot):
    from engine.explain.faithfulness import Curve, Faithfulness
    from gui.explain.panel import ExplainPanel
    from gui.explain.score_plots import draw_faithfulness

    panel = ExplainPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 420)
    panel.show()
    x = np.linspace(0, 1, 9)
    curves = {k: Curve(k, x, np.linspace(0.9, 0.1, 9)) for k in ("deletion", "insertion")}
    score = Faithfulness(1, 8, curves, {k: [Curve(k, x, np.full(9, 0.5))] * 2 for k in curves}, 8.0, 0.1)
    panel.score_text.setText("Faithfulness")
    draw_faithfulness(panel.curves, score, "macaw")
    qtbot.wait(50)
    bar = panel.side.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    canvas = panel.curves.canvas
    at = QPointF(canvas.width() / 2, canvas.height() / 2)
    wheel = QWheelEvent(at, canvas.mapToGlobal(at), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert bar.value() > 0  # the side panel scrolled down


def test_after_a_restart_the_remembered_training_folder_shows_its_report(qtbot, tmp_path, monkeypatch):
    from gui.runtime import settings
    from gui.shell.main_window import MainWindow

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "leaves"
    for c in ("oak", "maple"):
        (data / c).mkdir(parents=True)
        for i in range(3):
            Image.new("RGB", (30, 30), (10 * i, 90, 40)).save(data / c / f"{i}.png")
    settings.save_json("train/form", {"folder": str(data), "mode": "extract"})  # what the last session left
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    try:
        assert win.train_panel.folder.text() == str(data)
        with qtbot.waitSignal(win.trainer.reported, timeout=30_000):
            win.tabs.setCurrentWidget(win.train_panel)
        text = win.train_panel.dataset_text.toPlainText()
        assert "2 classes" in text and "maple" in text and win.train_panel.preview.thumbnail_count() == 6
    finally:
        win.close()


def test_folder_csv_follows_the_table_order_and_errors_give_the_reason(window, qtbot, tmp_path):
    folder = tmp_path / "pictures"
    folder.mkdir()
    for name in ("10.png", "2.png", "1.png"):
        Image.new("RGB", (32, 32), (int(name.split(".")[0]) * 20, 60, 90)).save(folder / name)
    (folder / "notes.jpg").write_text("not a picture")
    c, panel = window.controller, window.batch_panel
    with qtbot.waitSignal(c.batch_finished, timeout=120_000):
        c.open_paths([str(folder)])

    def table_files():
        return [panel.proxy.index(r, 0).data().split("/")[-1] for r in range(panel.proxy.rowCount())]

    def csv_files():
        rows = list(csv.reader(io.StringIO(panel.csv_text())))[1:]
        return [Path(row[0]).name for row in rows]

    assert table_files() == ["1.png", "2.png", "10.png", "notes.jpg"] == csv_files()
    panel.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # by probability
    assert csv_files() == table_files() and table_files()[-1] == "notes.jpg"
    row = table_files().index("notes.jpg")
    error = panel.proxy.index(row, 4)
    assert error.data() and str(folder) not in error.data() and "notes.jpg" not in error.data()
    assert str(folder / "notes.jpg") in error.data(Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def broken_model_file(tmp_path, monkeypatch):
    """A model file opened (and its preprocessing chosen) in an earlier session, that does not open."""
    from engine.sources import remembered

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    path = tmp_path / "my_classifier.keras"
    path.write_bytes(b"PK\x03\x04 this is not a Keras archive" + bytes(200))
    remembered.remember(path, "minus1to1")
    assert [p for p, _ in remembered.recent()] == [str(path)]
    return str(path)


def test_a_model_file_that_fails_to_open_is_not_listed_at_the_next_start(broken_model_file, window, qtbot, tmp_path):
    from engine.sources import remembered
    from gui.shell.main_window import MainWindow

    c = window.controller
    picture = tmp_path / "leaf.png"
    Image.new("RGB", (40, 30), (30, 150, 40)).save(picture)
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))
    qtbot.waitUntil(lambda: broken_model_file in window.picker.model_files(), timeout=30_000)
    with qtbot.waitSignal(c.error_shown, timeout=60_000):
        window.picker.select(broken_model_file)
    assert broken_model_file not in [p for p, _ in remembered.recent()]
    second = MainWindow()  # the next start
    qtbot.addWidget(second)
    try:
        qtbot.waitUntil(lambda: not second.client.busy("files"), timeout=30_000)
        qtbot.wait(100)
        assert broken_model_file not in second.picker.model_files()
    finally:
        second.close()
