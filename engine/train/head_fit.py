"""Training the head on cached features: the extract mode's epochs.

Keras' ``fit`` costs more per epoch than a small head's whole epoch (data adapters,
callbacks, a retrace for the last, smaller batch), and saving the full model at every
improving epoch cost ~1 s.  Here one compiled step (traced once: the batch dimension is
``None`` in its signature) trains a batch, one compiled call scores the validation
features held in memory, and an improving epoch keeps the *head's* weights only (in
memory and in a small ``.npz`` beside the checkpoint).  The full model is assembled
once, by the caller, from the best head.

The ``Reporter`` callback of :mod:`engine.train.reporter` is driven by hand, so progress,
cancel within one batch and the best-epoch bookkeeping are the same as in the other modes;
early stopping is the other modes' (:mod:`engine.train.stopping`: the validation loss, the
best epoch's weights restored at the end) and NaN termination behaves like Keras'
``TerminateOnNaN``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

import numpy as np

from .. import fileio
from .stopping import StopRule, Watch

HEAD_FILE = "head.npz"


class HeadFit:
    """The compiled step and scorer of one head (``model`` takes the features as they are held)."""

    def __init__(self, model, learning_rate: float, schedule: str, steps: int, epochs: int):
        import keras
        import tensorflow as tf

        self.model = model
        rate = learning_rate
        if schedule == "cosine":
            rate = keras.optimizers.schedules.CosineDecay(learning_rate, max(1, steps * epochs))
        self.optimizer = keras.optimizers.Adam(rate)
        self.optimizer.build(model.trainable_variables)
        self.traces = 0  # how often the step and the scorer were traced (once each)
        loss_fn = keras.losses.SparseCategoricalCrossentropy()
        spec = [tf.TensorSpec([None, *model.input_shape[1:]], tf.float32)]

        @tf.function(input_signature=spec + [tf.TensorSpec([None], tf.int64)])
        def step(x, y):
            self.traces += 1
            with tf.GradientTape() as tape:
                probs = model(x, training=True)
                loss = loss_fn(y, probs)
            grads = tape.gradient(loss, model.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, model.trainable_variables))
            correct = tf.reduce_sum(tf.cast(tf.equal(tf.argmax(probs, 1), y), tf.float32))
            return loss, correct

        @tf.function(input_signature=spec)
        def score(x):
            self.traces += 1
            return model(x, training=False)

        self.step, self.score = step, score

    def predict(self, x: np.ndarray, chunk: int = 4096) -> np.ndarray:
        if not len(x):
            return np.zeros((0, int(self.model.output_shape[-1])), np.float32)
        return np.concatenate([self.score(x[i:i + chunk]).numpy() for i in range(0, len(x), chunk)])

    def fit(self, xt, yt, xv, yv, *, epochs: int, batch_size: int, seed: int, reporter, patience: int = 0) -> dict:
        """Train for ``epochs`` (fewer when early stopping or a NaN stops it); returns the
        history as Keras would (loss, accuracy, val_loss, val_accuracy per epoch).
        ``patience``: the early-stopping setting (0: off), see :class:`StopRule`."""
        history: dict = {}
        n = len(xt)
        steps = int(np.ceil(n / batch_size))
        rng = np.random.default_rng(seed)
        model = self.model
        model.stop_training = False
        reporter.set_model(model)
        reporter.set_params({"steps": steps, "epochs": epochs})
        self.watch = watch = Watch(StopRule(patience, epochs), model.get_weights, model.set_weights)
        last = -1
        yt = np.asarray(yt, np.int64)
        for epoch in range(epochs):
            reporter.on_epoch_begin(epoch)
            order = rng.permutation(n)
            total_loss = correct = 0.0
            finite = True
            for b in range(steps):
                idx = order[b * batch_size:(b + 1) * batch_size]
                loss, right = self.step(xt[idx], yt[idx])
                loss = float(loss)
                total_loss += loss * len(idx)
                correct += float(right)
                reporter.on_train_batch_end(b, {"loss": loss})
                if not np.isfinite(loss):
                    finite = False
                if model.stop_training or not finite:
                    break
            done = min(n, (b + 1) * batch_size)
            logs = {"accuracy": correct / max(1, done), "loss": total_loss / max(1, done)}
            if len(xv):
                probs = self.predict(xv)
                picked = np.clip(probs[np.arange(len(yv)), np.asarray(yv, np.int64)], 1e-7, 1.0)
                logs["val_accuracy"] = float((probs.argmax(1) == yv).mean())
                logs["val_loss"] = float(-np.log(picked).mean())
            for k, v in logs.items():
                history.setdefault(k, []).append(float(v))
            last = epoch
            reporter.on_epoch_end(epoch, logs)  # a cancelled epoch is reported, never kept
            if model.stop_training or not finite:
                break
            if watch.update(epoch, logs):
                break
        if last >= 0 and not getattr(reporter, "cancelled", False) and np.isfinite(history["loss"][-1]):
            watch.restore(last)
        return history


def save_head(model, path: str | Path, epoch: int) -> list[np.ndarray]:
    """Write the head's weights (and the epoch they are from) atomically; returns a copy."""
    weights = [np.array(w) for w in model.get_weights()]
    buf = io.BytesIO()
    np.savez(buf, epoch=np.array(epoch), **{f"w{i}": w for i, w in enumerate(weights)})
    fileio.write_bytes(path, buf.getvalue())
    return weights


def load_head(path: str | Path) -> tuple[list[np.ndarray], int]:
    """(weights, epoch) from :func:`save_head`'s file; never unpickles."""
    with np.load(path, allow_pickle=False) as data:
        n = sum(1 for k in data.files if k.startswith("w"))
        return [data[f"w{i}"] for i in range(n)], int(data["epoch"])


def head_path(checkpoint: Optional[str]) -> Optional[Path]:
    return Path(checkpoint).with_name(HEAD_FILE) if checkpoint else None
