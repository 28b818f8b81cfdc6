"""The window on real laptop and projector screens: every tab fits 1024×768 and 1366×768
without being cut, and the window never resizes itself (tab change, preview, model pick)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QTabWidget

from ..conftest import MOBILENET_V2_H5, fixture_image


def _page_area(window) -> QScrollArea:
    return QTabWidget.currentWidget(window.tabs)  # the scroll area around the current panel


def _fits(area: QScrollArea) -> bool:
    """The page needs no scrolling: nothing of it is cut at this window size."""
    need = area.widget().minimumSizeHint()
    view = area.viewport().size()
    return need.width() <= view.width() and need.height() <= view.height()


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_every_tab_fits_and_the_window_never_resizes_itself(window, qtbot, size, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    (tmp_path / "keras" / "models").mkdir(parents=True)
    if MOBILENET_V2_H5.is_file():  # found weights: a card with a long file name (it widened the panel)
        (tmp_path / "keras" / "models" / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5").symlink_to(
            MOBILENET_V2_H5)
    window.resize(*size)
    qtbot.wait(50)
    expected = QSize(*size)
    assert window.size() == expected
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768 - 60  # room for a title bar and a task bar
    dock = window.dock.width()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        qtbot.wait(30)
        assert window.size() == expected, f"tab {window.tabs.tabText(i)} resized the window"
        assert _fits(_page_area(window)), f"tab {window.tabs.tabText(i)} is cut at {size}"
    window.tabs.setCurrentWidget(window.train_panel)
    window.train_panel.form.advanced.set_expanded(True)
    qtbot.wait(30)
    left = window.train_panel.left_area
    assert left.widget().minimumSizeHint().width() <= left.viewport().width()  # the form is not cut on the right
    with qtbot.waitSignal(window.trainer.picture_shown, timeout=60_000):  # this grew the window by 81 px
        window.train_panel.preview_requested.emit()
    qtbot.wait(50)
    assert window.size() == expected
    for name in ("MobileNet", "NASNetLarge", "MobileNetV3Small", "MobileNetV2"):  # cards of every length
        window.picker.select(name)
        qtbot.wait(30)
        assert window.size() == expected and window.dock.width() == dock, f"picking {name} moved the tabs"
    window.picker.variant.alpha.setCurrentIndex(0)
    qtbot.wait(30)
    assert window.size() == expected and window.dock.width() == dock
    window.status.note("Exported to " + "/a/long/folder/name" * 30)  # a long path in the status bar
    qtbot.wait(30)
    assert window.size() == expected and window.minimumSizeHint().width() <= 1024
    assert window.status.job.sizeHint().width() < window.width() / 2  # shown shortened, not cut off


def test_the_model_list_can_be_hidden_and_brought_back(window, qtbot):
    window.resize(1024, 768)
    qtbot.wait(30)
    before = window.tabs.width()
    window.models_button.click()
    qtbot.wait(30)
    assert window.dock.isHidden() and window.tabs.width() > before + 150 and "▶" in window.models_button.text()
    window.findChild(type(window.menuBar().actions()[0]), "toggleModelList").trigger()
    qtbot.wait(30)
    assert not window.dock.isHidden() and window.size() == QSize(1024, 768)


def test_help_has_a_guide_and_the_real_shortcuts(window, qtbot):
    from PySide6.QtWidgets import QTextBrowser

    from gui.shell.help import shortcuts, show_guide, show_shortcuts

    keys = {action: key for _, action, key in shortcuts(window.menuBar())}
    assert keys["Model list"] == "Ctrl+M" and keys["Open folder…"] == "Ctrl+Shift+O" and "Go to Train" in keys
    guide = show_guide(window)
    assert guide.isVisible() and "Advanced" in guide.findChild(QTextBrowser).toPlainText()
    table = show_shortcuts(window, window.menuBar())
    assert "Ctrl+M" in table.findChild(QTextBrowser).toPlainText()
    guide.close()
    table.close()


def test_untrained_banner_wraps_instead_of_being_cut(qtbot):
    from gui.predict.panel import UNTRAINED
    from gui.predict.topk_bars import TopKBars

    bars = TopKBars()
    qtbot.addWidget(bars)
    rows = [("tabby", 0.5), ("tiger cat", 0.3)]
    bars.set_prediction(rows)
    plain = bars.heightForWidth(220)
    bars.set_prediction(rows, UNTRAINED)
    assert bars.heightForWidth(220) > bars.heightForWidth(900) > plain  # two lines when narrow, one when wide
    assert UNTRAINED in bars.toolTip()


# -- every control inside the visible area -------------------------------------------------

def _cut_controls(window) -> list[str]:
    """Visible controls that stick out, left or right, of an enclosing widget (a scroll area's
    viewport, a splitter pane, the window): what a student cannot see or click."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLabel,
                                   QLineEdit, QProgressBar, QSlider, QTextEdit, QWidget)

    controls = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider, QLabel, QAbstractItemView,
                QTextEdit, QProgressBar)
    cut = []
    for w in window.findChildren(QWidget):
        if not isinstance(w, controls) or not w.isVisible() or w.window() is not window or w.width() <= 0:
            continue
        left = w.mapTo(window, QPoint(0, 0)).x()
        right = left + w.width()
        p = w.parentWidget()
        while p is not None:
            p_left = p.mapTo(window, QPoint(0, 0)).x() if p is not window else 0
            if left < p_left - 1 or right > p_left + p.width() + 1:
                text = getattr(w, "text", lambda: "")()
                cut.append(f"{type(w).__name__} {w.objectName() or text[:40]!r} [{left}, {right}] outside "
                           f"{type(p).__name__} {p.objectName()!r} [{p_left}, {p_left + p.width()}]")
                break
            if p is window:
                break
            p = p.parentWidget()
    return cut


