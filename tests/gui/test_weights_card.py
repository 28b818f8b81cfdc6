"""The model card's weights, as a user meets them: import each real fixture file through the
card and predict the cat, a wrong file refused with the engine's message and nothing changed,
Replace then Remove bringing the earlier import back (and predictions using it), the no-top
file for training, and a corrupt copy in the Keras cache listed as refused — with every file
check done off the GUI thread."""

from __future__ import annotations

import json
import os
import threading

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from engine import model_weights, weights, zoo
from engine.weights import importing, structure, verify
from gui.runtime import tasks

from ..conftest import MOBILENET_025_NO_TOP, MOBILENET_V2_H5, MOBILENET_V2_WEIGHTS, fixture_image, needs_fixtures
from ..faults.weightfiles import isolate

CATS = range(281, 286)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh user folder and Keras cache (set before the window is made)."""
    return isolate(monkeypatch, tmp_path)


@pytest.fixture
def chooser(monkeypatch):
    """The file the next Import/Replace dialog returns; the Remove question's text and answer."""
    state = {"file": None, "asked": [], "answer": QMessageBox.StandardButton.Yes}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(state["file"]), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (state["asked"].append(a[2]), state["answer"])[1])
    return state


@pytest.fixture
def gui_thread_checks(monkeypatch):
    """Which threads hashed or walked a weight file: the GUI (main) thread must never."""
    seen = []
    digests, check_file = verify.digests, structure.check_file

    def record(fn):
        def wrapped(*a, **k):
            seen.append(threading.current_thread() is threading.main_thread())
            return fn(*a, **k)
        return wrapped

    monkeypatch.setattr(verify, "digests", record(digests))
    monkeypatch.setattr(structure, "check_file", record(check_file))
    return seen


def _visible(picker) -> set:
    return {c for c, b in picker.buttons.items() if b.isVisible()}


def _click(picker, choice: str) -> None:
    assert picker.buttons[choice].isVisible(), f"{choice} not offered; offered: {_visible(picker)}"
    picker.buttons[choice].click()


def _weights_in_use(c) -> str:
    """The file the Predictor's built model for the current request was loaded from."""
    return os.path.basename(tasks.predictor().load(c.request()).weights_path)  # cached: nothing is built


