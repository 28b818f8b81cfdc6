"""Runners for models without a Keras graph (TensorFlow Lite, SavedModel, ONNX).

Each *inner* runner takes the model's own input (preprocessed float32, NHWC) and returns its
raw outputs: the TensorFlow Lite interpreter (quantised inputs and outputs handled with the
file's scales), a SavedModel's serving signature on TensorFlow, or OpenVINO.  :class:`PixelRunner`
wraps one so that it takes raw 0–255 pixels like every runner of the app: the image's
preprocessing (grey for a one-channel model) before, probabilities (:mod:`.outputs`) after.
"""

from __future__ import annotations

import os
import threading

import numpy as np


class TFLiteRunner:
    """The TensorFlow Lite interpreter, one image per invoke (its kernels are batch-1)."""

    def __init__(self, path, preserve: bool = False):
        import warnings

        import tensorflow as tf

        with warnings.catch_warnings():  # "tf.lite.Interpreter is deprecated": it is what TensorFlow ships
            warnings.simplefilter("ignore")
            self.interpreter = tf.lite.Interpreter(model_path=str(path), num_threads=os.cpu_count() or 1,
                                                   experimental_preserve_all_tensors=preserve)
        self.input = self.interpreter.get_input_details()[0]
        self.output = self.interpreter.get_output_details()[0]
        self._lock = threading.Lock()
        self._allocated = False

    def ops(self) -> list[str]:
        return [op.get("op_name", "") for op in self.interpreter._get_ops_details()]  # noqa: SLF001

    def _invoke(self, one: np.ndarray) -> None:
        inp = self.input
        if not self._allocated:
            self.interpreter.resize_tensor_input(inp["index"], [1, *one.shape])
            self.interpreter.allocate_tensors()
            self._allocated = True
        if np.issubdtype(inp["dtype"], np.integer):
            scale, zero = inp["quantization"]
            info = np.iinfo(inp["dtype"])
            one = np.clip(np.round(one / (scale or 1.0) + zero), info.min, info.max)
        self.interpreter.set_tensor(inp["index"], one[None].astype(inp["dtype"]))
        self.interpreter.invoke()

    def _out(self) -> np.ndarray:
        out = self.output
        value = self.interpreter.get_tensor(out["index"])[0]
        if np.issubdtype(out["dtype"], np.integer):
            scale, zero = out["quantization"]
            value = (value.astype(np.float32) - zero) * (scale or 1.0)
        return np.asarray(value, np.float32)

    @property
    def output_step(self) -> float:
        """The smallest change of an integer output (its quantisation scale); 0 for a float one."""
        out = self.output
        return float(out["quantization"][0]) if np.issubdtype(out["dtype"], np.integer) else 0.0

    def run(self, x: np.ndarray) -> np.ndarray:
        with self._lock:
            rows = []
            for one in np.asarray(x, np.float32):
                self._invoke(one)
                rows.append(self._out())
        return np.stack(rows) if rows else np.zeros((0,) + tuple(self.output["shape"][1:]), np.float32)

    def tensors(self, x: np.ndarray) -> dict:
        """{tensor name: value} of every intermediate tensor for one image (``preserve=True``)."""
        with self._lock:
            self._invoke(np.asarray(x, np.float32))
            found = {}
            for t in self.interpreter.get_tensor_details():
                try:
                    found[t["name"]] = self.interpreter.get_tensor(t["index"])
                except ValueError:
                    continue
            return found


class SavedModelRunner:
    """A SavedModel's serving signature, on TensorFlow."""

    def __init__(self, path):
        import tensorflow as tf

        self.loaded = tf.saved_model.load(str(path))
        signatures = getattr(self.loaded, "signatures", {})
        fn = signatures.get("serving_default") or (next(iter(signatures.values())) if signatures else None)
        if fn is None:
            raise ValueError("the SavedModel has no serving signature")
        self.fn = fn
        self.key = next(iter(fn.structured_input_signature[1]))
        self._out_key = sorted(fn.structured_outputs)[0]

    def run(self, x: np.ndarray) -> np.ndarray:
        import tensorflow as tf

        out = self.fn(**{self.key: tf.constant(np.asarray(x, np.float32))})
        return np.asarray(out[self._out_key], np.float32)


class PixelRunner:
    """Raw 0–255 pixels in, probabilities out, around an inner runner."""

    def __init__(self, inner, preprocess, postprocess=None, channels_first: bool = False):
        self.inner, self.preprocess, self.postprocess = inner, preprocess, postprocess
        self.channels_first = channels_first

    def _pre(self, pixels) -> np.ndarray:
        x = np.asarray(self.preprocess(np.asarray(pixels, np.float32)), np.float32)
        return np.ascontiguousarray(x.transpose(0, 3, 1, 2) if self.channels_first else x)

    def _post(self, out) -> np.ndarray:
        out = np.asarray(out, np.float32)
        return np.asarray(self.postprocess(out), np.float32) if self.postprocess is not None else out

    def run(self, pixels) -> np.ndarray:
        return self._post(self.inner.run(self._pre(pixels)))

    def stream(self, items, pixels_of=None):
        pixels_of = pixels_of or (lambda item: item[0])
        if hasattr(self.inner, "stream"):  # OpenVINO keeps several requests in flight
            for item, out in self.inner.stream(items, lambda item: self._pre(pixels_of(item))):
                yield item, self._post(out)
            return
        for item in items:
            yield item, self.run(pixels_of(item))
