"""One phase of the augment and fine-tune modes with split execution: the frozen prefix of
the base on an inference backend (OpenVINO), the rest in Keras with gradients.

Per batch: the (augmented) raw pixels from :mod:`.pixel_data` — the same batches
``model.fit`` gets — through the prefix on the runner, then one compiled step over the
suffix of the base (in inference mode: BatchNormalization stays frozen, as in the full
model) and the head (in training mode: dropout), the loss, the gradients and the
optimizer update.  Loss,
accuracy and their validation figures are aggregated the way ``model.fit`` aggregates
them, so the history, the checkpoints, early stopping and progress are those of a Keras
run; only where the arithmetic of the frozen layers happens differs.

The prefix is frozen for the whole phase, and validation images are not augmented, so
their prefix outputs are computed once per phase and kept (within a memory budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .pixel_data import Data
from .stopping import StopRule, Watch

VAL_CACHE_BYTES = 1 << 30  # validation prefix outputs kept in memory per phase, at most


@dataclass
class Parts:
    """The full model's pieces, as :func:`engine.train.trainer.full_model` put them together."""

    model: object  # keras.Model: pixels -> probabilities
    suffix: Optional[object]  # the base above the cut (keras.Model over the crossing tensors), or None
    head: list  # the head's layers, in order
    runner: object  # runs the prefix: float32 raw pixels -> list of crossing tensors
    crossing_shapes: list  # per crossing tensor, its shape without the batch dimension


class SplitFit:
    """The compiled pieces of one phase (traced once: the batch dimension is None)."""

    def __init__(self, parts: Parts, optimizer):
        import keras
        import tensorflow as tf

        self.parts, self.optimizer = parts, optimizer
        model = parts.model
        self.variables = list(model.trainable_variables)
        optimizer.build(self.variables)
        self.traces = 0
        loss_fn = keras.losses.SparseCategoricalCrossentropy()
        crossing = [tf.TensorSpec([None, *shape], tf.float32) for shape in parts.crossing_shapes]
        labels = [tf.TensorSpec([None], tf.int32), tf.TensorSpec([None], tf.float32)]

        def forward(tensors, training):
            x = parts.suffix(list(tensors), training=False) if parts.suffix is not None else tensors[0]
            for layer in parts.head:
                x = layer(x, training=training)
            return x

        def figures(y, probs, w):
            loss = loss_fn(y, probs, sample_weight=w)
            correct = tf.cast(tf.equal(tf.cast(tf.argmax(probs, 1), tf.int32), y), tf.float32)
            return loss, tf.reduce_sum(correct * w), tf.reduce_sum(w)

        @tf.function(input_signature=[crossing] + labels)
        def step(tensors, y, w):
            self.traces += 1
            with tf.GradientTape() as tape:
                probs = forward(tensors, True)
                loss, right, counted = figures(y, probs, w)
                extra = model.losses
                total = loss + tf.add_n(extra) if extra else loss
            grads = tape.gradient(total, self.variables)
            self.optimizer.apply_gradients(zip(grads, self.variables))
            return total, right, counted

        @tf.function(input_signature=[crossing] + labels)
        def score(tensors, y, w):
            self.traces += 1
            probs = forward(tensors, False)
            loss, right, counted = figures(y, probs, w)
            extra = model.losses
            return (loss + tf.add_n(extra) if extra else loss), right, counted

        self.step, self.score = step, score

    def prefix(self, pixels) -> list:
        return self.parts.runner(np.asarray(pixels, np.float32))

    def fit(self, train: Data, val: Optional[Data], *, epochs: int, reporter, rule: StopRule,
            first_epoch: int = 0) -> dict:
        """``epochs`` of training (fewer when cancelled — the reporter sees the cancel token
        after every batch —, stopped early or the loss is not finite); ``first_epoch``: the
        run's epoch this phase starts at (augmentation is drawn per run epoch).  Returns the
        history as ``model.fit`` gives it."""
        model = self.parts.model
        model.stop_training = False
        reporter.set_model(model)
        reporter.set_params({"steps": train.steps, "epochs": epochs})
        watch = Watch(rule, model.get_weights, model.set_weights)
        history: dict = {}
        val_cache: Optional[list] = None
        last = -1
        for epoch in range(epochs):
            reporter.on_epoch_begin(epoch)
            loss_sum = seen = right = counted = 0.0
            finite = True
            for b, (pixels, y, w) in enumerate(train.batches(first_epoch + epoch)):
                loss, r, c = self.step(self.prefix(pixels), y.astype(np.int32), w)
                n = len(y)
                loss_sum, seen = loss_sum + float(loss) * n, seen + n  # Keras' loss: weighted by batch size
                right, counted = right + float(r), counted + float(c)
                reporter.on_train_batch_end(b, {"loss": loss_sum / seen})
                finite = bool(np.isfinite(float(loss)))
                if model.stop_training or not finite:
                    break
            logs = {"accuracy": right / max(counted, 1.0), "loss": loss_sum / max(seen, 1.0)}
            cancelled = bool(getattr(reporter, "cancelled", False))
            if val is not None and len(val.paths) and finite:
                if cancelled and not val_cache:  # a cancel never waits for a validation pass: not reported
                    break
                if val_cache is None:
                    val_cache = self._val_batches(val)
                logs.update(self._evaluate(val, val_cache))
            for k, v in logs.items():
                history.setdefault(k, []).append(float(v))
            last = epoch
            reporter.on_epoch_end(epoch, logs)
            if model.stop_training or not finite or not np.isfinite(logs["loss"]):
                break
            if watch.update(epoch, logs):
                break
        if last >= 0 and not getattr(reporter, "cancelled", False):
            watch.restore(last)
        self.watch = watch
        return history

    def _val_batches(self, val: Data) -> list:
        """The validation set's prefix outputs, computed once when they fit the budget, else []."""
        per_image = sum(int(np.prod(s)) for s in self.parts.crossing_shapes) * 4
        if per_image * len(val.paths) > VAL_CACHE_BYTES:
            return []
        return [(self.prefix(pixels), y, w) for pixels, y, w in val.batches()]

    def _evaluate(self, val: Data, cached: list) -> dict:
        batches = cached or ((self.prefix(px), y, w) for px, y, w in val.batches())
        loss_sum = seen = right = counted = 0.0
        for tensors, y, w in batches:
            loss, r, c = self.score(tensors, y.astype(np.int32), w)
            loss_sum, seen = loss_sum + float(loss) * len(y), seen + len(y)
            right, counted = right + float(r), counted + float(c)
        return {"val_accuracy": right / max(counted, 1.0), "val_loss": loss_sum / max(seen, 1.0)}


def runner_call(runner) -> Callable:
    """A prefix runner as ``pixels -> list of arrays``."""
    return lambda pixels: list(runner.run(pixels))
