"""The extract mode: the base runs once per image into the feature cache (on the chosen
inference backend), and only the head trains, on the cached features (:mod:`.head_fit`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import jobs
from ..errors import StudioError
from ..messages import msg
from .reporter import atomic_save, reporter_class


@dataclass
class ExtractRun:
    history: dict
    reporter: object
    fitter: object
    model: object  # the full model around the trained head
    val_kept: list  # indices of the validation samples whose features were read
    val_features: object = None  # their features (the evaluation scores them without a second base pass)
    base_passes: int = 0
    skipped: list = field(default_factory=list)
    execution: list = field(default_factory=list)
    stopped: list = field(default_factory=list)


def feature_head(head_model, pooled: bool):
    """The head as trained on cached features: without its pooling layer when the features
    were pooled as they were read (the layers are shared, so ``head_model`` trains too)."""
    if not pooled:
        return head_model
    import keras

    x = inputs = keras.Input((int(head_model.input_shape[-1]),))
    for layer in head_model.layers[2:]:  # [input, global average pooling, ...]
        x = layer(x)
    return keras.Model(inputs, x, name="head_on_pooled_features")


def train_extract(base, spec, head_model, report, settings, *, checkpoint, progress, cancel, on_epoch, on_batch,
                  cache, continued: bool, full_model) -> ExtractRun:
    from .. import backends
    from . import resume
    from .features import FeatureCache
    from .head_fit import HeadFit, head_path, save_head

    size = base.input_size
    backends.attach(base, settings.backend, progress=jobs.sub_progress(progress, 0.0, 0.05), cancel=cancel)
    where = f"feature caching on {base.backend.describe()}, the head on Keras"
    jobs.report(progress, 0.05, where)
    # bf16 features are not Keras' features: they get cache entries of their own.
    tag = "|bf16" if base.backend.precision == "bf16" and base.backend.name == backends.OPENVINO else ""
    tag += resume.cache_tag(base.model) if continued else ""
    cache = cache or FeatureCache(base.request.key + tag, base.weights_path, size, settings.resize_policy)
    before = cache.base_passes
    sub = jobs.sub_progress(progress, 0.0, 0.3)
    pooled = settings.pooling == "avg"  # the head starts with global average pooling: pool as read
    ft = cache.features(base, [s.path for s in report.train], progress=sub, cancel=cancel, pool=pooled)
    fv = cache.features(base, [s.path for s in report.val], progress=sub, cancel=cancel, pool=pooled)
    xt, xv = ft.values, fv.values
    yt = np.array([report.train[i].label for i in ft.kept], np.int64)
    yv = np.array([report.val[i].label for i in fv.kept], np.int64)
    if not len(xt):
        raise StudioError(msg("train.nothing_readable", "No training image could be read; nothing to train on."))
    fitter = HeadFit(feature_head(head_model, pooled), settings.learning_rate, settings.lr_schedule,
                     int(np.ceil(len(xt) / settings.batch_size)), settings.epochs)
    kept_head: dict = {}
    head_file = head_path(checkpoint)

    def keep_head(epoch):  # the head only: a few KB, not the base's megabytes
        kept_head["weights"] = save_head(head_model, head_file, epoch)

    rep = reporter_class()(jobs.sub_progress(progress, 0.3, 1.0), cancel, on_epoch, settings.epochs, checkpoint,
                           on_batch=on_batch, save=keep_head)
    history = fitter.fit(xt, yt, xv, yv, epochs=settings.epochs, batch_size=settings.batch_size,
                         seed=settings.seed, reporter=rep, patience=settings.early_stopping)
    if rep.cancelled and kept_head:  # the full model, once, from the best head
        head_model.set_weights(kept_head["weights"])
        atomic_save(full_model(base.model, head_model, spec, size), checkpoint)
    run = ExtractRun(history, rep, fitter, full_model(base.model, head_model, spec, size), fv.kept, xv,
                     cache.base_passes - before, ft.skipped + fv.skipped, [where])
    if fitter.watch.stopped_at is not None:
        run.stopped.append(("training", len(history.get("loss", [])), fitter.watch.best_epoch + 1,
                            fitter.watch.rule.effective_patience))
    return run
