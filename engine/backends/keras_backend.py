"""The Keras runner: the loaded model's compiled calls (preprocessing inside the graph), and
:func:`compiled_call`, which makes them.

uint8 batches use the calls built with the model (one for exactly one image, a fixed
shape being faster); float32 raw 0-255 batches (occlusion patches, blurred images, masks)
get a float call traced on first use.  TensorFlow tensors pass straight through.
"""

from __future__ import annotations

import collections
import threading
from typing import Optional

import numpy as np

TRACES: collections.Counter = collections.Counter()


def input_hw(size) -> tuple[int, int]:
    """(height, width) from a side or a (height, width) pair."""
    return (int(size), int(size)) if isinstance(size, (int, np.integer)) else (int(size[0]), int(size[1]))


def compiled_call(model, spec, size, batch: Optional[int] = None, preprocess=None, dtype: str = "uint8",
                  postprocess=None):
    """Raw pixels -> probabilities, preprocessing inside the graph, one fixed signature.

    ``size``: a side, or (height, width) for a model with a non-square input.  ``spec`` (an
    :class:`engine.zoo.ModelSpec`) gives the family's ``preprocess_input`` when ``preprocess``
    is None; ``postprocess`` (softmax of a model file's logits) runs on the model's outputs."""
    import tensorflow as tf

    preprocess = preprocess or spec.family_module().preprocess_input
    h, w = input_hw(size)

    @tf.function(input_signature=[tf.TensorSpec([batch, h, w, 3], tf.as_dtype(dtype))])
    def call(pixels):
        TRACES["compiled_call"] += 1  # runs only while tracing: tests count traces with it
        x = preprocess(tf.cast(pixels, tf.float32))
        out = model(x, training=False)
        return postprocess(out) if postprocess is not None else out

    return call


def _is_uint8(pixels) -> bool:
    return getattr(pixels.dtype, "name", str(pixels.dtype)) == "uint8"


class KerasRunner:
    def __init__(self, loaded):
        self.loaded = loaded
        self._float_call = None
        self._lock = threading.Lock()

    def run(self, pixels) -> np.ndarray:
        loaded = self.loaded
        if not hasattr(pixels, "dtype"):
            pixels = np.asarray(pixels)
        if _is_uint8(pixels):
            if len(pixels) == 1 and loaded.call_one is not None:
                return loaded.call_one(pixels).numpy()
            return loaded.call(pixels).numpy()
        return self._float()(np.asarray(pixels, np.float32)).numpy()

    def _float(self):
        with self._lock:
            if self._float_call is None:
                loaded = self.loaded
                self._float_call = compiled_call(loaded.model, loaded.spec, loaded.input_hw or loaded.input_size,
                                                 preprocess=loaded.preprocess, dtype="float32",
                                                 postprocess=loaded.postprocess_fn)
            return self._float_call

    def stream(self, items, pixels_of=None):
        """One batch after another (TensorFlow already uses every core within a call)."""
        pixels_of = pixels_of or (lambda item: item[0])
        for item in items:
            yield item, self.run(pixels_of(item))
