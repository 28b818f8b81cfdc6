"""Prediction: a bounded cache of built models, top-k for one image, and a folder pipeline.

One image goes through the model's runner (OpenVINO, or Keras' compiled call — never
``model.predict``: it rebuilds a data pipeline every call).  A folder goes through
:mod:`engine.pixel_batches` — parallel decode straight to the model's input, in order,
a few batches ahead — into the runner's stream; a file that cannot be read becomes a result
with its error, and the rest are predicted.
"""

from __future__ import annotations

import collections
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

import numpy as np

from . import images, jobs, labels, pathnames, pixel_batches, sources
from .errors import ImageLoadError, StudioError
from .messages import msg
from .jobs import CancelToken, ProgressFn
from .models import LoadedModel, ModelRequest, WeightsPolicy


@dataclass(frozen=True)
class ClassScore:
    index: int
    name: str
    probability: float
    wnid: str = ""


@dataclass
class Prediction:
    top: list[ClassScore]
    model_key: str
    untrained: bool
    model_input: Optional[images.ModelInput] = None
    seconds: float = 0.0
    backend: str = ""  # what ran the model, e.g. "OpenVINO f32", with any notice
    note: str = ""  # what the scores are where a model file's were not probabilities ("scores are logits…")


@dataclass
class FileResult:
    path: str
    prediction: Optional[Prediction] = None
    error: Optional[str] = None


@dataclass
class FolderReport:
    total: int = 0
    predicted: int = 0
    failed: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def images_per_second(self) -> float:
        return self.predicted / self.seconds if self.seconds else 0.0


def top_k(probs: np.ndarray, k: int, class_names: Optional[Sequence[str]] = None) -> list[ClassScore]:
    """The ``k`` most probable classes of one probability row, best first."""
    k = max(1, min(int(k), probs.shape[-1]))
    idx = np.argpartition(-probs, k - 1)[:k]
    idx = idx[np.argsort(-probs[idx], kind="stable")]
    return [class_score(int(i), float(probs[i]), probs.shape[-1], class_names) for i in idx]


def class_score(index: int, probability: float, num_classes: int,
                class_names: Optional[Sequence[str]] = None) -> ClassScore:
    """One class by index, named as the model's classes are (also for scores computed elsewhere)."""
    if class_names is not None:
        return ClassScore(index, class_names[index], probability)
    if num_classes == labels.NUM_CLASSES:
        c = labels.classes()[index]
        return ClassScore(index, c.display, probability, c.wnid)
    return ClassScore(index, f"class {index}", probability)


class Predictor:
    """Owns built models (least recently used are dropped past ``capacity``), each running
    forward passes on the ``backend`` chosen (:mod:`engine.backends`; "auto" by default)."""

    def __init__(self, capacity: int = 3, policy: WeightsPolicy = WeightsPolicy(), backend: str = "auto"):
        self.capacity = max(1, capacity)
        self.policy = policy
        self.backend = backend
        self._models: "collections.OrderedDict[str, LoadedModel]" = collections.OrderedDict()
        self._lock = threading.RLock()
        self._build_locks: dict[str, threading.Lock] = {}

    # -- models ----------------------------------------------------------------------
    def load(self, request: ModelRequest, *, progress: Optional[ProgressFn] = None,
             cancel: Optional[CancelToken] = None) -> LoadedModel:
        key = request.key
        with self._lock:
            if key in self._models and self._models[key].backend.choice == self.backend:
                self._models.move_to_end(key)
                return self._models[key]
            build_lock = self._build_locks.setdefault(key, threading.Lock())
        with build_lock:  # two lanes asking for the same model build it once
            with self._lock:
                loaded = self._models.get(key)
            if loaded is not None and loaded.backend.choice == self.backend:
                return loaded
            if loaded is None:  # a zoo model, a trained bundle or a model file: engine.sources knows which
                loaded = sources.load(request, self.policy, progress=progress, cancel=cancel)
            from . import backends

            backends.attach(loaded, self.backend, progress=progress, cancel=cancel)
            with self._lock:
                self._models[key] = loaded
                while len(self._models) > self.capacity:
                    self._models.popitem(last=False)
            return loaded

    def cached_keys(self) -> list[str]:
        with self._lock:
            return list(self._models)

    def evict(self, key: str) -> bool:
        """Forget the built model for ``key`` (its weights file was imported, replaced or
        removed): the next :meth:`load` builds it with the file in use now."""
        with self._lock:
            return self._models.pop(key, None) is not None

    # -- one image ---------------------------------------------------------------------
    def predict(self, request: ModelRequest, image: images.LoadedImage, *, k: int = 5,
                policy: str = "stretch", cancel: Optional[CancelToken] = None) -> Prediction:
        loaded = self.load(request, cancel=cancel)
        return predict_image(loaded, image, k=k, policy=policy)

    # -- folders -----------------------------------------------------------------------
    def predict_files(self, request: ModelRequest, files: Sequence[str | Path], *, k: int = 5,
                      policy: str = "stretch", batch_size: int = 32,
                      progress: Optional[ProgressFn] = None,
                      cancel: Optional[CancelToken] = None) -> Iterator[FileResult]:
        loaded = self.load(request, cancel=cancel)
        yield from predict_files(loaded, files, k=k, policy=policy, batch_size=batch_size,
                                 progress=progress, cancel=cancel)


