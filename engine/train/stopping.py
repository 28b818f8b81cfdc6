"""When a run stops early, which epoch it keeps, and whether what it learned beats chance.

Early stopping watches the validation loss (the training loss where there is no validation
set): on a small validation set accuracy moves in steps of a whole image and sits still
for epochs while the model is still improving — a run stopped on it once ended at epoch 7
of 10 calling every image "hotdog" while the validation loss was still falling.  The
patience is the setting's, but never less than a quarter of the phase's epochs, and no
phase stops before :func:`StopRule.min_epochs`.  The best epoch (lowest monitored loss) is
what a checkpoint keeps and what the phase ends with.

:func:`chance_verdict` says when a finished run is no better than always answering the
most common validation class: that model has learned nothing worth keeping, and the user
is told so plainly instead of reading a percentage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from ..messages import msg

MIN_EPOCHS_FLOOR = 3


def monitor_of(logs: dict) -> tuple[str, float]:
    """(name, value) of what is watched in an epoch's logs: validation loss, else training loss."""
    for name in ("val_loss", "loss"):
        value = logs.get(name)
        if value is not None:
            return name, float(value)
    return "loss", float("nan")


@dataclass(frozen=True)
class StopRule:
    patience: int  # the setting: epochs without a lower loss before stopping; 0: never stop early
    epochs: int  # planned epochs of the phase

    @property
    def active(self) -> bool:
        return self.patience > 0

    @property
    def effective_patience(self) -> int:
        return max(self.patience, math.ceil(self.epochs / 4)) if self.active else 0

    @property
    def min_epochs(self) -> int:
        """No stop before this epoch (1-based): a third of the phase, at least three epochs."""
        return min(self.epochs, max(MIN_EPOCHS_FLOOR, math.ceil(self.epochs / 3)))

    def describe(self) -> str:
        if not self.active:
            return "early stopping off"
        return (f"early stopping on the validation loss: after {self.effective_patience} epochs without a lower "
                f"loss, not before epoch {self.min_epochs}")


class Watch:
    """One phase's monitor: the best epoch so far, its weights, and when to stop.

    ``get_weights``/``set_weights`` read and restore the trained weights (a model's, or the
    head's alone); weights are copied only when an epoch improves and early stopping is on.
    """

    def __init__(self, rule: StopRule, get_weights: Callable[[], list], set_weights: Callable[[list], None]):
        self.rule = rule
        self._get, self._set = get_weights, set_weights
        self.best = math.inf
        self.best_epoch = -1  # 0-based, within the phase
        self.best_weights: Optional[list] = None
        self.stopped_at: Optional[int] = None  # 0-based epoch after which the phase stopped early

    def update(self, epoch: int, logs: dict) -> bool:
        """Record epoch ``epoch`` (0-based); True when the phase should stop after it."""
        _, value = monitor_of(logs)
        if not math.isfinite(value):
            return False  # a NaN is TerminateOnNaN's business
        if value < self.best:
            self.best, self.best_epoch = value, epoch
            if self.rule.active:
                self.best_weights = [np.array(w, copy=True) for w in self._get()]
            return False
        if not self.rule.active or epoch + 1 < self.rule.min_epochs:
            return False
        if epoch - self.best_epoch >= self.rule.effective_patience:
            self.stopped_at = epoch
            return True
        return False

    def restore(self, last_epoch: int) -> bool:
        """At the phase's end: put the best epoch's weights back when a later epoch was worse.
        Returns True when it did."""
        if self.best_weights is None or self.best_epoch == last_epoch:
            return False
        self._set(self.best_weights)
        return True


def keras_callback(rule: StopRule):
    """The :class:`Watch` as a Keras callback (for ``model.fit``), restoring at the end."""
    import keras

    class StopOnLoss(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.watch: Optional[Watch] = None
            self._last = -1

        def on_train_begin(self, logs=None):
            self.watch = Watch(rule, self.model.get_weights, self.model.set_weights)

        def on_epoch_end(self, epoch, logs=None):
            self._last = epoch
            if self.watch.update(epoch, dict(logs or {})):
                self.model.stop_training = True

        def on_train_end(self, logs=None):
            if self._last >= 0:
                self.watch.restore(self._last)

    return StopOnLoss()


def chance_verdict(predicted: Sequence[int], labels: Sequence[int], classes: Sequence[str]) -> str:
    """A warning when the predictions are no better than always answering the most common
    validation class (or all one class); "" otherwise, and when there is nothing to judge."""
    labels = np.asarray(labels, np.int64)
    predicted = np.asarray(predicted, np.int64)
    if len(labels) == 0 or len(classes) < 2:
        return ""
    accuracy = float((predicted == labels).mean())
    counts = np.bincount(labels, minlength=len(classes))
    majority = int(counts.argmax())
    baseline = counts[majority] / len(labels)
    one_class = len(set(predicted.tolist())) == 1
    if accuracy > baseline + 1e-9 and not one_class:
        return ""
    if one_class:
        return msg("train.chance_one_class", "This model is no better than chance: validation accuracy {accuracy:.0%}, "
                   "and it answers '{name}' for every validation image. It has not learned to tell the classes "
                   "apart. Try more epochs, more images per class, a higher learning rate, or the "
                   "feature-extraction mode.", accuracy=accuracy, name=classes[int(predicted[0])])
    return msg("train.chance_majority", "This model is no better than chance: validation accuracy {accuracy:.0%}, "
               "and always answering '{name}' would score {baseline:.0%}. It has not learned to tell the classes "
               "apart. Try more epochs, more images per class, a higher learning rate, or the feature-extraction "
               "mode.", accuracy=accuracy, name=classes[majority], baseline=float(baseline))
