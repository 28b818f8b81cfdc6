"""The training callback every mode reports through: progress per batch, cancel within one
batch, and the best epoch kept on disk (atomically) while the run goes on.

The best epoch is the one with the lowest validation loss (training loss without a
validation set), the same measure early stopping watches (:mod:`.stopping`), so a
cancelled run keeps the model an uninterrupted run would have ended with; its accuracy is
remembered beside it for the user.  ``model.fit`` drives it as a Keras callback; the
extract mode's head fit and split execution's loop drive it by hand.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .. import fileio, jobs
from ..messages import msg
from .stopping import monitor_of


def atomic_save(model, path) -> None:
    with fileio.atomic_path(path, suffix=".keras") as tmp:
        model.save(tmp)


def reporter_class():
    import keras

    class Reporter(keras.callbacks.Callback):
        """Progress per batch, cancel within one batch, best checkpoint kept (atomically)."""

        def __init__(self, progress, cancel, on_epoch, total_epochs, checkpoint, start_epoch=0, best=math.inf,
                     saver=None, on_batch=None, phase="", phase_epochs=0, best_epoch=0, steps=None, save=None,
                     best_accuracy=None, where=""):
            super().__init__()
            self.save = save  # save(epoch) replaces saving a whole model (the extract mode keeps its head)
            self.planned_steps = steps
            self.phase, self.phase_epochs = phase, phase_epochs  # e.g. "fine-tuning", 5
            self.where = where  # what runs where, e.g. "frozen layers on OpenVINO f32", in every batch's line
            self.best_epoch = best_epoch  # the epoch (1-based, over all phases) the checkpoint holds
            self.best_accuracy = best_accuracy  # that epoch's (validation) accuracy
            self.saver = saver
            self.on_batch = on_batch
            self.progress, self.cancel, self.on_epoch = progress, cancel, on_epoch
            self.total, self.start = total_epochs, start_epoch
            self.checkpoint, self.best = checkpoint, best  # best: the lowest monitored loss so far
            self.cancelled = False
            self.epoch_times = []
            self.batch_losses = []
            self._reported = -np.inf

        def on_epoch_begin(self, epoch, logs=None):
            self._t = time.perf_counter()
            self._epoch = epoch

        def on_train_batch_end(self, batch, logs=None):
            self.batch_losses.append(float((logs or {}).get("loss", np.nan)))
            steps = self.params.get("steps") or self.planned_steps or 1
            now = time.perf_counter()
            # A head on cached features trains a batch in under a millisecond: report at most
            # every 20 ms (and each epoch's last batch), not thousands of times a second.
            if now - self._reported >= 0.02 or batch + 1 == steps:
                self._reported = now
                done = (self.start + self._epoch + (batch + 1) / steps) / self.total
                jobs.report(self.progress, done, self._batch_text(batch + 1, steps))
                if self.on_batch is not None:
                    self.on_batch(self.start + self._epoch + (batch + 1) / steps, self.batch_losses[-1])
            if self.cancel is not None and self.cancel.cancelled:
                self.cancelled = True
                self.model.stop_training = True

        def _batch_text(self, batch: int, steps: int):
            n = dict(batch=batch, steps=steps, loss=self.batch_losses[-1])
            if self.phase == "training the head":
                text = msg("train.batch_head", "training the head: epoch {epoch} of {total}, batch {batch} of "
                           "{steps}, loss {loss:.3f}", epoch=self._epoch + 1, total=self.phase_epochs, **n)
            elif self.phase == "fine-tuning":
                text = msg("train.batch_finetune", "fine-tuning: epoch {epoch} of {total}, batch {batch} of {steps}, "
                           "loss {loss:.3f}", epoch=self._epoch + 1, total=self.phase_epochs, **n)
            elif self.phase:
                text = (f"{self.phase}: epoch {self._epoch + 1} of {self.phase_epochs}, batch {batch} of {steps}, "
                        f"loss {self.batch_losses[-1]:.3f}")
            else:
                text = msg("train.batch", "epoch {epoch} of {total}, batch {batch} of {steps}, loss {loss:.3f}",
                           epoch=self.start + self._epoch + 1, total=self.total, **n)
            # what runs where (split execution), e.g. "frozen layers on OpenVINO f32"
            return msg("train.batch_where", "{step} ({where})", step=text, where=self.where) if self.where else text

        def on_epoch_end(self, epoch, logs=None):
            self.epoch_times.append(time.perf_counter() - self._t)
            logs = dict(logs or {})
            _, loss = monitor_of(logs)
            acc = logs.get("val_accuracy", logs.get("accuracy", 0.0))
            finite = np.isfinite(logs.get("loss", 0.0)) and np.isfinite(loss)
            if self.checkpoint and loss < self.best and not self.cancelled and finite:
                self.best, self.best_accuracy = loss, float(acc)
                self.best_epoch = self.start + epoch + 1
                if self.save is not None:
                    self.save(self.best_epoch)
                else:
                    atomic_save(self.saver() if self.saver else self.model, self.checkpoint)
            if self.on_epoch is not None:
                self.on_epoch(self.start + epoch + 1, logs)

    return Reporter
