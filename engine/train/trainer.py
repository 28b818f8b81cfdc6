"""The three training modes from one entry point.

* ``extract``  — the base runs once per image (feature cache); only the head trains, on
  cached features: epochs after the first cost no base pass.
* ``augment``  — frozen base and new head end to end, with data augmentation on raw pixels.
* ``finetune`` — the ``augment`` run until the head converges, then the last N base layers
  are unfrozen (BatchNormalization stays frozen, i.e. in inference mode: the fixture
  weights collapse otherwise), recompiled with a lower learning rate, and trained on.

Every mode ends with one model that takes raw 0–255 pixels (preprocessing is a registered
layer inside it), so a saved bundle predicts like a zoo model.  Cancel stops within one
batch; the best checkpoint so far stays on disk.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional

import numpy as np

from .. import fileio, jobs, zoo
from ..errors import StudioError
from ..jobs import Cancelled, CancelToken, ProgressFn
from .dataset import DatasetReport
from .distribute import under_strategy
from .evaluate import Evaluation, evaluate
from .samples import pixels_dataset, predict_samples

MODES = ("extract", "augment", "finetune")


@dataclass
class TrainSettings:
    model: str = "MobileNetV2"
    alpha: Optional[float] = None
    input_size: Optional[int] = None
    weights: Optional[str] = "imagenet"
    mode: str = "extract"
    epochs: int = 10
    finetune_epochs: int = 5
    unfreeze: int = 20
    batch_size: int = 16
    learning_rate: float = 1e-3
    finetune_learning_rate: float = 1e-5
    pooling: str = "avg"
    dense: list = field(default_factory=list)
    dropout: float = 0.2
    augmentations: list = field(default_factory=lambda: ["flip", "rotation", "zoom", "contrast", "translation"])
    early_stopping: int = 5
    lr_schedule: str = "constant"  # or "cosine"
    resize_policy: str = "stretch"
    seed: int = 123
    backend: str = "auto"  # runs the extract mode's base pass (engine.backends); training stays on Keras
    devices: str = "one"  # or "all": every GPU of this machine (engine.train.distribute)
    model_file: Optional[str] = None  # fine-tune a model file further (engine.sources) instead of a zoo model
    preprocess: Optional[str] = None  # the model file's preprocessing (engine.sources.preprocessing)
    continued_from: str = ""  # the model (bundle folder or kept checkpoint) this run continued


@dataclass
class TrainResult:
    model: object
    history: dict
    evaluation: Evaluation
    settings: TrainSettings
    cancelled: bool = False
    checkpoint: Optional[str] = None
    seconds: float = 0.0
    base_passes: int = 0
    epoch_seconds: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (path, message): files refused while training


def _callback_class():
    import keras

    class Reporter(keras.callbacks.Callback):
        """Progress per batch, cancel within one batch, best checkpoint kept (atomically)."""

        def __init__(self, progress, cancel, on_epoch, total_epochs, checkpoint, start_epoch=0, best=-1.0,
                     saver=None, on_batch=None, phase="", phase_epochs=0, best_epoch=0, steps=None, save=None):
            super().__init__()
            self.save = save  # save(epoch) replaces saving a whole model (the extract mode keeps its head)
            self.planned_steps = steps
            self.phase, self.phase_epochs = phase, phase_epochs  # e.g. "fine-tuning", 5
            self.best_epoch = best_epoch  # the epoch (1-based, over all phases) the checkpoint holds
            self.saver = saver
            self.on_batch = on_batch
            self.progress, self.cancel, self.on_epoch = progress, cancel, on_epoch
            self.total, self.start = total_epochs, start_epoch
            self.checkpoint, self.best = checkpoint, best
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
                epoch = (f"{self.phase}: epoch {self._epoch + 1} of {self.phase_epochs}" if self.phase
                         else f"epoch {self.start + self._epoch + 1} of {self.total}")
                jobs.report(self.progress, done,
                            f"{epoch}, batch {batch + 1} of {steps}, loss {self.batch_losses[-1]:.3f}")
                if self.on_batch is not None:
                    self.on_batch(self.start + self._epoch + (batch + 1) / steps, self.batch_losses[-1])
            if self.cancel is not None and self.cancel.cancelled:
                self.cancelled = True
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            self.epoch_times.append(time.perf_counter() - self._t)
            logs = dict(logs or {})
            acc = logs.get("val_accuracy", logs.get("accuracy", 0.0))
            finite = np.isfinite(logs.get("loss", 0.0))
            if self.checkpoint and acc > self.best and not self.cancelled and finite:
                self.best = acc
                self.best_epoch = self.start + epoch + 1
                if self.save is not None:
                    self.save(self.best_epoch)
                else:
                    _atomic_save(self.saver() if self.saver else self.model, self.checkpoint)
            if self.on_epoch is not None:
                self.on_epoch(self.start + epoch + 1, logs)

    return Reporter


def _atomic_save(model, path) -> None:
    with fileio.atomic_path(path, suffix=".keras") as tmp:
        model.save(tmp)


def _compile(model, lr, settings: TrainSettings, steps: int, epochs: int):
    import keras

    rate = lr
    if settings.lr_schedule == "cosine":
        rate = keras.optimizers.schedules.CosineDecay(lr, max(1, steps * epochs))
    model.compile(optimizer=keras.optimizers.Adam(rate), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])


def build_base(settings: TrainSettings, policy=None):
    """The convolutional base (no top) as a LoadedModel and its spec, from :mod:`engine.sources`."""
    from .. import sources
    from ..models import ModelRequest, WeightsPolicy

    if settings.model_file:
        request = sources.file_request(settings.model_file, settings.preprocess)
    else:
        request = ModelRequest(zoo.get(settings.model).name, zoo.Variant(alpha=settings.alpha, include_top=False,
                                                                        input_size=settings.input_size),
                               settings.weights)
    base, spec = sources.training_base(request, policy or WeightsPolicy(), warm=False)
    base.call_one = None  # batches only: a last batch of one image must not trace a second function
    return base, spec


def full_model(base_model, head_model, spec, size: int, augment: list):
    """Raw pixels -> [augmentation] -> preprocessing -> base (inference mode) -> head layers.

    The head's layers are shared with ``head_model`` (trained on cached features in the
    extract mode) and applied inline: Grad-CAM then finds the softmax Dense last and uses
    its logits."""
    import keras

    from .layers import FamilyPreprocess, augmentation

    inputs = keras.Input((size, size, 3), name="pixels")
    x = augmentation(augment)(inputs) if augment else inputs
    x = FamilyPreprocess(spec.module, name="preprocess")(x)
    x = base_model(x, training=False)
    for layer in head_model.layers[1:]:  # inline, so the classifier Dense is the model's last layer
        x = layer(x)
    return keras.Model(inputs, x, name=f"{spec.name.lower()}_transfer")


def _feature_head(head_model, pooled: bool):
    """The head as trained on cached features: without its pooling layer when the features
    were pooled as they were read (the layers are shared, so ``head_model`` trains too)."""
    if not pooled:
        return head_model
    import keras

    x = inputs = keras.Input((int(head_model.input_shape[-1]),))
    for layer in head_model.layers[2:]:  # [input, global average pooling, ...]
        x = layer(x)
    return keras.Model(inputs, x, name="head_on_pooled_features")


def unfreeze_last(base_model, n: int) -> int:
    """Make the last ``n`` non-BatchNormalization layers trainable; return how many."""
    base_model.trainable = True
    count = 0
    layers = base_model.layers
    for layer in layers:
        layer.trainable = False
    for layer in reversed(layers):
        if count >= n:
            break
        if layer.__class__.__name__ == "BatchNormalization" or not layer.weights:
            continue
        layer.trainable = True
        count += 1
    return count


@under_strategy
def train(report: DatasetReport, settings: TrainSettings, *, checkpoint: Optional[str] = None, policy=None,
          progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None,
          on_epoch: Optional[Callable[[int, dict], None]] = None,
          on_batch: Optional[Callable[[float, float], None]] = None, cache=None, start=None) -> TrainResult:
    """``start``: a :class:`engine.train.resume.Start` to continue from (its base and head,
    classes matched by name) instead of the zoo weights and a new head."""
    import keras

    from . import resume
    from .features import FeatureCache
    from .head_fit import HeadFit, head_path, save_head
    from .layers import head as make_head

    if settings.mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    if start is None and settings.model_file and not settings.continued_from:
        # A model file with a head like ours (every Teachable Machine export): continue it — its
        # base and head, its classes by name — rather than train a new head on its base.
        start = resume.from_model_file(settings.model_file, settings.preprocess)
    if start is not None:
        settings = resume.merged_settings(start, settings)
    keras.utils.set_random_seed(settings.seed)
    t0 = time.perf_counter()
    # Continuing: the saved base's weights replace the zoo's, so the zoo's are not even read.
    base, spec = build_base(replace(settings, weights=None) if start is not None else settings, policy)
    size = base.input_size
    base.model.trainable = False
    n_classes = len(report.classes)
    feat_shape = tuple(base.model.output_shape[1:])
    head_model = make_head(feat_shape, n_classes, settings.pooling, settings.dense, settings.dropout)
    if start is not None:
        resume.take_over(start, base.model, head_model, report.classes)
    resume.write_run(checkpoint, settings, report.classes)
    Reporter = _callback_class()
    history: dict = {}
    epochs_total = settings.epochs + (settings.finetune_epochs if settings.mode == "finetune" else 0)
    callbacks_extra = ([keras.callbacks.EarlyStopping("val_accuracy", patience=settings.early_stopping,
                                                      restore_best_weights=True)]
                       if settings.early_stopping else [])
    base_passes = 0
    skipped: list = []
    callbacks_extra.append(keras.callbacks.TerminateOnNaN())
    if settings.mode == "extract":
        from .. import backends

        backends.attach(base, settings.backend, progress=jobs.sub_progress(progress, 0.0, 0.05), cancel=cancel)
        # bf16 features are not Keras' features: they get cache entries of their own.
        tag = "|bf16" if base.backend.precision == "bf16" and base.backend.name == backends.OPENVINO else ""
        tag += resume.cache_tag(base.model) if start is not None else ""
        cache = cache or FeatureCache(base.request.key + tag, base.weights_path, size, settings.resize_policy)
        before = cache.base_passes
        sub = jobs.sub_progress(progress, 0.0, 0.3)
        pooled = settings.pooling == "avg"  # the head starts with global average pooling: pool as read
        ft = cache.features(base, [s.path for s in report.train], progress=sub, cancel=cancel, pool=pooled)
        fv = cache.features(base, [s.path for s in report.val], progress=sub, cancel=cancel, pool=pooled)
        base_passes = cache.base_passes - before
        skipped += ft.skipped + fv.skipped
        xt, xv = ft.values, fv.values
        yt = np.array([report.train[i].label for i in ft.kept], np.int64)
        yv = np.array([report.val[i].label for i in fv.kept], np.int64)
        if not len(xt):
            raise StudioError("No training image could be read; nothing to train on.")
        fitter = HeadFit(_feature_head(head_model, pooled), settings.learning_rate, settings.lr_schedule,
                         int(np.ceil(len(xt) / settings.batch_size)), settings.epochs)
        kept_head: dict = {}
        where = head_path(checkpoint)

        def keep_head(epoch):  # the head only: a few KB, not the base's megabytes
            kept_head["weights"] = save_head(head_model, where, epoch)

        rep = Reporter(jobs.sub_progress(progress, 0.3, 1.0), cancel, on_epoch, settings.epochs, checkpoint,
                       on_batch=on_batch, save=keep_head)
        history = fitter.fit(xt, yt, xv, yv, epochs=settings.epochs, batch_size=settings.batch_size,
                             seed=settings.seed, reporter=rep, patience=settings.early_stopping)
        if rep.cancelled and kept_head:  # the full model, once, from the best head
            head_model.set_weights(kept_head["weights"])
            _atomic_save(full_model(base.model, head_model, spec, size, []), checkpoint)
        model = full_model(base.model, head_model, spec, size, [])
    else:
        model = full_model(base.model, head_model, spec, size, settings.augmentations)
        train_ds = pixels_dataset(report.train, size, settings.resize_policy, settings.batch_size, True,
                                   settings.seed, skipped)
        val_ds = pixels_dataset(report.val, size, settings.resize_policy, settings.batch_size, False, settings.seed,
                                 skipped)
        steps = int(np.ceil(len(report.train) / settings.batch_size))
        _compile(model, settings.learning_rate, settings, steps, settings.epochs)
        two = settings.mode == "finetune"
        rep = Reporter(progress, cancel, on_epoch, epochs_total, checkpoint, on_batch=on_batch,
                       phase="training the head" if two else "", phase_epochs=settings.epochs, steps=steps)
        h = model.fit(train_ds, validation_data=val_ds, epochs=settings.epochs, callbacks=[rep] + callbacks_extra,
                      verbose=0)
        history = {k: [float(v) for v in vals] for k, vals in h.history.items()}
        if settings.mode == "finetune" and not rep.cancelled and _finite(history):
            unfreeze_last(base.model, settings.unfreeze)
            _compile(model, settings.finetune_learning_rate, settings, steps, settings.finetune_epochs)
            rep2 = Reporter(progress, cancel, on_epoch, epochs_total, checkpoint, settings.epochs, rep.best,
                            on_batch=on_batch, phase="fine-tuning", phase_epochs=settings.finetune_epochs,
                            best_epoch=rep.best_epoch, steps=steps)
            h2 = model.fit(train_ds, validation_data=val_ds, epochs=settings.finetune_epochs,
                           callbacks=[rep2] + callbacks_extra, verbose=0)
            for k, vals in h2.history.items():
                history.setdefault(k, []).extend(float(v) for v in vals)
            rep.cancelled = rep.cancelled or rep2.cancelled
            rep.best, rep.best_epoch = rep2.best, rep2.best_epoch
            rep.epoch_times += rep2.epoch_times
    history["batch_loss"] = rep.batch_losses
    if rep.cancelled:
        kept = checkpoint if checkpoint and os.path.isfile(checkpoint) else None
        raise TrainingCancelled(kept, rep.best_epoch if kept else 0, rep.best if kept else None)
    if not _finite(history):
        raise TrainingDiverged(history)
    if settings.mode == "extract" and base.backend.precision != "bf16":
        probs, val = fitter.predict(xv), [report.val[i] for i in fv.kept]  # the same pixels, no second base pass
    else:
        from ..models import from_keras

        loaded = from_keras(model, lambda x: x, name="trained", class_names=report.classes)
        probs, kept, failed = predict_samples(loaded, report.val, settings.resize_policy)
        skipped += failed
        val = [report.val[i] for i in kept]
    ev = evaluate(probs, np.array([s.label for s in val], np.int64), [s.path for s in val])
    return TrainResult(model, history, ev, settings, False, checkpoint, time.perf_counter() - t0, base_passes,
                       rep.epoch_times, _unique(skipped))


class TrainingCancelled(Cancelled):
    """Carries what was kept: the checkpoint file, the epoch it holds and its accuracy
    (validation accuracy, or training accuracy without a validation set)."""

    def __init__(self, checkpoint: Optional[str], best_epoch: int = 0, best_accuracy: Optional[float] = None):
        self.checkpoint = checkpoint
        self.best_epoch, self.best_accuracy = best_epoch, best_accuracy
        kept = f" The best checkpoint so far is kept: {checkpoint}" if checkpoint else " No epoch had finished."
        super().__init__("Training cancelled." + kept)


def _finite(history: dict) -> bool:
    return all(np.isfinite(v) for k in ("loss", "val_loss") for v in history.get(k, []))


def _unique(skipped: list) -> list:
    seen, out = set(), []
    for path, message in skipped:
        if message not in seen:
            seen.add(message)
            out.append((path, message))
    return out


class TrainingDiverged(StudioError):
    """The loss became NaN or infinite: the model is meaningless and is not saved."""

    def __init__(self, history: dict):
        losses = history.get("loss", [])
        epoch = next((i + 1 for i, v in enumerate(losses) if not np.isfinite(v)), len(losses))
        super().__init__(f"Training diverged: the loss became {losses[epoch - 1] if losses else 'NaN'} at epoch "
                         f"{epoch}, so no model was saved. Try a lower learning rate (--lr), and if it happens "
                         "again clear the feature cache (`python main.py cache clear`).")


def metadata(result: TrainResult, report: DatasetReport, spec_name: str) -> dict:
    s = result.settings
    return {
        "format": 1, "name": f"{spec_name} on {Path(report.root).name}", "class_names": report.classes,
        "base_model": spec_name, "alpha": s.alpha, "weights": s.weights, "input_size": int(result.model.input_shape[1]),
        "preprocessing": "inside the model (FamilyPreprocess layer): give raw 0-255 RGB pixels",
        "resize_policy": s.resize_policy, "training": asdict(s), "metrics": result.evaluation.as_dict(report.classes),
        "dataset": report.summary(), "history": {k: v for k, v in result.history.items() if k != "batch_loss"},
        "seconds": result.seconds,
    }
