"""The three training modes from one entry point.

* ``extract``  — the base runs once per image (feature cache); only the head trains, on
  cached features: epochs after the first cost no base pass.
* ``augment``  — frozen base and new head end to end, with data augmentation on raw pixels.
* ``finetune`` — the ``augment`` run until the head converges, then the last N base layers
  are unfrozen (BatchNormalization stays frozen, i.e. in inference mode: the fixture
  weights collapse otherwise), recompiled with a lower learning rate, and trained on.

In ``augment`` and ``finetune`` the frozen part of the base runs on OpenVINO where the
backend setting allows (split execution, :mod:`.pixel_modes`); the trained model is the
same full Keras model either way.  Early stopping and the kept best epoch follow the
validation loss (:mod:`.stopping`), and a run no better than chance says so.

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

from .. import zoo
from ..errors import StudioError
from ..messages import msg
from ..jobs import Cancelled, CancelToken, ProgressFn
from .dataset import DatasetReport
from .distribute import under_strategy
from .evaluate import Evaluation, evaluate
from .extract_mode import train_extract
from .pixel_modes import train_pixels, unfreeze_last  # noqa: F401  (unfreeze_last: part of this API)
from .reporter import atomic_save, reporter_class
from .samples import predict_samples
from .stopping import chance_verdict

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
    execution: list = field(default_factory=list)  # what ran where, per phase (split execution or Keras)
    warnings: list = field(default_factory=list)  # e.g. a model no better than chance
    stopped: list = field(default_factory=list)  # (phase, epochs run, epoch kept, patience) per early stop


_callback_class = reporter_class  # the Reporter (engine.train.reporter), as tests and the GUI knew it
_atomic_save = atomic_save


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


def full_model(base_model, head_model, spec, size: int):
    """Raw pixels -> preprocessing -> base (inference mode) -> head layers.

    Augmentation is not part of the model: it runs in the input pipeline (:mod:`.augment`).
    The head's layers are shared with ``head_model`` (trained on cached features in the
    extract mode) and applied inline: Grad-CAM then finds the softmax Dense last and uses
    its logits."""
    import keras

    from .layers import FamilyPreprocess

    inputs = keras.Input((size, size, 3), name="pixels")
    x = FamilyPreprocess(spec.module, name="preprocess")(inputs)
    x = base_model(x, training=False)
    for layer in head_model.layers[1:]:  # inline, so the classifier Dense is the model's last layer
        x = layer(x)
    return keras.Model(inputs, x, name=f"{spec.name.lower()}_transfer")


@under_strategy
def train(report: DatasetReport, settings: TrainSettings, *, checkpoint: Optional[str] = None, policy=None,
          progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None,
          on_epoch: Optional[Callable[[int, dict], None]] = None,
          on_batch: Optional[Callable[[float, float], None]] = None, cache=None, start=None) -> TrainResult:
    """``start``: a :class:`engine.train.resume.Start` to continue from (its base and head,
    classes matched by name) instead of the zoo weights and a new head."""
    import keras

    from . import resume
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
    feat_shape = tuple(base.model.output_shape[1:])
    head_model = make_head(feat_shape, len(report.classes), settings.pooling, settings.dense, settings.dropout)
    if start is not None:
        resume.take_over(start, base.model, head_model, report.classes)
    resume.write_run(checkpoint, settings, report.classes)
    skipped: list = []
    untrained = start is None and settings.weights is None and not settings.model_file
    if settings.mode == "extract":
        run = train_extract(base, spec, head_model, report, settings, checkpoint=checkpoint, progress=progress,
                            cancel=cancel, on_epoch=on_epoch, on_batch=on_batch, cache=cache,
                            continued=start is not None, full_model=full_model)
        model, skipped = run.model, skipped + run.skipped
    else:
        model = full_model(base.model, head_model, spec, size)  # augmentation runs in the input pipeline
        run = train_pixels(model, base, spec.name, report, settings, checkpoint=checkpoint, progress=progress,
                           cancel=cancel, on_epoch=on_epoch, on_batch=on_batch, skipped=skipped, untrained=untrained)
    rep, history = run.reporter, run.history
    history["batch_loss"] = rep.batch_losses
    if rep.cancelled:
        kept = checkpoint if checkpoint and os.path.isfile(checkpoint) else None
        raise TrainingCancelled(kept, rep.best_epoch if kept else 0, rep.best_accuracy if kept else None)
    if not _finite(history):
        raise TrainingDiverged(history)
    if settings.mode == "extract" and base.backend.precision != "bf16":
        # the same pixels, no second base pass
        probs, val = run.fitter.predict(run.val_features), [report.val[i] for i in run.val_kept]
    else:
        from ..models import from_keras

        loaded = from_keras(model, lambda x: x, name="trained", class_names=report.classes)
        probs, kept, failed = predict_samples(loaded, report.val, settings.resize_policy)
        skipped += failed
        val = [report.val[i] for i in kept]
    labels = np.array([s.label for s in val], np.int64)
    ev = evaluate(probs, labels, [s.path for s in val])
    verdict = chance_verdict(probs.argmax(1) if len(probs) else [], labels, report.classes)
    return TrainResult(model, history, ev, settings, False, checkpoint, time.perf_counter() - t0,
                       getattr(run, "base_passes", 0), rep.epoch_times, _unique(skipped), run.execution,
                       [verdict] if verdict else [], run.stopped)


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
        super().__init__(msg("train.diverged", "Training diverged: the loss became {loss} at epoch {epoch}, so no "
                                               "model "
                             "was saved. Try a lower learning rate (--lr), and if it happens again clear the feature "
                             "cache (`python main.py cache clear`).", loss=str(losses[epoch - 1]) if losses else "NaN",
                             epoch=epoch))


def metadata(result: TrainResult, report: DatasetReport, spec_name: str) -> dict:
    s = result.settings
    return {
        "format": 1, "name": f"{spec_name} on {Path(report.root).name}", "class_names": report.classes,
        "base_model": spec_name, "alpha": s.alpha, "weights": s.weights, "input_size": int(result.model.input_shape[1]),
        "preprocessing": "inside the model (FamilyPreprocess layer): give raw 0-255 RGB pixels",
        "resize_policy": s.resize_policy, "training": asdict(s), "metrics": result.evaluation.as_dict(report.classes),
        "dataset": report.summary(), "history": {k: v for k, v in result.history.items() if k != "batch_loss"},
        "seconds": result.seconds, "execution": result.execution, "warnings": result.warnings,
        "early_stopping": [{"phase": p, "epochs_run": n, "epoch_kept": k, "patience": pat}
                           for p, n, k, pat in result.stopped],
    }
