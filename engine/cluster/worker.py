"""What the Ray workers run, as plain functions over numpy batches (no Ray import here).

A batch is a dict of equal-length columns.  File names travel as bytes (``os.fsencode``)
so that names which are not valid UTF-8 survive Arrow.  :func:`decode_batch` runs in Ray
tasks with the app's own image loader; a file it cannot read gets its error in the
``error`` column and blank pixels, never an exception.  :class:`BatchPredictor` is the
body of one model actor; :func:`to_results` turns its output rows back into the same
:class:`~engine.predict.FileResult` objects the local pipeline yields.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Optional

import numpy as np

from ..errors import StudioError, WeightsMissingError
from ..models import ModelRequest, WeightsPolicy
from ..predict import ClassScore, FileResult, Prediction, Predictor, class_score, decode_file, top_k

_MARK = "[studio-worker]"


class WorkerFailed(RuntimeError):
    """A worker could not build the model; the message survives Ray's wrapping between marks."""


def decode_batch(batch: dict, size: int, policy: str) -> dict:
    paths = batch["path"]
    pixels = np.zeros((len(paths), size, size, 3), np.uint8)
    errors = []
    for i, raw in enumerate(paths):
        px, err = decode_file(os.fsdecode(raw), size, policy)
        if px is not None:
            pixels[i] = px
        errors.append(err)
    return {"path": paths, "pixels": pixels, "error": np.array(errors, dtype=object)}


def _limit_threads(threads: Optional[int]) -> None:
    """Keep one actor's TensorFlow to the cores Ray gave it (before TensorFlow starts)."""
    if not threads:
        return
    import tensorflow as tf

    try:
        tf.config.threading.set_intra_op_parallelism_threads(int(threads))
        tf.config.threading.set_inter_op_parallelism_threads(min(2, int(threads)))
    except RuntimeError:  # this process already ran TensorFlow: keep its settings
        pass


class BatchPredictor:
    """One built model per actor; each call predicts the readable rows of a decoded batch."""

    def __init__(self, request: ModelRequest, policy: WeightsPolicy, k: int, threads: Optional[int] = None):
        from .. import device

        weights = request.weights
        if weights not in (None, "imagenet") and not os.path.isfile(weights):  # before TensorFlow's start
            raise WorkerFailed(f"{_MARK}The Ray worker on {socket.gethostname()} has no weights file '{weights}'. "
                               "Give every worker machine the file at that same path (or put it on storage they "
                               f"all mount).{_MARK}")
        _limit_threads(threads)
        try:
            device.configure()
            self.loaded = Predictor(capacity=1, policy=policy).load(request)
        except StudioError as exc:
            hint = ("\nEvery worker machine needs the weights in one of the folders it searches (as on your "
                    "computer: the Keras cache, the installer's pack, the offline folders), or permission to "
                    "download them (--worker-downloads).") if isinstance(exc, WeightsMissingError) else ""
            raise WorkerFailed(f"{_MARK}The Ray worker on {socket.gethostname()} could not load "
                               f"{request.name}: {exc}{hint}{_MARK}") from None
        self.k = max(1, min(int(k), self.loaded.num_classes))
        size = self.loaded.input_size
        self.loaded.call(np.zeros((1, size, size, 3), np.uint8))  # trace the batch call now, not on batch one

    def __call__(self, batch: dict) -> dict:
        errors = batch["error"]
        n, k = len(errors), self.k
        index = np.full((n, k), -1, np.int64)
        prob = np.full((n, k), np.nan, np.float64)
        seconds = np.zeros(n, np.float64)
        good = [i for i, e in enumerate(errors) if not e]
        if good:
            t = time.perf_counter()
            probs = self.loaded.call(np.asarray(batch["pixels"][good])).numpy()
            seconds[good] = (time.perf_counter() - t) / len(good)
            for row, i in zip(probs, good):
                top = top_k(row, k, self.loaded.class_names)
                index[i] = [c.index for c in top]
                prob[i] = [c.probability for c in top]
        return {"path": batch["path"], "error": errors, "top_index": index, "top_prob": prob,
                "seconds": seconds, "classes": np.full(n, self.loaded.num_classes, np.int64)}


def to_results(batch: dict, request: ModelRequest) -> list[FileResult]:
    """FileResults from the actors' output rows (the driver's side of :class:`BatchPredictor`)."""
    out = []
    for i, raw in enumerate(batch["path"]):
        path = os.fsdecode(raw)
        if batch["error"][i]:
            out.append(FileResult(path, error=str(batch["error"][i])))
            continue
        n = int(batch["classes"][i])
        top: list[ClassScore] = [class_score(int(j), float(p), n) for j, p in
                                 zip(batch["top_index"][i], batch["top_prob"][i])]
        out.append(FileResult(path, prediction=Prediction(top, request.key, request.untrained, None,
                                                          float(batch["seconds"][i]))))
    return out


def worker_failure(exc: BaseException) -> Optional[str]:
    """The message of a :class:`WorkerFailed` somewhere in ``exc`` (Ray re-wraps it as text)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        text = str(exc)
        start = text.find(_MARK)
        if start >= 0:
            end = text.find(_MARK, start + len(_MARK))
            return text[start + len(_MARK):end if end > 0 else None].strip()
        exc = exc.__cause__ or exc.__context__
    return None
