"""Image files to model-input batches, decoded in parallel, in order.

The folder pipeline, feature caching and split-execution training all read files this
way.  A thread pool runs :func:`engine.images.load_model_input` (Pillow decodes and
resizes outside the GIL); each image is written straight into its batch's array, and a
batch is handed over as soon as its last image is in, while the pool is already decoding
the next ones.  At most ``ahead`` batches are decoded before they are asked for, so a big
folder never sits in memory.  A file that cannot be read leaves a black image in its slot
and its reason beside it; the rest of the batch is unaffected.

This replaced a ``tf.data`` pipeline calling the loader through ``tf.numpy_function``: for
a folder of photos it cost a pipeline set-up per call, a graph op and a GIL round trip per
image, and a copy per batch, and decoding the display copy first and resizing a copy of it
doubled the decode.
"""

from __future__ import annotations

import collections
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterator, Optional, Sequence

import numpy as np

from . import images, pathnames
from .errors import ImageLoadError


def decode_into(out: np.ndarray, path: str, size, policy: str) -> str:
    """Decode ``path`` into ``out`` (height, width, 3); "" or the reason it cannot be read (never raises)."""
    try:
        out[...] = images.load_model_input(path, size, policy)
        return ""
    except ImageLoadError as exc:
        out[...] = 0
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - never let one file stop a run
        out[...] = 0
        return f"Cannot read image '{pathnames.printable(path)}': {type(exc).__name__}: {exc}"


def default_workers() -> int:
    return max(2, min(8, os.cpu_count() or 2))


def decoded_batches(files: Sequence[str], size, policy: str, batch_size: int, *, ahead: int = 2,
                    workers: Optional[int] = None) -> Iterator[tuple[np.ndarray, list[str]]]:
    """(uint8 batch (n, height, width, 3), error per image, "" for none), in the files' order;
    ``size``: a side or (width, height)."""
    files = [os.fspath(f) for f in files]
    w, h = (int(size), int(size)) if isinstance(size, (int, np.integer)) else (int(size[0]), int(size[1]))
    return ordered_batches(len(files), batch_size, lambda i, out: decode_into(out, files[i], (w, h), policy),
                           (h, w, 3), np.uint8, ahead=ahead, workers=workers)


def ordered_batches(count: int, batch_size: int, fill: Callable[[int, np.ndarray], str], shape: tuple, dtype,
                    *, ahead: int = 2, workers: Optional[int] = None) -> Iterator[tuple[np.ndarray, list[str]]]:
    """Batches of ``count`` items made in a thread pool: ``fill(i, out)`` writes item ``i`` into
    its slot and returns "" or why it could not; batches come in order, at most ``ahead``
    of them made before they are asked for."""
    if count <= 0:
        return
    workers = min(workers or default_workers(), count)
    pending: collections.deque = collections.deque()  # (batch array, futures)
    with ThreadPoolExecutor(workers, thread_name_prefix="pixels") as pool:
        following = iter(range(0, count, batch_size))

        def submit_next() -> None:
            start = next(following, None)
            if start is None:
                return
            n = min(batch_size, count - start)
            batch = np.empty((n, *shape), dtype)
            pending.append((batch, [pool.submit(fill, start + i, batch[i]) for i in range(n)]))

        try:
            for _ in range(ahead + 1):
                submit_next()
            while pending:
                batch, futures = pending.popleft()
                errors = [f.result() for f in futures]
                submit_next()
                yield batch, errors
        finally:  # a consumer that stops early (cancel) leaves no work running
            for _, futures in pending:
                for f in futures:
                    f.cancel()
