"""Message boxes a student can read on a 1024×768 projector: one or two sentences, the technical
rest under "Details" and capped, never taller than the screen, and Enter closes them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from gui.widgets import error_dialog

# What a TensorFlow converter error and a refused weights file looked like: 60,000 characters,
# thousands of numbers, thousands of lines.
HUGE = ("ConverterError: Could not translate MLIR to FlatBuffer. Some ops are not supported by the native TFLite "
        "runtime, you can enable TF kernels fallback using TF Select. "
        + "<unknown>:0: error: loc(callsite(fused['StatelessRandomGetKeyCounter:' ... " * 600
        + "\n" + " ".join(f"{i * 0.001:.4f}" for i in range(8000)) + "\n" + "\n".join(["weight"] * 4000))


@pytest.fixture
def bare_window(qtbot):
    """The main window at 1024×768 without TensorFlow (the messages need none)."""
    from gui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    yield win
    win.close()


def _open_boxes():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _fits_the_screen(box: QMessageBox, qtbot) -> None:
    qtbot.wait(20)
    limit = min(768, QGuiApplication.primaryScreen().availableGeometry().height()) - 60  # title and task bars
    assert box.frameGeometry().height() <= limit, box.frameGeometry()
    assert box.frameGeometry().width() <= 1024
    for button in box.findChildren(QPushButton):
        if button.isVisible():
            corner = button.mapTo(box, button.rect().bottomRight())
            assert corner.y() <= box.height() and corner.x() <= box.width(), button.text()


def test_a_huge_error_from_a_job_is_two_sentences_with_the_rest_capped_under_details(bare_window, qtbot,
                                                                                       monkeypatch):
    from gui.train import tasks as train_tasks

    def export_fails(*_args):
        def run(ctx):
            raise RuntimeError(HUGE)
        return run

    monkeypatch.setattr(train_tasks, "export_trained", export_fails)
    monkeypatch.setattr("gui.train.review.QFileDialog.getExistingDirectory", lambda *a, **k: "/tmp")
    bare_window.trainer.bundle_path = "/tmp/a-trained-model"
    bare_window.train_panel.export_requested.emit(True)  # Export ▸ Keras, SavedModel and TFLite…
    qtbot.waitUntil(lambda: bool(_open_boxes()), timeout=20_000)
    box = _open_boxes()[0]
    assert box.windowTitle() == "Export failed"
    assert box.text() == ("RuntimeError: ConverterError: Could not translate MLIR to FlatBuffer. Some ops are not "
                          "supported by the native TFLite runtime, you can enable TF kernels fallback using TF Select.")
    details = box.detailedText()
    assert details.startswith("RuntimeError: ConverterError") and "Traceback" in details
    assert len(details) <= error_dialog.DETAILS_CHARS + 200 and "characters left out" in details
    assert max(len(line) for line in details.splitlines()) <= error_dialog.DETAILS_LINE_CHARS + 40
    _fits_the_screen(box, qtbot)
    show = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole
                and b.text() != "Copy")
    show.click()  # "Show Details…": still on the screen
    _fits_the_screen(box, qtbot)
    QGuiApplication.clipboard().setText("unchanged")
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Close)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not box.isVisible() and QGuiApplication.clipboard().text() == "unchanged"  # Enter closes, copies nothing


def test_a_short_message_stays_as_written_and_copy_takes_it_all(bare_window, qtbot):
    box = error_dialog.show_error(bare_window, "No data", "Choose a folder with one subfolder per class.",
                                  "where: the Train tab")
    assert box.text() == "Choose a folder with one subfolder per class."
    assert box.detailedText() == "where: the Train tab"
    copy = next(b for b in box.buttons() if b.text() == "Copy")
    copy.click()
    assert box.isVisible()  # copying does not close
    assert QGuiApplication.clipboard().text() == "Choose a folder with one subfolder per class.\n\nwhere: the Train tab"
    box.close()


def test_one_endless_sentence_is_cut_at_a_word(qtbot):
    short, details = error_dialog.fit_message("values " + " ".join(str(i) for i in range(50_000)))
    assert len(short) <= error_dialog.SHORT_CHARS + 30 and short.endswith("(more under Details)")
    assert details.startswith("values 0 1 2") and len(details) <= error_dialog.DETAILS_CHARS + 200


def test_missing_weights_and_preferences_notices_fit_the_screen(bare_window, qtbot):
    from gui.models.missing_weights import MissingWeightsDialog

    dialog = MissingWeightsDialog("MobileNetV2", HUGE, bare_window)
    dialog.show()
    _fits_the_screen(dialog, qtbot)
    assert len(dialog.detailedText()) <= error_dialog.DETAILS_CHARS + 200
    dialog.close()
    box = error_dialog.message_box(bare_window, QMessageBox.Icon.Warning, "Preferences", "Some preferences:\n\n"
                                   + "\n".join(f"• field {i}: {'x' * 300}" for i in range(200)))
    box.show()
    _fits_the_screen(box, qtbot)
    box.close()
