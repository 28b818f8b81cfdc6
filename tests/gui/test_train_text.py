"""What the Train tab and the status bar say, from plain data (no window needed)."""

from __future__ import annotations

from types import SimpleNamespace

from engine.train.dataset import DatasetReport, Sample
from engine.train.evaluate import evaluate
from engine.train.trainer import TrainSettings, TrainingCancelled
from gui import train_text
from gui.widgets.job_status import job_text


def test_early_stopping_is_explained_with_the_kept_epoch():
    s = TrainSettings(epochs=10, early_stopping=3)
    # lowest loss first at epoch 2 (accuracy 80%), then 3 without a lower one
    history = {"val_loss": [0.9, 0.4, 0.5, 0.4, 0.45], "val_accuracy": [0.5, 0.8, 0.7, 0.9, 0.75]}
    text = train_text.stop_reason(s, [1, 2, 3, 4, 5], history)
    assert "after epoch 5 of 10" in text and "for 3 epochs" in text and "validation loss had not fallen" in text
    assert "best epoch, 2 (validation loss 0.400, accuracy 80.0%)" in text
    assert train_text.stop_reason(s, list(range(1, 11)), {"val_loss": [0.5] * 10}) == ""  # ran every epoch
    off = TrainSettings(epochs=10, early_stopping=0)
    assert train_text.stop_reason(off, [1, 2], {"val_loss": [0.5, 0.6]}) == ""
    long = TrainSettings(epochs=40, early_stopping=3)  # the patience grows with the run: a quarter of it
    assert "for 10 epochs" in train_text.stop_reason(long, list(range(1, 15)), {"val_loss": [0.5] * 14})


def test_fine_tuning_phases_are_named_separately():
    s = TrainSettings(mode="finetune", epochs=4, finetune_epochs=5, early_stopping=2)
    # Head: stopped after 3 of 4 (best epoch 1); fine-tuning (epochs 5..) ran all 5.
    epochs = [1, 2, 3, 5, 6, 7, 8, 9]
    history = {"val_loss": [0.2, 0.3, 0.25, 0.7, 0.6, 0.5, 0.4, 0.3]}
    text = train_text.stop_reason(s, epochs, history)
    assert text.startswith("Training the head stopped early, after epoch 3 of 4") and "Fine-tuning" not in text
    text = train_text.stop_reason(s, [1, 2, 3, 4, 5, 6, 7], {"val_loss": [.9, .8, .7, .6, .1, .5, .4]})
    assert text.startswith("Fine-tuning stopped early, after epoch 3 of 5") and "best epoch, 1 (validation loss" in text


def test_what_a_cancel_kept():
    kept = TrainingCancelled("/models/.x.1.ab.tmpdir/checkpoint.keras", best_epoch=3, best_accuracy=0.875)
    text = train_text.kept_html(kept, cancelled_at=5)
    assert "during epoch 5" in text and "epoch 3" in text and "87.5%" in text
    assert "nothing was kept" in train_text.kept_html(TrainingCancelled(None), 1)
    assert "nothing was kept" in train_text.kept_html(None, 1)


def test_confusion_cell_images():
    import numpy as np

    report = DatasetReport("root", ["cat", "dog"], {"cat": 2, "dog": 2},
                           val=[Sample("c1", 0), Sample("c2", 0), Sample("d1", 1), Sample("d2", 1)])
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.3, 0.7], [0.6, 0.4]])
    ev = evaluate(probs, np.array([0, 0, 1, 1]), ["c1", "c2", "d1", "d2"])
    assert train_text.cell_paths(report, ev, 0, 1) == ["c2"] and train_text.cell_paths(report, ev, 1, 0) == ["d2"]
    assert train_text.cell_paths(report, ev, 0, 0) == ["c1"] and train_text.cell_paths(report, ev, 1, 1) == ["d1"]
    assert "taken for" in train_text.cell_title(report.classes, 0, 1, 1)


def test_moved_text_and_breakable_paths():
    move = SimpleNamespace(source="/d/cat/a.jpg", target="/d/dog/a (2).jpg")
    assert "to the folder 'dog' as a (2).jpg" in train_text.moved_text(move)
    assert "\u200b" not in train_text.breakable("/a/b") and "&#8203;" in train_text.breakable("/a/b")


def test_status_bar_does_not_repeat_itself():
    assert job_text("Loading TensorFlow", "Loading TensorFlow…") == "Loading TensorFlow…"
    assert job_text("Loading TensorFlow", "Reading keras.applications…") == ("Loading TensorFlow: "
                                                                            "Reading keras.applications…")
    assert job_text("Export", "") == "Export"
    assert job_text("Grad-CAM of misclassified images", "Grad-CAM of misclassified image 2") == (
        "Grad-CAM of misclassified image 2")
    assert job_text("Training MobileNet (extract)", "epoch 2 of 10") == "Training MobileNet (extract): epoch 2 of 10"
