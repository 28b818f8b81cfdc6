"""A forward-only model file as a :class:`engine.models.LoadedModel`, and the backend it runs on.

The loaded model's ``model`` is a :class:`.forward_only.KerasOnly` stand-in (any Keras use says
why not); ``forward`` is a :class:`Forward`, which :func:`engine.backends.attach` hands the
backend choice to, and which gives Score-CAM its feature maps from the TFLite interpreter's
own tensors (a SavedModel is converted to TFLite in memory for that, once).
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

import numpy as np

from .. import jobs, zoo
from ..backends.base import AUTO, BF16, KERAS, OPENVINO, BackendInfo
from ..messages import msg
from ..pathnames import printable
from . import class_names, forward_only, model_file, outputs, preprocessing
from .forward_runners import PixelRunner
from .model_config import ModelFileError

TFLITE_BACKEND, TENSORFLOW_BACKEND = "tflite", "tensorflow"


class Forward:
    """What the app does with a forward-only file beyond running it."""

    def __init__(self, graph: forward_only.Graph, reference, preprocess, postprocess):
        self.graph, self.reference = graph, reference
        self.preprocess, self.postprocess = preprocess, postprocess
        self._maps = None
        self._lock = threading.Lock()

    @property
    def format(self) -> str:
        return self.graph.format

    def needs_keras(self, what: str) -> str:
        return forward_only.needs_keras_message(self.graph.path, what)

    # -- backends -----------------------------------------------------------------------
    def _reference_info(self, choice: str, notice: str = "") -> tuple:
        name = TFLITE_BACKEND if self.graph.format == model_file.TFLITE else TENSORFLOW_BACKEND
        runner = PixelRunner(self.reference, self.preprocess, self.postprocess, self.graph.channels_first)
        return runner, BackendInfo(name, choice=choice, notice=notice)

    def attach(self, loaded, choice: str = AUTO, progress=None, cancel=None) -> BackendInfo:
        from ..backends import check
        from ..backends.openvino_backend import OpenVINORunner
        from ..backends.select import resolve

        selection = resolve(choice)
        runner = info = None
        if self.reference is not None and (selection.name == KERAS or (self.graph.quantized and choice == AUTO)):
            why = ("quantised: TensorFlow Lite's own integer kernels run it" if self.graph.quantized and choice == AUTO
                   else selection.notice)
            runner, info = self._reference_info(choice, why)
        else:
            jobs.report(progress, 0.2, msg("model.reading_openvino", "Reading {file} with OpenVINO",
                                           file=self.graph.path.name))
            try:
                ov_runner = PixelRunner(OpenVINORunner(forward_only.openvino_model(self.graph.path),
                                                       selection.precision if selection.name == OPENVINO else "f32"),
                                        self.preprocess, self.postprocess, self.graph.channels_first)
                if self.reference is None:
                    note = "ONNX runs on OpenVINO only" if choice == KERAS else selection.notice
                    runner, info = ov_runner, BackendInfo(OPENVINO, selection.precision, notice=note, choice=choice)
                else:
                    x = check.check_input((self.graph.input_hw[1], self.graph.input_hw[0]))
                    ref = PixelRunner(self.reference, self.preprocess, self.postprocess,
                                      self.graph.channels_first).run(x)
                    result = check.compare(ref, np.concatenate([ov_runner.run(x[i:i + 1]) for i in range(len(x))]),
                                           selection.precision)
                    if result.passed:
                        note = f"bf16: {result.summary()}" if selection.precision == "bf16" else selection.notice
                        runner, info = ov_runner, BackendInfo(OPENVINO, selection.precision, notice=note,
                                                              choice=choice, check=result)
                    else:
                        runner, info = self._reference_info(choice, f"OpenVINO's outputs differ ({result.reason})")
            except Exception as exc:  # noqa: BLE001 - any plugin failure: TensorFlow's runtime, with the reason
                if self.reference is None:
                    raise ModelFileError(f"OpenVINO cannot run '{printable(self.graph.path)}' "
                                         f"({forward_only.first_line(exc)}).") from None
                runner, info = self._reference_info(choice, f"OpenVINO could not run it ({str(exc)[:120]})")
        loaded.runner, loaded.backend = runner, info
        return info

    # -- Score-CAM ------------------------------------------------------------------------
    def _interpreter(self):
        with self._lock:
            if self._maps is None:
                path = self.graph.path
                if self.graph.format == model_file.SAVED_MODEL:
                    import tensorflow as tf

                    data = tf.lite.TFLiteConverter.from_saved_model(str(path)).convert()
                    tmp = tempfile.NamedTemporaryFile(prefix="ps-maps-", suffix=".tflite", delete=False)
                    tmp.write(data)
                    tmp.close()
                    path = Path(tmp.name)
                elif self.graph.format != model_file.TFLITE:
                    raise forward_only.NeedsKerasModel(self.needs_keras("Score-CAM's feature maps"))
                self._maps = forward_only.tflite_runner(path, preserve=True)
            return self._maps

    def spatial_tensors(self) -> list[tuple[str, tuple]]:
        """(tensor name, shape) of each 4-D feature map with more than one pixel, in execution order."""
        interp = self._interpreter()
        details = {t["index"]: t for t in interp.interpreter.get_tensor_details()}
        found = []
        for op in interp.interpreter._get_ops_details():  # noqa: SLF001
            for index in op.get("outputs", []):
                t = details.get(int(index))
                if t is not None and len(t["shape"]) == 4 and (t["shape"][1] > 1 or t["shape"][2] > 1) \
                        and t["name"] not in {n for n, _ in found}:
                    found.append((t["name"], tuple(int(d) for d in t["shape"])))
        return found

    def default_layer(self) -> tuple[str, ...]:
        found = self.spatial_tensors()
        if not found:
            raise forward_only.NeedsKerasModel(f"'{printable(self.graph.path.name)}' shows no feature map to explain.")
        return (found[-1][0],)

    def feature_maps(self, pixels: np.ndarray, layer: tuple) -> np.ndarray:
        interp = self._interpreter()
        x = np.asarray(self.preprocess(np.asarray(pixels, np.float32)), np.float32)
        tensors = interp.tensors(x[0] if x.ndim == 4 else x)  # one image
        name = layer[-1]
        if name not in tensors:
            raise forward_only.NeedsKerasModel(f"No feature map '{printable(name)}' in "
                                               f"'{printable(self.graph.path.name)}'.")
        value = np.asarray(tensors[name])[0]
        detail = next(t for t in interp.interpreter.get_tensor_details() if t["name"] == name)
        if np.issubdtype(detail["dtype"], np.integer):
            scale, zero = detail["quantization"]
            value = (value.astype(np.float32) - zero) * (scale or 1.0)
        return value.astype(np.float32)


def load(request, progress=None, cancel=None):
    """The LoadedModel of a forward-only file, on TensorFlow's own runtime until a backend is attached."""
    from ..backends.check import check_input
    from ..models import LoadedModel

    path = Path(request.name)
    jobs.report(progress, 0.0, msg("model.opening", "Opening {file}", file=path.name))
    graph = forward_only.peek(path)
    jobs.check(cancel)
    reference = forward_only.reference_runner(path)
    pre = preprocessing.for_model(request.preprocess, graph.channels)
    h, w = graph.input_hw
    if reference is None:
        from ..backends.openvino_backend import OpenVINORunner

        inner = OpenVINORunner(forward_only.openvino_model(path))
    else:
        inner = reference
    raw = PixelRunner(inner, pre, channels_first=graph.channels_first).run(check_input((w, h)))
    if not np.all(np.isfinite(raw)):
        raise ModelFileError(f"'{printable(path)}' gives NaN or infinite scores on the check images: its weights "
                             "are damaged. Not opened.")
    outs = outputs.of_values(raw, step=getattr(inner, "output_step", 0.0))
    names, _ = class_names.for_model_file(path, outs.classes)
    spec = zoo.ModelSpec(name=path.name, module=request.preprocess, family="Model file", input_size=h)
    forward = Forward(graph, reference, pre, outs.postprocess)
    loaded = LoadedModel(request, spec, forward_only.KerasOnly(path), h, None, None,
                         [printable(n) for n in names], weights_path=str(path), preprocess_fn=pre,
                         postprocess_fn=outs.postprocess, output_note=outs.note, outputs=outs.classes,
                         input_hw=(h, w) if h != w else None, resize=preprocessing.resize_of(request.preprocess),
                         forward=forward)
    loaded.runner = PixelRunner(inner, pre, outs.postprocess, graph.channels_first)
    loaded.backend = BackendInfo(OPENVINO if reference is None else
                                 (TFLITE_BACKEND if graph.format == model_file.TFLITE else TENSORFLOW_BACKEND))
    loaded.notes.append(f"{graph.format} model: forward only (no gradients, Inside or training)")
    jobs.report(progress, 1.0, msg("model.ready", "{model} ready", model=path.name))
    return loaded


__all__ = ["BF16", "Forward", "load"]
