"""The real Teachable Machine export in the window: File ▸ Open model file… proposes Teachable
Machine's preprocessing with the reason, and the prediction is the snippet's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from engine.sources import remembered

from ..conftest import fixture_image
from ..gui.conftest import isolated_qsettings, window  # noqa: F401  (the window, as in tests/gui)
from .conftest import TM_CLASSES, TM_MODEL, needs_tm, snippet_input

pytest.importorskip("pytestqt")


@needs_tm
def test_the_real_export_opens_in_the_window_with_its_guess_and_predicts_like_the_snippet(window, qtbot,
                                                                                           tm_reference):
    path = str(TM_MODEL)
    window.open_model_file(path)

    def shown():
        return [d for d in window.findChildren(QDialog, "preprocessDialog") if d.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=60_000)
    dialog = shown()[-1]
    assert dialog.choice() == "teachable_machine"  # the default is the guess …
    assert "Teachable Machine export" in dialog.reason.text()  # … with its reason
    dialog.accept()
    assert remembered.preprocessing(path) == "teachable_machine"
    with qtbot.waitSignal(window.controller.prediction_shown, timeout=120_000) as got:
        window.controller.open_paths([str(fixture_image("hot_dog.jpg"))])
    pred = got.args[0]
    want = tm_reference.predict(snippet_input(fixture_image("hot_dog.jpg"))[None], verbose=0)[0]
    scores = {c.name: c.probability for c in pred.top}
    assert set(scores) == set(TM_CLASSES)
    assert max(abs(scores[c] - want[i]) for i, c in enumerate(TM_CLASSES)) < 1e-4
    assert window.picker.current() == path
