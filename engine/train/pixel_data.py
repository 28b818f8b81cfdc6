"""The training and validation images of the augment and fine-tune modes as batches.

One source for both ways a phase can run (``model.fit`` through :func:`keras_dataset`, or
split execution's own loop), so both see the same pixels in the same order: the samples
shuffled once with the run's seed (the same order every epoch), decoded in parallel
(:mod:`engine.pixel_batches`), augmented in the same threads (:mod:`.augment`, drawn per
epoch and image), a refused file weighted 0 (neither trained on nor scored) and noted once.

Decoded images are kept in memory between epochs when the whole set fits
:data:`DECODED_CACHE_BYTES` (a few thousand images at 224 px): an epoch after the first
decodes nothing, and only the augmentation is computed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from .. import pixel_batches
from .augment import Augmenter

DECODED_CACHE_BYTES = 512 * (1 << 20)


@dataclass
class Data:
    paths: list
    labels: np.ndarray
    size: int
    policy: str
    batch_size: int
    skipped: list = field(default_factory=list)  # (path, message) of files refused while training
    augmenter: Optional[Augmenter] = None
    cache_bytes: int = DECODED_CACHE_BYTES
    _noted: set = field(default_factory=set)
    _store: Optional[np.ndarray] = None
    _errors: Optional[list] = None  # per image once decoded into the store

    @property
    def steps(self) -> int:
        return int(np.ceil(len(self.paths) / self.batch_size))

    @property
    def dtype(self):
        return np.float32 if self.augmenter else np.uint8

    def _storing(self) -> bool:
        return len(self.paths) * self.size * self.size * 3 <= self.cache_bytes

    def batches(self, epoch: int = 0):
        """(pixels, labels, sample weights) for epoch ``epoch`` (0-based over the whole run)."""
        n, size = len(self.paths), self.size
        if n == 0:
            return
        complete = self._errors is not None and all(e is not None for e in self._errors)
        if self._store is None and self._storing():
            self._store, self._errors = np.empty((n, size, size, 3), np.uint8), [None] * n
        store, errors, augmenter = self._store, self._errors, self.augmenter
        if complete and not augmenter:
            for start in range(0, n, self.batch_size):
                stop = min(n, start + self.batch_size)
                yield self._weighted(store[start:stop], errors[start:stop], start)
            return

        def fill(i, out):
            if store is not None:
                if errors[i] is None:
                    errors[i] = pixel_batches.decode_into(store[i], self.paths[i], size, self.policy)
                source, err = store[i], errors[i]
            else:
                source = out if not augmenter else np.empty((size, size, 3), np.uint8)
                err = pixel_batches.decode_into(source, self.paths[i], size, self.policy)
            if err:
                out[...] = 0
            elif augmenter:
                out[...] = augmenter(source, epoch, i)
            elif source is not out:
                out[...] = source
            return err

        start = 0
        for pixels, errs in pixel_batches.ordered_batches(n, self.batch_size, fill, (size, size, 3), self.dtype):
            yield self._weighted(pixels, errs, start)
            start += len(errs)

    def _weighted(self, pixels, errs, start: int):
        for err in errs:
            if err and err not in self._noted:
                self._noted.add(err)
                self.skipped.append(("", err))
        weights = np.array([0.0 if err else 1.0 for err in errs], np.float32)
        return pixels, self.labels[start:start + len(errs)], weights


def from_samples(samples, size: int, policy: str, batch_size: int, skipped: list,
                 augmenter: Optional[Augmenter] = None) -> Data:
    return Data([s.path for s in samples], np.array([s.label for s in samples], np.int32), size, policy,
                batch_size, skipped, augmenter)


def keras_dataset(data: Data, clock: dict):
    """``data`` as a ``tf.data`` dataset for ``model.fit``: each pass reads ``clock["epoch"]``
    (set at every epoch's start) for its augmentation, so Keras and split execution draw alike."""
    import tensorflow as tf

    size = data.size

    def generate():
        for pixels, y, w in data.batches(clock.get("epoch", 0)):
            yield pixels, y, w

    signature = (tf.TensorSpec((None, size, size, 3), tf.as_dtype(data.dtype)), tf.TensorSpec((None,), tf.int32),
                 tf.TensorSpec((None,), tf.float32))
    ds = tf.data.Dataset.from_generator(generate, output_signature=signature)
    ds = ds.map(lambda x, y, w: (tf.cast(x, tf.float32), y, w))
    return ds.apply(tf.data.experimental.assert_cardinality(data.steps)).prefetch(1)
