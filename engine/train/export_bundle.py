"""Export a trained model (a bundle) for use elsewhere: ``model.keras``, optionally a
TensorFlow SavedModel and a TFLite file (checked against Keras by
:func:`engine.train.export.write_into`), with ``labels.txt`` (one class name per line, in
output order) and the bundle's ``metadata.json`` beside them.  Every format holds the model
without its training-only layers (:mod:`engine.train.inference_model`).

Everything goes into a new folder that is built hidden and renamed into place at the end:
an existing folder or file of the user's is never written into or replaced, and a cancel
or a failure leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .. import fileio, jobs, paths
from ..errors import StudioError
from ..sources import bundle_checks
from . import bundle
from .export import write_into
from .inference_model import for_inference
from .relabel import free_path

LABELS_FILE = "labels.txt"


@dataclass
class ExportedModel:
    folder: str
    files: list[str]  # names inside ``folder``
    tflite_checked: int = 0  # images on which TFLite gave Keras' top-1


def _sample_pixels(paths_: Sequence[str], size: int, policy: str, count: int = 8) -> np.ndarray:
    from ..images import load_image, model_input

    chosen = [p for p in paths_ if Path(p).is_file()][:count]
    if not chosen:  # no training images at hand: the bundled sample photos
        chosen = sorted(str(p) for p in (paths.resources_dir() / "samples").glob("*.*") if p.suffix != ".md")
    return np.stack([model_input(load_image(p).pixels, size, policy).pixels for p in chosen])


def export_bundle(bundle_folder: str | os.PathLike, parent: str | os.PathLike, *, deploy: bool = True,
                  sample_paths: Sequence[str] = (), progress=None, cancel=None,
                  name: Optional[str] = None) -> ExportedModel:
    """Write a new folder ``parent/<name>`` (``name (2)``… if taken) and return what is in it."""
    src = Path(bundle_folder)
    if not (src / bundle.MODEL_FILE).is_file():
        raise StudioError(f"'{src}' is not a trained model (no {bundle.MODEL_FILE}); train one first.")
    parent = Path(parent)
    if not parent.is_dir():
        raise StudioError(f"The export folder '{parent}' does not exist.")
    meta = bundle_checks.read_metadata(src / bundle.META_FILE) if (src / bundle.META_FILE).is_file() else {}
    target = free_path(parent, name or src.name)
    tmp = fileio.temp_dir_beside(target)
    try:
        jobs.report(progress, 0.05, "Loading the trained model")
        model, _ = bundle.load(src)
        samples = _sample_pixels(sample_paths, int(model.input_shape[1]), meta.get("resize_policy", "stretch"))
        inference = for_inference(model, samples)  # no augmentation or dropout in any exported file
        jobs.check(cancel)
        jobs.report(progress, 0.1, "Saving the Keras model")
        if inference is model:  # nothing to take out: the trained file as it is
            shutil.copyfile(src / bundle.MODEL_FILE, tmp / bundle.MODEL_FILE)
        else:
            inference.save(tmp / bundle.MODEL_FILE)
        if meta:
            shutil.copyfile(src / bundle.META_FILE, tmp / bundle.META_FILE)
        classes = meta.get("class_names") or []
        (tmp / LABELS_FILE).write_text("".join(f"{c}\n" for c in classes), encoding="utf-8")
        checked = 0
        if deploy:
            jobs.check(cancel)
            jobs.report(progress, 0.15, "Writing the SavedModel and converting to TFLite (a minute or so)")
            checked = write_into(inference, tmp, samples).checked
        jobs.check(cancel)
        target = _rename_into_place(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    jobs.report(progress, 1.0, f"Exported to {target}")
    return ExportedModel(str(target), sorted(p.name for p in target.iterdir()), checked)


def _rename_into_place(tmp: Path, target: Path) -> Path:
    """Rename the finished folder; if its name was taken meanwhile, take the next free one."""
    for _ in range(100):
        try:
            os.rename(tmp, target)  # a non-empty existing folder makes this fail: never replaced
            return target
        except OSError:
            if not target.exists():
                raise
            target = free_path(target.parent, target.name)
    raise StudioError(f"No free folder name for the export in '{target.parent}'.")
