"""The augment and fine-tune modes: the base runs on every batch of raw pixels.

Each phase runs one of two ways, chosen by the backend setting (``auto``: split execution
on a CPU where the prefix converts, Keras on a GPU):

* **split execution** (:mod:`.split_fit`): the frozen part of the base — all of it while
  the head trains, everything below the unfrozen top layers while fine-tuning — runs on
  OpenVINO (:func:`engine.backends.prefix.attach_prefix`), the rest in Keras with
  gradients;
* **Keras**: ``model.fit`` on the whole model, as before (also the fallback, with the
  reason, when the prefix cannot be converted or does not match Keras).

Both ways read the same batches (:mod:`.pixel_data`: decoded in parallel, augmented in the
pipeline's threads, :mod:`.augment`), so with the same seed they train alike.  Either way
the model trained and saved is the same full Keras model; progress says what runs where.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import jobs
from . import pixel_data, split_fit
from .augment import Augmenter
from .reporter import reporter_class
from .samples import ordered
from .stopping import StopRule, keras_callback

#: Split execution is not offered under a multi-device strategy (its variables are mirrored).
STRATEGY_NOTICE = "training on several devices: Keras runs every layer"


@dataclass
class PixelRun:
    history: dict
    reporter: object
    execution: list = field(default_factory=list)  # per phase: what ran where (for the user and the metadata)
    stopped: list = field(default_factory=list)  # per phase: (epochs run, epoch kept) when early stopping acted


def _compile(model, lr, settings, steps: int, epochs: int):
    model.compile(optimizer=_optimizer(lr, settings, steps, epochs), loss="sparse_categorical_crossentropy",
                  weighted_metrics=["accuracy"])  # a refused file (weight 0) is not scored either


def _optimizer(lr, settings, steps: int, epochs: int):
    import keras

    rate = lr
    if settings.lr_schedule == "cosine":
        rate = keras.optimizers.schedules.CosineDecay(lr, max(1, steps * epochs))
    return keras.optimizers.Adam(rate)


def _prefix_plan(model, base, cut, spec_name: str, untrained: bool):
    from ..backends.prefix import PrefixPlan

    preprocess = model.get_layer("preprocess")
    prefix = cut.prefix
    top = cut.label
    whole = cut.suffix is None
    name = f"{spec_name} base" if whole else f"{spec_name} up to {top}"

    def forward(pixels):
        out = prefix(preprocess(pixels), training=False)
        return out if isinstance(out, (list, tuple)) else [out]

    return PrefixPlan(name, prefix, forward, int(model.input_shape[1]),
                      preprocess_id=f"FamilyPreprocess:{preprocess.family}", cacheable=not untrained)


def _split_runner(model, base, settings, spec_name: str, untrained: bool, progress, cancel):
    """(runner parts or None, a line saying what runs where)."""
    import tensorflow as tf

    from ..backends import cut as cutting
    from ..backends.prefix import attach_prefix, stays_on_keras
    from .resume import head_layers

    if tf.distribute.has_strategy():  # --devices all: inside the MirroredStrategy's scope (.distribute)
        return None, f"every layer on Keras ({STRATEGY_NOTICE})"
    plain = stays_on_keras(settings.backend, untrained)
    if plain is not None:
        return None, f"every layer on {plain.label}" + (f" ({plain.notice})" if plain.notice else "")
    cut = cutting.below_trainable(base.model)
    if cut is None:
        return None, "every layer on Keras (nothing frozen below the trainable layers)"
    plan = _prefix_plan(model, base, cut, spec_name, untrained)
    runner, info = attach_prefix(plan, settings.backend, progress=progress, cancel=cancel)
    if runner is None:
        why = f" ({info.notice})" if info.notice else ""
        return None, f"every layer on {info.label}{why}"
    shapes = [tuple(int(d) for d in t.shape[1:]) for t in cut.prefix.outputs]
    parts = split_fit.Parts(model, cut.suffix, head_layers(model), split_fit.runner_call(runner), shapes)
    above = "the head" if cut.suffix is None else "the unfrozen layers and the head"
    line = f"{plan.name} on {info.label}, {above} on Keras (split execution)"
    if info.notice:
        line += f"; {info.notice}"
    return parts, line


def train_pixels(model, base, spec_name: str, report, settings, *, checkpoint, progress, cancel, on_epoch,
                 on_batch, skipped: list, untrained: bool) -> PixelRun:
    """Both phases of the augment/fine-tune modes on ``model`` (the full model around ``base``)."""
    size = int(model.input_shape[1])
    steps = int(np.ceil(len(report.train) / settings.batch_size))
    two = settings.mode == "finetune"
    epochs_total = settings.epochs + (settings.finetune_epochs if two else 0)
    Reporter = reporter_class()
    run = PixelRun({}, None)
    augmenter = Augmenter(settings.augmentations, settings.seed)
    data_t = pixel_data.from_samples(ordered(report.train, True, settings.seed), size, settings.resize_policy,
                                     settings.batch_size, skipped, augmenter)
    data_v = pixel_data.from_samples(report.val, size, settings.resize_policy, settings.batch_size, skipped)
    keras_data: dict = {}
    clock: dict = {}  # the run's epoch, for the Keras pipeline's augmentation

    def phase(label, epochs, lr, start, best, best_epoch, best_accuracy):
        parts, where = _split_runner(model, base, settings, spec_name, untrained,
                                     jobs.sub_progress(progress, start / epochs_total, start / epochs_total), cancel)
        run.execution.append(f"{label}: {where}" if label else where)
        jobs.report(progress, start / epochs_total, (f"{label}: " if label else "") + where)
        short = "split execution" if parts is not None else where.split(" (")[0]
        rep = Reporter(progress, cancel, on_epoch, epochs_total, checkpoint, start, best, on_batch=on_batch,
                       phase=label, phase_epochs=epochs, best_epoch=best_epoch, steps=steps,
                       best_accuracy=best_accuracy, where=short)
        rule = StopRule(settings.early_stopping, epochs)
        if parts is not None:
            fitter = split_fit.SplitFit(parts, _optimizer(lr, settings, steps, epochs))
            history = fitter.fit(data_t, data_v if len(report.val) else None, epochs=epochs, reporter=rep,
                                 rule=rule, first_epoch=start)
            watch = fitter.watch
        else:
            import keras

            if not keras_data:
                keras_data["t"] = pixel_data.keras_dataset(data_t, clock)
                keras_data["v"] = pixel_data.keras_dataset(data_v, clock)
            _compile(model, lr, settings, steps, epochs)
            stop = keras_callback(rule)
            tick = keras.callbacks.LambdaCallback(on_epoch_begin=lambda e, logs=None: clock.update(epoch=start + e))
            h = model.fit(keras_data["t"], validation_data=keras_data["v"] if len(report.val) else None,
                          epochs=epochs, callbacks=[tick, rep, stop, keras.callbacks.TerminateOnNaN()], verbose=0,
                          shuffle=False)  # shuffled once, as it is read
            history = {k: [float(v) for v in vals] for k, vals in h.history.items()}
            watch = stop.watch
        ran = len(history.get("loss", []))
        if watch is not None and watch.stopped_at is not None:
            run.stopped.append((label or "training", ran, watch.best_epoch + 1, rule.effective_patience))
        return history, rep

    label1 = "training the head" if two else ""
    history, rep = phase(label1, settings.epochs, settings.learning_rate, 0, float("inf"), 0, None)
    run.history, run.reporter = history, rep
    if two and not rep.cancelled and _finite(history):
        unfreeze_last(base.model, settings.unfreeze)
        h2, rep2 = phase("fine-tuning", settings.finetune_epochs, settings.finetune_learning_rate, settings.epochs,
                         rep.best, rep.best_epoch, rep.best_accuracy)
        for k, vals in h2.items():
            history.setdefault(k, []).extend(vals)
        rep.cancelled = rep.cancelled or rep2.cancelled
        rep.best, rep.best_epoch, rep.best_accuracy = rep2.best, rep2.best_epoch, rep2.best_accuracy
        rep.epoch_times += rep2.epoch_times
        rep.batch_losses += rep2.batch_losses
    return run


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


def _finite(history: dict) -> bool:
    return all(np.isfinite(v) for k in ("loss", "val_loss") for v in history.get(k, []))

