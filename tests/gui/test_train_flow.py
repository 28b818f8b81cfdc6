"""The Train tab as a new user meets it: folder, base model, Train; a preview of the data;
why a run stopped; what a cancel keeps; the confusion matrix that opens its images; moving
a mislabelled image (confirmed, undoable); export.  Untrained MobileNet bases for speed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.train import bundle

from .heartbeat import Heartbeat


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    """Two classes of coloured squares (6 each, 1 validation image per class) and a broken file."""
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "shapes"
    for c, col in {"red": (200, 30, 30), "blue": (30, 30, 200)}.items():
        (data / c).mkdir(parents=True)
        for i in range(6):
            Image.new("RGB", (40, 40), tuple(v + i for v in col)).save(data / c / f"{i}.png")
    (data / "red" / "bad.jpg").write_bytes(b"broken")
    return data


def test_train_explain_fix_the_data_and_export(window, qtbot, shapes, tmp_path, monkeypatch):
    panel, tc, c = window.train_panel, window.trainer, window.controller
    window.tabs.setCurrentWidget(panel)
    assert panel.form.advanced.body.isHidden() and panel.folder.isVisible() and panel.start.isVisible()
    assert panel.mode.currentData() == "extract" and panel.patience.value() > 0  # the good defaults
    tips = [panel.folder, panel.model, panel.mode, panel.epochs, panel.unfreeze, panel.schedule, panel.patience,
            panel.head, panel.form.finetune_epochs, panel.form.val_folder, *panel.augment.values()]
    assert all(w.toolTip() for w in tips)
    with qtbot.waitSignal(tc.reported, timeout=60_000):
        panel.folder.setText(str(shapes))
        panel.form.folder.editingFinished.emit()  # choosing a folder shows its preview at once
    assert panel.preview.thumbnail_count() == 8 and "bad.jpg" in panel.dataset_text.toPlainText()
    panel.model.setCurrentText("MobileNetV2")
    panel.epochs.setValue(5)
    panel.patience.setValue(1)  # 2 validation images: accuracy can rise at most twice, so this stops early
    epochs = []
    tc.epoch_logged.connect(lambda e, logs: epochs.append(e))
    with Heartbeat() as beat, qtbot.waitSignal(tc.trained, timeout=240_000) as got:
        panel.start.click()
    beat.assert_responsive()  # the window answers while training runs
    result, folder = got.args
    assert epochs == list(range(1, len(epochs) + 1)) and len(epochs) < 5
    assert "stopped early, after epoch" in panel.message.text() and "for 1 epochs" in panel.message.text()
    assert "Validation accuracy" in panel.results_text.toPlainText()
    qtbot.waitUntil(lambda: tc.curves is not None and tc.curves.chart is not None, timeout=30_000)
    assert len(tc.batches) >= 2 and tc.curves.chart.axes == 2  # loss (with batch loss) and accuracy
    assert tc.curves.chart.pixels[..., :3].std() > 10  # something is drawn
    assert any(path == folder for _, path in bundle.user_models())
    job = window.status.job
    assert Path(folder).name in job.text() and job.toolTip() == folder  # says where it saved (the folder: tooltip)

    # The confusion matrix: a click shows that cell's validation images.
    cm = result.evaluation.confusion
    r, col = next(((i, j) for i in range(2) for j in range(2) if cm[i][j] and i != j),
                  next((i, j) for i in range(2) for j in range(2) if cm[i][j]))
    assert panel.confusion.item(r, col).text() == str(cm[r][col])
    panel.confusion.cellClicked.emit(r, col)
    shown = panel.cell_images.paths()
    assert len(shown) == cm[r][col] and all(Path(p).parent.name == result_class(tc, r) for p in shown)
    qtbot.waitUntil(lambda: not panel.cell_images.item(0).icon().isNull(), timeout=30_000)
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as pred:
        panel.open_explain.click()
    assert window.tabs.currentWidget() is window.explain_panel and c.image.path == shown[0]
    assert window.picker.current() == folder and {x.name for x in pred.args[0].top} == {"red", "blue"}

    # Move the image to the other class folder (after a yes), then undo.
    other = "blue" if result_class(tc, r) == "red" else "red"
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (asked.append(a[2]), QMessageBox.StandardButton.No)[1])
    panel.cell_images.setCurrentRow(0)
    panel.move_requested.emit(other)
    assert asked and Path(shown[0]).exists()  # asked first; "No" moves nothing
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.tabs.setCurrentWidget(panel)
    panel.cell_images.setCurrentRow(0)
    same_name = shapes / other / Path(shown[0]).name  # both classes have a 0.png: it must survive
    before = same_name.read_bytes()
    panel.move_requested.emit(other)
    moved = Path(tc.review.moves[-1].target)
    assert moved.parent == shapes / other and moved.name == f"{Path(shown[0]).stem} (2).png"
    assert not Path(shown[0]).exists() and same_name.read_bytes() == before
    assert tc.report is None and panel.undo.isEnabled() and other in panel.message.text()  # the next Train rescans
    panel.undo.click()
    assert Path(shown[0]).is_file() and not moved.exists() and not panel.undo.isEnabled()

    # Export the Keras model with its class names, readable by others (not 0600).
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "out"))
    (tmp_path / "out").mkdir()
    qtbot.waitUntil(lambda: not window.client.busy("long"), timeout=120_000)  # the Grad-CAM gallery first
    old = os.umask(0o022)
    try:
        panel.export_requested.emit(False)
        qtbot.waitUntil(lambda: tc.exported is not None, timeout=60_000)
    finally:
        os.umask(old)
    out = Path(tc.exported.folder)
    assert out.parent == tmp_path / "out" and (out / "labels.txt").read_text().split() == tc.review.report.classes
    assert stat.S_IMODE((out / "model.keras").stat().st_mode) == 0o644
    assert out.name in window.status.job.text() and str(out) in window.status.job.toolTip()

    window.picker.select("MobileNetV2")
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as pred:
        panel.use.click()  # the trained model is picked in the model list, on the Predict tab
    assert window.tabs.currentWidget() is window.predict_panel and window.picker.current() == folder
    assert {x.name for x in pred.args[0].top} == {"red", "blue"}


def result_class(tc, index):
    return tc.review.report.classes[index]


def test_cancel_says_what_was_kept_and_the_kept_model_can_be_used(window, qtbot, shapes):
    panel, tc = window.train_panel, window.trainer
    models = Path(os.environ["PRETRAINED_STUDIO_HOME"]) / "models"
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    panel.mode.setCurrentIndex(panel.mode.findData("augment"))  # the base runs every epoch: time to cancel
    panel.epochs.setValue(30)
    panel.patience.setValue(0)
    panel.results_text.setHtml("<h3>Validation accuracy 99.0%</h3> of an earlier run")
    window.resize(1024, 700)
    window.tabs.setCurrentWidget(panel)
    panel.form.advanced.set_expanded(True)  # a long form: the kept run's choices are below the fold
    tc.epoch_logged.connect(lambda e, logs: tc.job.cancel())  # right after the first epoch
    with qtbot.waitSignal(tc.cancelled, timeout=240_000) as got:
        panel.start.click()
    kept = got.args[0]
    area = panel.left_area
    qtbot.waitUntil(lambda: area.viewport().rect().contains(
        panel.kept_box.geometry().translated(panel.kept_box.parentWidget().mapTo(area.viewport(), QPoint(0, 0)))),
        timeout=5_000)  # scrolled into view
    assert kept is not None and kept.best_epoch == 1 and Path(kept.checkpoint).is_file()
    assert panel.results_text.toPlainText() == ""  # nothing of the previous run is left on screen
    assert f"epoch {kept.best_epoch}" in panel.message.text() and "Cancelled" in panel.message.text()
    assert not panel.kept_box.isHidden()
    assert not [p for p in models.iterdir() if p.suffix == ".keras" or p.name.endswith(".checkpoint.keras")]
    with qtbot.waitSignal(tc.trained, timeout=120_000) as got:
        panel.adopt.click()
    result, folder = got.args
    assert result.cancelled and Path(folder, "model.keras").is_file()
    assert f"Epoch {kept.best_epoch} of the cancelled run" in panel.message.text()
    assert "Validation accuracy" in panel.results_text.toPlainText()
    assert sorted(p.name for p in models.iterdir()) == [Path(folder).name]  # the checkpoint's temp folder is gone


def test_missing_base_weights_offer_the_same_choices_as_predict(window, qtbot, shapes, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from gui.models.missing_weights import DOWNLOAD, RANDOM, MissingWeightsDialog

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty-cache"))
    panel, tc = window.train_panel, window.trainer
    window.controller.random_weights.clear()  # ImageNet weights wanted, and not on this computer
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    panel.form.variant.alpha.setCurrentIndex(panel.form.variant.alpha.findData(0.25))
    panel.start.click()

    def dialog():
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MissingWeightsDialog)
                     and w.isVisible()), None)

    qtbot.waitUntil(lambda: dialog() is not None, timeout=120_000)
    d = dialog()
    assert "mobilenet_2_5_224_tf_no_top.h5" in d.detailedText()  # the no-top file of the chosen width
    assert d.button(DOWNLOAD).isVisible() and "not on this computer" in panel.message.text()
    started = []
    window.client.job_started.connect(lambda job: started.append(job.title))
    d.button(RANDOM).click()
    qtbot.waitUntil(lambda: any(t.startswith("Training MobileNet") for t in started), timeout=60_000)
    assert tc.settings().weights is None and "MobileNet" in tc.untrained
    assert "MobileNet" not in window.controller.random_weights  # Predict keeps asking for ImageNet weights
    with qtbot.waitSignal(tc.cancelled, timeout=120_000):
        tc.job.cancel()


@pytest.mark.slow  # ~60 s on 2 loaded cores: three runs through the window
def test_resume_a_cancelled_run_then_continue_the_trained_model(window, qtbot, shapes, monkeypatch):
    panel, tc = window.train_panel, window.trainer
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    panel.mode.setCurrentIndex(panel.mode.findData("extract"))
    panel.epochs.setValue(1000)  # head epochs take milliseconds: enough of them to cancel during the run
    panel.patience.setValue(0)
    cancel = tc.epoch_logged.connect(lambda e, logs: tc.job.cancel())
    with qtbot.waitSignal(tc.cancelled, timeout=240_000) as got:
        panel.start.click()
    tc.epoch_logged.disconnect(cancel)
    kept = got.args[0]
    assert kept is not None and Path(kept.checkpoint).is_file()
    assert panel.resume.isVisibleTo(panel) and "Resume" in panel.message.text()
    with qtbot.waitSignal(tc.trained, timeout=240_000) as got:
        panel.resume.click()
    result, folder = got.args
    assert result.settings.epochs == 1000 - kept.best_epoch and not Path(kept.checkpoint).exists()
    assert result.settings.continued_from == "the kept checkpoint of a cancelled run"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: folder)
    panel.continue_from.click()
    assert tc.start_from == folder and Path(folder).name in panel.message.text()
    panel.epochs.setValue(2)
    with qtbot.waitSignal(tc.trained, timeout=240_000) as got:
        panel.start.click()
    result, again = got.args
    assert again != folder and bundle.load(again)[1]["training"]["continued_from"] == folder
    assert tc.start_from is None  # the next Train starts afresh