def _plain(label) -> str:
    """A rich-text label as a person reads it (zero-width break points removed)."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText().replace("\u200b", "")


def _error_boxes():
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


@needs_fixtures
def test_import_replace_remove_on_the_card_and_the_cat_each_time(home, window, qtbot, chooser, gui_thread_checks):
    c, picker = window.controller, window.picker
    notes, changed = [], []
    c.weights.note.connect(lambda text, whole: notes.append(whole))  # shown in the status bar (whole: its tooltip)
    c.weights_changed.connect(changed.append)
    picker.select("MobileNet")
    picker.select("MobileNetV2")
    assert "missing" in picker.card.text()
    assert _visible(picker) >= {"download", "import", "random"} and "remove" not in _visible(picker)

    # A file for another model: refused with the engine's message, nothing changed.
    chooser["file"] = MOBILENET_025_NO_TOP
    with qtbot.waitSignal(c.weights.failed, timeout=60_000) as failed:
        _click(picker, "import")
    boxes = _error_boxes()
    assert boxes and "does not fit MobileNetV2" in boxes[-1].text() and failed.args[0] == boxes[-1].text()
    assert boxes[-1].windowTitle() == "Import refused"
    for box in boxes:
        box.close()
    assert importing.current("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5") is None
    assert "missing" in picker.card.text() and "import" in _visible(picker)
    assert not notes and not changed  # never reported as a success

    # The Keras 3 file, then the legacy one replacing it: each predicts the cat.
    chooser["file"] = MOBILENET_V2_WEIGHTS
    with qtbot.waitSignal(c.weights_changed, timeout=120_000):
        _click(picker, "import")
    with qtbot.waitSignal(c.prediction_shown, timeout=120_000) as got:
        c.show_path(str(fixture_image("cat.png")))
    assert got.args[0].top[0].index in CATS and not got.args[0].untrained
    assert _weights_in_use(c).endswith("1.0_224.weights.h5")  # its format kept
    assert notes[-1].startswith("Imported mobilenet_v2_1.0_224_imagenet_from_coral_tflite.weights.h5")
    qtbot.waitUntil(lambda: "verified" in picker.card.text(), timeout=30_000)  # checked on the files lane
    assert "imported" in picker.card.text() and _visible(picker) >= {"replace", "remove"}
    assert not {"import", "download"} & _visible(picker)

    chooser["file"] = MOBILENET_V2_H5
    with qtbot.waitSignal(c.prediction_shown, timeout=120_000) as got:
        _click(picker, "replace")
    assert got.args[0].top[0].index in CATS
    in_use = _weights_in_use(c)
    assert in_use.endswith("1.0_224.h5") and not in_use.endswith(".weights.h5")  # the old model was dropped
    assert "Remove brings back the import from mobilenet_v2_1.0_224_imagenet_from_coral_tflite.weights.h5" \
        in _plain(picker.weights_info)

    # Remove: the Keras 3 import is back, and predictions use it.
    with qtbot.waitSignal(c.prediction_shown, timeout=120_000) as got:
        _click(picker, "remove")
    assert "from_coral_tflite.weights.h5" in chooser["asked"][-1] and "will be used again" in chooser["asked"][-1]
    assert got.args[0].top[0].index in CATS
    assert _weights_in_use(c).endswith("1.0_224.weights.h5")
    assert "in use again: the earlier import from mobilenet_v2_1.0_224_imagenet_from_coral_tflite.weights.h5" \
        in notes[-1]
    assert "imported" in picker.card.text() and "remove" in _visible(picker)

    assert gui_thread_checks and not any(gui_thread_checks)  # files were checked, never on the GUI thread


@needs_fixtures
def test_no_top_file_for_training_imported_and_removed_on_the_card(home, window, qtbot, chooser):
    c, picker = window.controller, window.picker
    picker.select("MobileNet")
    v = picker.variant
    v.alpha.setCurrentIndex(v.alpha.findData(0.25))
    assert "For training" in picker.card.text()
    assert _visible(picker) >= {"download", "import", "random", "notop_import"}

    chooser["file"] = MOBILENET_V2_H5  # a MobileNetV2 classifier is no MobileNet 0.25 base
    with qtbot.waitSignal(c.weights.failed, timeout=60_000) as failed:
        _click(picker, "notop_import")
    assert "does not fit MobileNet" in failed.args[0]
    for box in _error_boxes():
        box.close()
    assert "notop_remove" not in _visible(picker)

    chooser["file"] = MOBILENET_025_NO_TOP
    with qtbot.waitSignal(c.weights_changed, timeout=60_000):
        _click(picker, "notop_import")
    nt = model_weights.status_for("MobileNet", zoo.Variant(alpha=0.25, include_top=False))
    assert nt.where == "imported" and nt.verified
    qtbot.waitUntil(lambda: "verified" in picker.card.text(), timeout=30_000)
    assert _visible(picker) >= {"notop_replace", "notop_remove", "download", "import"}  # predicting: still missing
    info = _plain(picker.weights_info)
    assert "No-top file (training)" in info and "Imported from mobilenet_2_5_224_tf_no_top.h5" in info

    with qtbot.waitSignal(c.weights_changed, timeout=60_000):
        _click(picker, "notop_remove")
    assert "Nothing imported is left" in chooser["asked"][-1]
    assert model_weights.status_for("MobileNet", zoo.Variant(alpha=0.25, include_top=False)).where == "missing"
    assert "notop_import" in _visible(picker) and "notop_remove" not in _visible(picker)


def test_a_corrupt_copy_in_the_keras_cache_is_listed_as_refused(home, window, qtbot, gui_thread_checks):
    picker = window.picker
    name = model_weights.manifest_file("ResNet50", zoo.Variant())[1].filename
    home.mkdir(parents=True)
    (home / name).write_bytes(os.urandom(1 << 20))  # under Keras' own name, not made by the app
    picker.select("ResNet50")
    assert "checking" in picker.card.text()  # not hashed here: a worker does it
    qtbot.waitUntil(lambda: "Refused" in picker.weights_info.text(), timeout=30_000)
    info = _plain(picker.weights_info)
    assert name in info and "the Keras cache" in info and "instead of" in info  # the reason: a wrong hash
    assert "did not create it, so it was left alone" in info
    assert "missing" in picker.card.text() and "download" in _visible(picker)
    assert (home / name).stat().st_size == 1 << 20  # never deleted: the app did not create it
    assert gui_thread_checks and not any(gui_thread_checks)
    memo = json.loads(verify.memo_file().read_text())["files"]
    assert str(home / name) in memo  # remembered: the next start shows it without hashing
