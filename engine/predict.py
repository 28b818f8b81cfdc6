"""Prediction: a bounded cache of built models, top-k for one image, and a folder pipeline.

One image goes through the model's runner (OpenVINO, or Keras' compiled call — never
``model.predict``: it rebuilds a data pipeline every call).  A folder goes through
``tf.data`` — parallel decode with the app's own loader, batching, prefetch — into the
runner's stream; a file that cannot be read becomes a result with its error, and the rest
are predicted.
"""

from __future__ import annotations

import collections
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

import numpy as np

from . import images, jobs, labels, pathnames, sources
from .errors import ImageLoadError, StudioError
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
    return (f"{pathnames.printable(loaded.spec.name)} gave no numbers for '{pathnames.printable(name)}' (NaN or "
            "infinite scores): its weights are damaged or it overflowed on this image, so there is nothing to show.")


def decode_file(path: str, size, policy: str) -> tuple[Optional[np.ndarray], str]:
    """(model-input pixels, "") or (None, the reason the file cannot be read); never raises.
    ``size``: a side or (width, height)."""
    try:
        return images.model_input(images.load_image(path).pixels, size, policy).pixels, ""
    except ImageLoadError as exc:
        return None, str(exc)
    except Exception as exc:  # never let one file stop a run
        return None, f"Cannot read image '{pathnames.printable(path)}': {type(exc).__name__}: {exc}"


def _decode_tensor(path: bytes, width, height, policy: bytes):
    """numpy_function body: the path arrives as its exact bytes (names need not be UTF-8)."""
    w, h = int(width), int(height)
    pixels, err = decode_file(os.fsdecode(bytes(path)), (w, h), policy.decode("ascii"))
    if pixels is None:
        pixels = np.zeros((h, w, 3), np.uint8)
    return pixels, err.encode("utf-8", "backslashreplace")


_loader_lock = threading.Lock()
_loader = None


def _load_fn():
    """One traced loader for the whole process.

    A ``tf.numpy_function`` traced anew for every pipeline is never released by TensorFlow
    (its graph keeps the Python callable, and whatever that closes over, alive): that was
    ~0.14 MB per call.  Traced once, with every per-call value passed as a tensor, nothing
    accumulates.
    """
    global _loader
    with _loader_lock:
        if _loader is None:
            import tensorflow as tf

            @tf.function(input_signature=[tf.TensorSpec((), tf.string), tf.TensorSpec((), tf.int32),
                                          tf.TensorSpec((), tf.int32), tf.TensorSpec((), tf.string)])
            def load(path, width, height, policy):
                return tf.numpy_function(_decode_tensor, [path, width, height, policy], [tf.uint8, tf.string],
                                         stateful=False)

            _loader = load
        return _loader


def file_dataset(files: Sequence[str], size, policy: str, batch_size: int):
    """``tf.data`` pipeline: (uint8 batch, error strings) with parallel decode.

    Paths travel as their exact bytes (``os.fsencode``); error strings are UTF-8 with
    names escaped (:func:`engine.pathnames.printable`).  Autotune is off: destroying an
    autotuned iterator can stall for seconds, which a cancelled batch would feel.
    """
    import tensorflow as tf

    load = _load_fn()
    w, h = _wh(size)
    policy_t = tf.constant(policy)

    def one(path):
        pixels, err = load(path, w, h, policy_t)
        pixels.set_shape((h, w, 3))
        err.set_shape(())
        return pixels, err

    encoded = [os.fsencode(os.fspath(f)) for f in files]
    ds = tf.data.Dataset.from_tensor_slices(tf.constant(encoded, tf.string, shape=(len(encoded),)))
    ds = ds.map(one, num_parallel_calls=max(2, os.cpu_count() or 2), deterministic=True)
    ds = ds.batch(batch_size).prefetch(2)
    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.with_options(options)


def _wh(size) -> tuple[int, int]:
    return (int(size), int(size)) if isinstance(size, (int, np.integer)) else (int(size[0]), int(size[1]))


def decoded_batches(files: Sequence[str], size, policy: str,
                    batch_size: int) -> Iterator[tuple[np.ndarray, list[str]]]:
    """(uint8 batch, error per item, "" for none) in order.

    A list that fits in one batch is decoded in a thread pool (Pillow decodes outside the
    GIL): building a ``tf.data`` pipeline costs ~60 ms, more than a single photo's decode.
    """
    if not files:
        return
    if len(files) > batch_size:
        for pixels, errors in file_dataset(files, size, policy, batch_size):
            yield pixels.numpy(), [e.decode("utf-8", "replace") for e in errors.numpy()]
        return
    workers = min(len(files), os.cpu_count() or 2)
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            decoded = list(pool.map(lambda f: decode_file(f, size, policy), files))
    else:
        decoded = [decode_file(f, size, policy) for f in files]
    w, h = _wh(size)
    blank = np.zeros((h, w, 3), np.uint8)
    yield np.stack([blank if px is None else px for px, _ in decoded]), [err for _, err in decoded]


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
        jobs.report(progress, done / len(files), f"{done} of {len(files)} images, {done / elapsed:.1f} img/s")
