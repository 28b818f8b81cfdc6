"""Where a training run keeps its best epoch until the run ends, and what happens to it then.

The checkpoint lives in a hidden temp folder beside the bundle it will become, named the
:mod:`engine.fileio` way (writer's pid inside), so the leftovers of a killed run are
removed at a later start (:func:`engine.fileio.remove_stale_temps`) and nothing is left
behind by a finished or cancelled one: the caller either adopts the checkpoint as the
trained model (:func:`adopt`) or discards it (:func:`discard`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import numpy as np

from .. import fileio
from ..errors import StudioError
from ..messages import msg

FILE = "checkpoint.keras"


def new(bundle_folder: str | Path) -> Path:
    """A fresh checkpoint path for the run that will save ``bundle_folder``."""
    return fileio.temp_dir_beside(bundle_folder) / FILE


def discard(checkpoint: Optional[str | Path]) -> None:
    """Remove a checkpoint and its temp folder (only a folder :func:`new` made)."""
    if not checkpoint:
        return
    path = Path(checkpoint)
    if path.parent.name.endswith(".tmpdir") and fileio.is_temp_name(path.parent.name):
        shutil.rmtree(path.parent, ignore_errors=True)
    else:  # a checkpoint named by the caller: it and what the run wrote beside it
        from .head_fit import HEAD_FILE
        from .resume import RUN_FILE

        for p in (path, path.with_name(HEAD_FILE), path.with_name(RUN_FILE)):
            p.unlink(missing_ok=True)


def adopt(checkpoint: str | Path, report, settings, bundle_folder: str | Path, history: dict, best_epoch: int,
          progress=None, cancel=None):
    """Make the kept checkpoint of a cancelled run the trained model: evaluate it on the
    validation images, save it as a bundle, remove the checkpoint.  Returns (TrainResult, folder)."""
    import keras

    from .. import jobs
    from . import bundle, layers  # noqa: F401  layers registers FamilyPreprocess
    from .evaluate import evaluate
    from .samples import predict_samples
    from .trainer import TrainResult, metadata

    path = Path(checkpoint)
    if not path.is_file():
        raise StudioError(f"The kept checkpoint '{path}' is gone; train again to get a model.")
    jobs.report(progress, 0.1, msg("train.loading_kept", "Loading the kept checkpoint"))
    model = keras.saving.load_model(path, safe_mode=True)
    jobs.check(cancel)
    from ..models import from_keras

    jobs.report(progress, 0.4, msg("train.evaluating_kept", "Evaluating it on the validation images"))
    loaded = from_keras(model, lambda x: x, name="checkpoint", class_names=report.classes)
    probs, kept_rows, _ = predict_samples(loaded, report.val, settings.resize_policy)
    val = [report.val[i] for i in kept_rows]  # files unreadable now are not scored
    ev = evaluate(probs, np.array([s.label for s in val], np.int64), [s.path for s in val])
    jobs.check(cancel)
    kept = {k: v[:best_epoch] for k, v in history.items() if k != "batch_loss"}
    result = TrainResult(model, kept, ev, settings, cancelled=True, checkpoint=str(path))
    meta = metadata(result, report, settings.model)
    meta["training"]["stopped"] = f"cancelled; the best epoch ({best_epoch}) was kept"
    jobs.report(progress, 0.8, msg("train.saving", "Saving the model"))
    folder = bundle.save(model, meta, bundle_folder)
    discard(path)
    result.model = None
    return result, str(folder)
