"""What the Train tab and the status bar say, from plain data (no window needed)."""

from __future__ import annotations

from types import SimpleNamespace

from engine.train.dataset import DatasetReport, Sample
from engine.train.evaluate import evaluate
from engine.train.trainer import TrainSettings, TrainingCancelled
from gui.train import text as train_text
from gui.shell.job_status import job_text


def test_early_stopping_is_explained_with_the_kept_epoch():
    s = TrainSettings(epochs=10, early_stopping=3)
    history = {"val_accuracy": [0.5, 0.8, 0.7, 0.8, 0.75]}  # best 0.8 first at epoch 2, then 3 without progress
    text = train_text.stop_reason(s, [1, 2, 3, 4, 5], history)
    assert "after epoch 5 of 10" in text and "for 3 epochs" in text and "best epoch, 2 (80.0%)" in text
    assert train_text.stop_reason(s, list(range(1, 11)), {"val_accuracy": [0.5] * 10}) == ""  # ran every epoch
    off = TrainSettings(epochs=10, early_stopping=0)
    assert train_text.stop_reason(off, [1, 2], {"val_accuracy": [0.5, 0.6]}) == ""


def test_fine_tuning_phases_are_named_separately():
    s = TrainSettings(mode="finetune", epochs=4, finetune_epochs=5, early_stopping=2)
    # Head: stopped after 3 of 4 (best epoch 1); fine-tuning (epochs 5..) ran all 5.
    epochs = [1, 2, 3, 5, 6, 7, 8, 9]
    history = {"val_accuracy": [0.9, 0.8, 0.9, 0.7, 0.8, 0.85, 0.9, 0.95]}
    text = train_text.stop_reason(s, epochs, history)
    assert text.startswith("Training the head stopped early, after epoch 3 of 4") and "Fine-tuning" not in text
    text = train_text.stop_reason(s, [1, 2, 3, 4, 5, 6, 7], {"val_accuracy": [.1, .2, .3, .4, .9, .5, .6]})
    assert text.startswith("Fine-tuning stopped early, after epoch 3 of 5") and "best epoch, 1 (90.0%)" in text


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


def test_a_resumed_run_counts_its_epochs_on_from_the_kept_one():
    from gui.train.run_history import RunHistory

    run = RunHistory()
    run.start()
    for e in range(1, 6):
        run.add_epoch(e, {"loss": 1.0 / e, "val_accuracy": 0.1 * e})
    run.add_batch(4.5, 0.3)
    run.add_batch(5.0, 0.2)
    run.start(resumed_at=3)  # the run was cancelled during epoch 6 and kept epoch 3
    assert run.epochs == [1, 2, 3] and run.history["loss"] == [1.0, 0.5, 1.0 / 3] and run.batches == []
    assert run.before() == {"loss": [1.0, 0.5, 1.0 / 3], "val_accuracy": [0.1, 0.2, 0.30000000000000004]}
    assert run.add_epoch(1, {"loss": 0.2, "val_accuracy": 0.9}) == 4
    run.add_batch(0.5, 0.25)
    assert run.epochs == [1, 2, 3, 4] and run.batches == [(3.5, 0.25)]
    assert run.this_run() == ([1], {"loss": [0.2], "val_accuracy": [0.9]})
    assert run.renumber("epoch 1 of 7, batch 2 of 3, loss 0.2") == "epoch 4 of 10, batch 2 of 3, loss 0.2"
    assert run.renumber("training the head: epoch 2 of 7") == "training the head: epoch 5 of 10"
    assert run.renumber("fine-tuning: epoch 1 of 5") == "fine-tuning: epoch 1 of 5"  # its own count
    s = TrainSettings(epochs=7, early_stopping=2)
    text = train_text.stop_reason(s, [1, 2, 3], {"val_accuracy": [0.9, 0.8, 0.85]}, offset=3)
    assert "after epoch 6 of 10" in text and "best epoch, 4 (90.0%)" in text
    assert train_text.resumed_text(3, 10).startswith("Resumed from epoch 3")
    kept = TrainingCancelled("/models/.x.1.ab.tmpdir/checkpoint.keras", best_epoch=2, best_accuracy=0.5)
    assert "epoch 5 (validation" in train_text.kept_html(kept, cancelled_at=7, offset=3)


def test_the_curves_number_epochs_on_and_mark_where_the_run_resumed():
    from matplotlib.figure import Figure

    from gui.train import curves

    fig = Figure()
    history = {"loss": [1.0, 0.8, 0.7, 0.5, 0.4], "val_loss": [1.1, 0.9, 0.8, 0.6, 0.5]}
    curves.draw(fig, history, [(0.5, 1.2), (4.5, 0.45)], None, [1, 2, 3, 4, 5], resumed_at=3)
    loss = fig.axes[0]
    line = next(ln for ln in loss.lines if ln.get_label() == "loss")
    assert list(line.get_xdata()) == [1, 2, 3, 4, 5]
    marks = [ln for ln in loss.lines if ln.get_label() == "resumed from epoch 3"]
    assert len(marks) == 1 and list(marks[0].get_xdata()) == [3.5, 3.5]
    assert "resumed from epoch 3" in loss.get_title()
