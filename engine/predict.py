"""Prediction: a bounded cache of built models, top-k for one image, and a folder pipeline.

One image goes through the model's compiled call (no ``model.predict``: it rebuilds a
data pipeline every call).  A folder goes through ``tf.data`` — parallel decode with the
app's own loader, batching, prefetch — into the same compiled call; a file that cannot be
read becomes a result with its error, and the rest are predicted.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

import numpy as np

from . import images, jobs, labels
from .errors import ImageLoadError
from .jobs import CancelToken, ProgressFn
from .models import LoadedModel, ModelRequest, WeightsPolicy, build


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
    out = []
    for i in idx:
        i = int(i)
        if class_names is not None:
            out.append(ClassScore(i, class_names[i], float(probs[i])))
        elif probs.shape[-1] == labels.NUM_CLASSES:
            c = labels.classes()[i]
            out.append(ClassScore(i, c.display, float(probs[i]), c.wnid))
        else:
            out.append(ClassScore(i, f"class {i}", float(probs[i])))
    return out


class Predictor:
    """Owns built models (least recently used are dropped past ``capacity``)."""

    def __init__(self, capacity: int = 3, policy: WeightsPolicy = WeightsPolicy()):
        self.capacity = max(1, capacity)
        self.policy = policy
        self._models: "collections.OrderedDict[str, LoadedModel]" = collections.OrderedDict()
        self._lock = threading.RLock()
        self._build_locks: dict[str, threading.Lock] = {}

    # -- models ----------------------------------------------------------------------
    def load(self, request: ModelRequest, *, progress: Optional[ProgressFn] = None,
             cancel: Optional[CancelToken] = None) -> LoadedModel:
        key = request.key
        with self._lock:
            if key in self._models:
                self._models.move_to_end(key)
                return self._models[key]
            build_lock = self._build_locks.setdefault(key, threading.Lock())
        with build_lock:  # two lanes asking for the same model build it once
            with self._lock:
                if key in self._models:
                    return self._models[key]
            if request.weights == "bundle":  # the user's trained model (a bundle folder)
                from .train.bundle import load_as_loaded_model

                loaded = load_as_loaded_model(request.name)
            else:
                loaded = build(request, self.policy, progress=progress, cancel=cancel)
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
    mi = images.model_input(image.pixels, loaded.input_size, policy)
    probs = loaded.run(mi.pixels[None])[0]
    return Prediction(top_k(probs, k, loaded.class_names), loaded.request.key, loaded.untrained, mi,
                      time.perf_counter() - t)


def _decoder(files: Sequence[str], size: int, policy: str):
    blank = np.zeros((size, size, 3), np.uint8)

    def decode(i):
        path = files[int(i)]
        try:
            return images.model_input(images.load_image(path).pixels, size, policy).pixels, b""
        except ImageLoadError as exc:
            return blank, str(exc).encode("utf-8")
        except Exception as exc:  # never let one file stop the pipeline
            return blank, f"Cannot read image '{path}': {exc}".encode("utf-8")

    return decode


def file_dataset(files: Sequence[str], size: int, policy: str, batch_size: int):
    """``tf.data`` pipeline: (uint8 batch, error strings) with parallel decode.

    Autotune is off: destroying an autotuned iterator can stall for seconds, which a
    cancelled batch would feel.
    """
    import os

    import tensorflow as tf

    decode = _decoder(files, size, policy)

    def load(i):
        pixels, err = tf.numpy_function(decode, [i], [tf.uint8, tf.string], stateful=False)
        pixels.set_shape((size, size, 3))
        err.set_shape(())
        return pixels, err

    ds = tf.data.Dataset.range(len(files))
    ds = ds.map(load, num_parallel_calls=max(2, os.cpu_count() or 2), deterministic=True)
    ds = ds.batch(batch_size).prefetch(2)
    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.with_options(options)


def predict_files(loaded: LoadedModel, files: Sequence[str | Path], *, k: int = 5, policy: str = "stretch",
                  batch_size: int = 32, progress: Optional[ProgressFn] = None,
                  cancel: Optional[CancelToken] = None) -> Iterator[FileResult]:
    """Yield one :class:`FileResult` per file, in order, as batches finish.

    Cancel is checked between batches; what was yielded before stays valid.
    """
    files = [str(f) for f in files]
    if not files:
        return
    done = 0
    t0 = time.perf_counter()
    for pixels, errors in file_dataset(files, loaded.input_size, policy, batch_size):
        jobs.check(cancel)
        t = time.perf_counter()
        errs = [e.decode("utf-8") for e in errors.numpy()]
        good = [i for i, e in enumerate(errs) if not e]
        probs = loaded.call(pixels).numpy() if good else None
        per_image = (time.perf_counter() - t) / max(1, len(good))
        for i, err in enumerate(errs):
            path = files[done + i]
            if err:
                yield FileResult(path, error=err)
            else:
                pred = Prediction(top_k(probs[i], k, loaded.class_names), loaded.request.key,
                                  loaded.untrained, None, per_image)
                yield FileResult(path, prediction=pred)
        done += len(errs)
        elapsed = time.perf_counter() - t0
        jobs.report(progress, done / len(files), f"{done} of {len(files)} images, {done / elapsed:.1f} img/s")
