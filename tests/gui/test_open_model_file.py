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