def _shapes(root):
    from PIL import Image

    names = {"daisy_white_petals_yellow_centre_from_the_school_garden": (230, 230, 200), "rose": (200, 30, 60),
             "tulip": (240, 120, 40)}
    for name, colour in names.items():
        (root / name).mkdir(parents=True)
        for i in range(2 if name == "rose" else 5):
            Image.new("RGB", (60, 40), tuple(v - 4 * i for v in colour)).save(
                root / name / f"IMG_20240612_{i:04d}_a_rather_long_camera_file_name.jpg")
    (root / "empty_class_folder").mkdir()
    (root / "rose" / "field_trip_notes_renamed_by_mistake_to_a_picture_name.jpg").write_text("notes")
    return root


def first_week(window, qtbot, tmp_path, monkeypatch):
    """The states of a first week on every tab: an image, a dataset with warnings, the
    augmentation preview, a cancelled run's choices, a folder with unreadable files, a saved note."""
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    c = window.controller
    data = _shapes(tmp_path / "flowers_collected_by_the_biology_class_in_june")
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.open_paths([str(fixture_image("cat.png")), str(fixture_image("parrot.jpg"))])
    panel = window.train_panel
    window.tabs.setCurrentWidget(panel)
    panel.form.advanced.set_expanded(True)
    with qtbot.waitSignal(window.trainer.reported, timeout=60_000):
        panel.folder.setText(str(data))
        panel.form.folder.editingFinished.emit()
    with qtbot.waitSignal(window.trainer.picture_shown, timeout=60_000):
        panel.preview_requested.emit()
    panel.kept_box.show()  # a cancelled run's Resume / Use the kept model / Discard
    panel.resume.show()
    with qtbot.waitSignal(c.batch_finished, timeout=120_000):
        c.open_paths([str(data)])
    from engine.train import output
    from gui.train import text as train_text

    folder = tmp_path / "home" / "models" / output.default_name("MobileNetV2", data, "extract")
    window.trainer.note.emit(*train_text.saved_note(str(folder)))
    return data


def each_page(window, qtbot):
    """Show every tab (and each of the Train tab's pages) in turn, once its content is there."""
    panel = window.train_panel
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        if window.tabs.currentWidget() is window.inside_panel:
            qtbot.waitUntil(lambda: window.inside_panel.tree.topLevelItemCount() > 0, timeout=60_000)
        if window.tabs.currentWidget() is window.explain_panel:
            qtbot.waitUntil(lambda: window.explainer.explanation is not None, timeout=60_000)
        for page in range(panel.views.count()) if window.tabs.currentWidget() is panel else [0]:
            panel.views.setCurrentIndex(page)
            qtbot.wait(60)
            yield window.tabs.tabText(i)


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_every_visible_control_lies_inside_the_window_with_the_model_list_shown(window, qtbot, size, tmp_path,
                                                                               monkeypatch):
    """Each tab in the states a first week brings (an image, a dataset with warnings, the
    augmentation preview, a cancelled run's choices, the layer tree, a folder with unreadable
    files), at 1024×768 and 1366×768 with the model list open: nothing sticks out sideways."""
    window.resize(*size)
    assert not window.dock.isHidden()
    first_week(window, qtbot, tmp_path, monkeypatch)
    for tab in each_page(window, qtbot):
        assert window.size() == QSize(*size)
        cut = _cut_controls(window)
        assert not cut, f"tab {tab} at {size}: " + "\n".join(cut)
    tree = window.inside_panel.tree
    header = tree.header()
    assert header.sectionViewportPosition(1) + header.sectionSize(1) <= tree.viewport().width()  # Type shown
    job = window.status.job
    assert job.shown_text() == job.text()  # the note is shown whole, not ending in "…"