def predict_image(loaded: LoadedModel, image: images.LoadedImage, *, k: int = 5,
                  policy: str = "stretch") -> Prediction:
    t = time.perf_counter()
    mi = loaded.model_input(image.pixels, policy)
    probs = loaded.run(mi.pixels[None])[0]
    if not np.all(np.isfinite(probs)):
        raise NotNumbersError(not_numbers(loaded, image.name))
    return Prediction(top_k(probs, k, loaded.class_names), loaded.request.key, loaded.untrained, mi,
                      time.perf_counter() - t, loaded.backend.describe(), model_note(loaded))


def model_note(loaded: LoadedModel) -> str:
    """What a person should know about a model's scores (a model file's logits, forward only)."""
    return "; ".join(n for n in [getattr(loaded, "output_note", "")] + list(getattr(loaded, "notes", [])) if n)


class NotNumbersError(StudioError):
    """The model's outputs for an image are NaN or infinite: no probability to show."""


def not_numbers(loaded: LoadedModel, name: str) -> str:
    return msg("predict.not_numbers", "{model} gave no numbers for '{file}' (NaN or infinite scores): its weights are "
               "damaged or it overflowed on this image, so there is nothing to show.",
               model=pathnames.printable(loaded.spec.name), file=pathnames.printable(name))


def decode_file(path: str, size, policy: str) -> tuple[Optional[np.ndarray], str]:
    """(model-input pixels, "") or (None, the reason the file cannot be read); never raises.
    ``size``: a side or (width, height)."""
    try:
        return images.load_model_input(path, size, policy), ""
    except ImageLoadError as exc:
        return None, exc.args[0]  # the coded message (the window translates it)
    except Exception as exc:  # never let one file stop a run
        return None, f"Cannot read image '{pathnames.printable(path)}': {type(exc).__name__}: {exc}"


def decoded_batches(files: Sequence[str], size, policy: str,
                    batch_size: int) -> Iterator[tuple[np.ndarray, list[str]]]:
    """(uint8 batch, error per item, "" for none) in order (:mod:`engine.pixel_batches`);
    ``size``: a side or (width, height)."""
    return pixel_batches.decoded_batches(files, size, policy, batch_size)


def predict_files(loaded: LoadedModel, files: Sequence[str | Path], *, k: int = 5, policy: str = "stretch",
                  batch_size: int = 32, progress: Optional[ProgressFn] = None,
                  cancel: Optional[CancelToken] = None) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per file, in order, as batches finish.

    Cancel is checked between batches; what was yielded before stays valid.  Paths are
    kept exactly as given (a name need not be valid UTF-8).
    """
    files = [os.fspath(f) for f in files]
    if not files:
        return
    done = 0
    t0 = t = time.perf_counter()
    # The backend keeps several batches in flight while the next ones are decoded.
    batches = decoded_batches(files, loaded.image_size, loaded.resize_policy(policy), batch_size)
    for (pixels, errs), probs in loaded.run_stream(batches):
        jobs.check(cancel)
        good = [i for i, e in enumerate(errs) if not e]
        per_image = (time.perf_counter() - t) / max(1, len(good))
        t = time.perf_counter()
        for i, err in enumerate(errs):
            path = files[done + i]
            if err:
                yield FileResult(path, error=err)
            elif not np.all(np.isfinite(probs[i])):
                yield FileResult(path, error=not_numbers(loaded, os.path.basename(path)))
            else:
                pred = Prediction(top_k(probs[i], k, loaded.class_names), loaded.request.key,
                                  loaded.untrained, None, per_image, loaded.backend.describe(), model_note(loaded))
                yield FileResult(path, prediction=pred)
        done += len(errs)
        elapsed = time.perf_counter() - t0
        jobs.report(progress, done / len(files), msg("predict.files", "{done} of {total} images, {rate:.1f} img/s",
                                                     done=done, total=len(files), rate=done / elapsed))
