"""The window on real laptop and projector screens: every tab fits 1024×768 and 1366×768
without being cut, and the window never resizes itself (tab change, preview, model pick)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QTabWidget

from ..conftest import MOBILENET_V2_H5


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
