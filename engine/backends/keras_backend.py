"""The Keras runner: the loaded model's compiled calls (preprocessing inside the graph).

uint8 batches use the calls built with the model (one for exactly one image, a fixed
shape being faster); float32 raw 0-255 batches (occlusion patches, blurred images, masks)
get a float call traced on first use.  TensorFlow tensors pass straight through.
"""

from __future__ import annotations

import threading

import numpy as np


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
                from ..models import compiled_call

                loaded = self.loaded
                self._float_call = compiled_call(loaded.model, loaded.spec, loaded.input_size,
                                                 preprocess=loaded.preprocess, dtype="float32")
            return self._float_call

    def stream(self, items, pixels_of=None):
        """One batch after another (TensorFlow already uses every core within a call)."""
        pixels_of = pixels_of or (lambda item: item[0])
        for item in items:
            yield item, self.run(pixels_of(item))
