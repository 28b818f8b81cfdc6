"""File ▸ Open model file…: the preprocessing is asked once and remembered, the file joins
the picker under "Files", predicts with its labels.txt names, the card changes the choice,
and the Train tab offers it as a base."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from engine.sources import remembered

from ..conftest import fixture_image, needs_fixtures
from ..engine import keras2_files


def _answer(window, qtbot, choice: str) -> None:
    def shown():
        return [d for d in window.findChildren(QDialog, "preprocessDialog") if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()))
    dialog = shown()[-1]
    dialog.buttons[choice].setChecked(True)
    dialog.accept()


@needs_fixtures
def test_open_a_model_file_predict_and_change_its_preprocessing(window, qtbot, tmp_path):
    path, _ = keras2_files.teachable_machine_like(tmp_path)
    path = str(path)
    window.open_model_file(path)
    _answer(window, qtbot, "0to1")
    assert remembered.preprocessing(path) == "0to1"
    assert window.picker.current() == path and window.controller.model_name == path
    assert "model file" in window.picker.card.text() and "0…1" in window.picker.card.text()
    assert window.controller.request().preprocess == "0to1"
    with qtbot.waitSignal(window.controller.prediction_shown, timeout=120_000) as got:
        window.controller.open_paths([str(fixture_image("cat.png"))])
    assert {c.name for c in got.args[0].top} <= set(keras2_files.CLASSES)
    assert window.picker.preprocess_button.isVisible()
    with qtbot.waitSignal(window.controller.prediction_shown, timeout=120_000):
        window.picker.preprocess_button.click()
        _answer(window, qtbot, "minus1to1")
    assert window.controller.request().preprocess == "minus1to1" and remembered.preprocessing(path) == "minus1to1"
    # The file is replaced (another save under the same name): the choice is asked again.
    import os

    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    with qtbot.waitSignal(window.controller.prediction_shown, timeout=120_000):
        window.controller.refresh_model()
        _answer(window, qtbot, "none")
    assert remembered.preprocessing(path) == "none"
    window.picker.select("MobileNetV2")
    assert not window.picker.preprocess_button.isVisible()
    # The Train tab offers the file as a base: fine-tune it further with its preprocessing.
    combo = window.train_panel.model
    combo.setCurrentIndex(combo.findData(path))
    s = window.trainer.settings()
    assert (s.model_file, s.preprocess, s.model) == (path, "none", "keras_model")
    combo.setCurrentText("MobileNetV2")
    assert window.trainer.settings().model_file is None


def test_files_opened_last_time_are_listed_again_and_can_be_taken_off_the_list(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMenu

    from gui.shell.main_window import MainWindow

    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    mine, gone = tmp_path / "mine.keras", tmp_path / "gone.keras"
    for f in (mine, gone):
        f.write_bytes(b"only listed, never loaded here")
    remembered.remember(mine, "0to1")
    remembered.remember(gone, "none")
    gone.unlink()  # deleted since: not listed again
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.picker.model_files() == [str(mine)], timeout=10_000)
    form = win.train_panel.form
    assert form.model.findData(str(mine)) >= 0 and "0…1" in win.picker._files[str(mine)]
    win.picker.select(str(mine))
    assert win.controller.model_name == str(mine)
    form.model.setCurrentIndex(form.model.findData(str(mine)))  # the Train tab's base too
    item = next(i for i in win.picker._items() if i.data(0, Qt.ItemDataRole.UserRole) == str(mine))
    win.picker._context_menu(win.picker.tree.visualItemRect(item).center())
    menu = win.picker.tree.findChildren(QMenu)[-1]
    [remove] = menu.actions()
    assert remove.text() == "Remove from this list"
    remove.trigger()
    assert win.picker.model_files() == [] and form.model.findData(str(mine)) < 0
    assert form.model.currentText() == "MobileNetV2"
    assert win.controller.model_name == "MobileNetV2" and win.picker.current() == "MobileNetV2"
    assert remembered.recent() == [] and mine.exists()  # forgotten, the file untouched
    win.close()
