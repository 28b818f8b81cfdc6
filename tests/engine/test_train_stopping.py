"""Early stopping watches the validation loss (a patience that grows with the run, never a
stop before a minimum epoch), the kept epoch is the lowest loss, and a run no better than
chance says so — in the result, the saved metadata and on the command line."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from engine.train import dataset, stopping, trainer
from engine.train.stopping import StopRule, Watch

from .test_train import own_home  # noqa: F401  (fixture)


def _old_rule_stop(val_accuracy, patience=5):
    """The former rule (Keras' EarlyStopping on val_accuracy): the epoch (1-based) it stopped after."""
    best, wait = -np.inf, 0
    for epoch, acc in enumerate(val_accuracy):
        wait += 1
        if acc > best:
            best, wait = acc, 0
        elif wait >= patience and epoch > 0:
            return epoch + 1
    return None


class _Weights:
    def __init__(self):
        self.value, self.restored = 0, None

    def get(self):
        return [np.array([self.value])]

    def set(self, weights):
        self.restored = int(weights[0][0])


def _run(rule, val_loss, val_accuracy=None):
    w = _Weights()
    watch = Watch(rule, w.get, w.set)
    for epoch, loss in enumerate(val_loss):
        w.value = epoch + 1  # the weights after epoch `epoch + 1`
        logs = {"val_loss": loss, "val_accuracy": (val_accuracy or [0.33] * len(val_loss))[epoch]}
        if watch.update(epoch, logs):
            break
    watch.restore(epoch)
    return epoch + 1, watch, w


def test_a_run_whose_validation_loss_still_falls_goes_on():
    """The reported run: accuracy stuck at 33 % (every image "hotdog") while the loss fell.
    The old rule stopped it after epoch 7 of 10; the loss still improves there, so it goes on."""
    accuracy = [0.0] + [0.33] * 9
    loss = [1.30, 1.21, 1.15, 1.11, 1.08, 1.06, 1.04, 1.03, 1.02, 1.015]
    assert _old_rule_stop(accuracy) == 7
    ran, watch, w = _run(StopRule(5, 10), loss, accuracy)
    assert ran == 10 and watch.stopped_at is None and watch.best_epoch == 9
    assert w.restored is None  # the last epoch is the best: nothing to restore


def test_it_stops_after_the_patience_and_restores_the_best_epoch():
    loss = [1.0, 0.8, 0.6, 0.7, 0.75, 0.8, 0.9, 0.95, 1.0, 1.1, 1.2, 1.3]
    ran, watch, w = _run(StopRule(3, 12), loss)
    assert ran == 6 and watch.stopped_at == 5  # best at epoch 3, then 3 epochs without a lower loss
    assert w.restored == 3 and watch.best == pytest.approx(0.6)


def test_never_before_the_minimum_epoch_and_patience_grows_with_the_run():
    rising = [0.5 + 0.1 * i for i in range(30)]
    ran, _, w = _run(StopRule(1, 30), rising)  # patience 1 is raised to ceil(30 / 4) = 8; no stop before 10
    assert ran == 10 and w.restored == 1
    assert StopRule(1, 30).effective_patience == 8 and StopRule(1, 30).min_epochs == 10
    assert StopRule(5, 10).effective_patience == 5 and StopRule(5, 10).min_epochs == 4
    assert StopRule(2, 2).min_epochs == 2  # a run shorter than the floor: its length
    ran, watch, _ = _run(StopRule(0, 12), rising[:12])  # off: every epoch, the best still known
    assert ran == 12 and watch.stopped_at is None and watch.best_epoch == 0


def test_without_a_validation_set_the_training_loss_is_watched():
    assert stopping.monitor_of({"loss": 0.4, "accuracy": 0.9}) == ("loss", 0.4)
    assert stopping.monitor_of({"loss": 0.4, "val_loss": 0.7}) == ("val_loss", 0.7)


def test_the_keras_callback_stops_and_restores_as_the_watch_does():
    """The adapter model.fit uses, driven the way fit drives it (model.fit itself runs in the
    split-execution equivalence tests)."""

    class Model:
        stop_training = False
        weights = [np.zeros(1)]

        def get_weights(self):
            return [w.copy() for w in self.weights]

        def set_weights(self, weights):
            self.weights = [np.array(w) for w in weights]

    model = Model()
    stop = stopping.keras_callback(StopRule(3, 12))
    stop.set_model(model)
    stop.on_train_begin()
    loss = [1.0, 0.8, 0.6, 0.7, 0.75, 0.8, 0.9]
    for epoch, value in enumerate(loss):
        model.weights = [np.array([epoch + 1.0])]
        stop.on_epoch_end(epoch, {"val_loss": value})
        if model.stop_training:
            break
    stop.on_train_end()
    assert epoch == 5 and model.stop_training and model.weights[0][0] == 3.0


def test_chance_verdict():
    classes = ["cat", "dog", "hotdog"]
    labels = [0, 1, 2, 0, 1, 2]
    assert stopping.chance_verdict([0, 1, 2, 0, 1, 2], labels, classes) == ""
    every = stopping.chance_verdict([2] * 6, labels, classes)
    assert "no better than chance" in every and "'hotdog' for every validation image" in every and "33%" in every
    imbalanced = [0] * 7 + [1] * 3  # always "cat" scores 70 %: 70 % is nothing learnt
    assert "always answering 'cat' would score 70%" in stopping.chance_verdict([0] * 5 + [1] * 2 + [0] * 3,
                                                                              imbalanced, classes[:2])
    assert stopping.chance_verdict([0] * 7 + [1, 1, 0], imbalanced, classes[:2]) == ""  # 90 %


@pytest.fixture
def indistinguishable(tmp_path):
    """Three classes holding the same images, and one image validating every class: nothing to
    learn, and whatever the model answers for it is right for exactly one class in three."""
    rng = np.random.default_rng(0)
    shared = [rng.integers(0, 255, (40, 40, 3), dtype=np.uint8) for _ in range(6)]
    for c in ("a", "b", "c"):
        (tmp_path / "d" / c).mkdir(parents=True)
        (tmp_path / "v" / c).mkdir(parents=True)
        for i, px in enumerate(shared):
            Image.fromarray(px).save(tmp_path / "d" / c / f"{i}.png")
        Image.fromarray(shared[0]).save(tmp_path / "v" / c / "0.png")
    return dataset.scan(tmp_path / "d", val_folder=tmp_path / "v")


def test_a_run_at_chance_says_so(indistinguishable, tmp_path):
    r = indistinguishable
    s = trainer.TrainSettings(model="VGG16", input_size=32, weights=None, mode="extract", epochs=3, early_stopping=0,
                              batch_size=8)
    res = trainer.train(r, s)
    assert res.evaluation.accuracy == pytest.approx(1 / 3)
    assert len(res.warnings) == 1 and "no better than chance" in res.warnings[0]
    assert trainer.metadata(res, r, "VGG16")["warnings"] == res.warnings
