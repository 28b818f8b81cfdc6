"""Turn a request (model name, variant, weights) into a built model ready for fast calls.

A :class:`LoadedModel` carries the Keras model, one compiled inference function with a
fixed input signature (uint8 pixels in, probabilities out: preprocessing runs inside the
graph, so there is no per-call ``model.predict`` overhead), and whether its weights are
untrained — which every output of that model must say.  Forward passes go through its
*runner* (:mod:`engine.backends`: Keras until another backend is attached); gradients
always use the Keras ``model``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

from . import builder, jobs, zoo
from .backends.base import BackendInfo
from .backends.keras_backend import TRACES, KerasRunner, compiled_call
from .errors import WeightsMissingError
from .jobs import CancelToken, ProgressFn
from .model_weights import resolver
from .zoo import ModelSpec, Variant


@dataclass(frozen=True)
class ModelRequest:
    name: str
    variant: Variant = field(default_factory=Variant)
    weights: Optional[str] = "imagenet"  # "imagenet", None (random) or a file path; see engine.sources
    preprocess: Optional[str] = None  # a model file's preprocessing (engine.sources.preprocessing)

    @property
    def key(self) -> str:
        w = "imagenet" if self.weights == "imagenet" else ("random" if self.weights is None else str(self.weights))
        key = zoo.model_key(self.name, self.variant, w)
        return f"{key}~{self.preprocess}" if self.preprocess else key

    @property
    def untrained(self) -> bool:
        return self.weights is None


@dataclass(frozen=True)
class WeightsPolicy:
    """Where ImageNet weights may come from."""

    offline_dirs: Sequence[str] = ()
    mirror: str = ""
    allow_download: bool = False


@dataclass
class LoadedModel:
    request: ModelRequest
    spec: ModelSpec
    model: object  # keras.Model
    input_size: int
    call: Callable  # compiled: uint8 (N, H, W, 3) -> probabilities (N, classes)
    call_one: Optional[Callable] = None  # the same for exactly one image (a fixed shape is faster)
    class_names: Optional[list[str]] = None  # None: the 1000 ImageNet classes
    weights_path: Optional[str] = None
    preprocess_fn: Optional[Callable] = None  # None: the zoo family's preprocess_input
    runner: Optional[object] = None  # runs forward passes (engine.backends); None: Keras
    backend: BackendInfo = field(default_factory=BackendInfo)  # what runs them, for the user
    # A model file's outputs may not be probabilities (engine.sources.outputs): the function
    # that makes them so (softmax of logits, a sigmoid's two classes), and a note saying so.
    postprocess_fn: Optional[Callable] = None
    output_note: str = ""
    outputs: Optional[int] = None  # the class count, where it is not the model's output width
    input_hw: Optional[tuple[int, int]] = None  # (height, width) of a model with a non-square input
    resize: str = ""  # a resize the model's own tool used (images.FIT_LANCZOS), whatever the preference
    forward: Optional[object] = None  # a forward-only model file (engine.sources.forward_only)
    notes: list = field(default_factory=list)  # what the user should know about this model (shown on its card)

    @property
    def preprocess(self) -> Callable:
        return self.preprocess_fn or self.spec.family_module().preprocess_input

    @property
    def untrained(self) -> bool:
        return self.request.untrained

    @property
    def num_classes(self) -> int:
        return int(self.outputs) if self.outputs is not None else int(self.model.output_shape[-1])

    @property
    def image_size(self) -> tuple[int, int]:
        """(width, height) of the images the model takes."""
        return (self.input_hw[1], self.input_hw[0]) if self.input_hw else (self.input_size, self.input_size)

    @property
    def square(self) -> bool:
        return self.input_hw is None or self.input_hw[0] == self.input_hw[1]

    def resize_policy(self, policy: str) -> str:
        """The resize this model's images get: its own tool's, else the one asked for."""
        return self.resize or policy

    def model_input(self, pixels: np.ndarray, policy: str = "stretch"):
        """Display pixels resized for this model (see :meth:`resize_policy`)."""
        from . import images

        return images.model_input(pixels, self.image_size, self.resize_policy(policy))

    def run(self, pixels: np.ndarray) -> np.ndarray:
        """Probabilities for raw 0-255 pixels (N, H, W, 3), uint8 or float32, any N, through
        the chosen backend."""
        return self._runner().run(pixels)

    def run_stream(self, items, pixels_of=None):
        """``(item, outputs)`` per item of a batch iterable (default: the item's first element
        holds the pixels), in order; a throughput backend keeps several in flight."""
        return self._runner().stream(items, pixels_of)

    def _runner(self):
        if self.runner is None:
            self.runner = KerasRunner(self)
        return self.runner


def build(
    request: ModelRequest,
    policy: WeightsPolicy = WeightsPolicy(),
    *,
    progress: Optional[ProgressFn] = None,
    cancel: Optional[CancelToken] = None,
    warm: bool = True,
) -> LoadedModel:
    """``warm``: trace the one-image call now, not on the first image (training's base, which
    only ever runs batches, skips it: a trace of a big base costs a second or more)."""
    spec = zoo.get(request.name)
    jobs.report(progress, 0.0, f"Building {spec.name}")
    jobs.check(cancel)
    used: dict = {}
    resolve = resolver(spec, policy, jobs.sub_progress(progress, 0.0, 0.8), cancel)

    def remember(wf):
        used["path"] = resolve(wf)
        return used["path"]

    weights_arg = request.weights
    if weights_arg not in (None, "imagenet") and not Path(weights_arg).is_file():
        raise WeightsMissingError(spec.name, os.path.basename(weights_arg), [str(weights_arg)], None,
                                  "The weights file given does not exist.")
    model = builder.build(spec, request.variant, weights_arg, resolve=remember)
    jobs.check(cancel)
    jobs.report(progress, 0.9, "Compiling the inference function")
    size = zoo.input_size(spec, request.variant)
    call = compiled_call(model, spec, size)
    call_one = compiled_call(model, spec, size, batch=1)
    loaded = LoadedModel(request, spec, model, size, call, call_one,
                         weights_path=used.get("path") or (weights_arg if weights_arg not in (None, "imagenet") else None))
    if warm:
        loaded.run(np.zeros((1, size, size, 3), np.uint8))  # trace now, not on the first image
    jobs.check(cancel)
    jobs.report(progress, 1.0, f"{spec.name} ready")
    return loaded


def from_keras(model, preprocess: Callable, *, name: str = "custom", class_names: Optional[list[str]] = None,
               spec: Optional[ModelSpec] = None, postprocess: Optional[Callable] = None,
               input_hw: Optional[tuple[int, int]] = None) -> LoadedModel:
    """Wrap a Keras classifier that is not a zoo model (a fine-tuned model, a test model, a
    model file); ``postprocess`` turns its outputs into probabilities where they are not."""
    hw = input_hw or (int(model.input_shape[1]), int(model.input_shape[2] or model.input_shape[1]))
    size = hw[0]
    spec = spec or ModelSpec(name=name, module="", family="Custom", input_size=size)
    request = ModelRequest(name, Variant(), f"in-memory:{id(model)}")
    call = compiled_call(model, spec, hw, preprocess=preprocess, postprocess=postprocess)
    one = compiled_call(model, spec, hw, batch=1, preprocess=preprocess, postprocess=postprocess)
    return LoadedModel(request, spec, model, size, call, one, class_names, preprocess_fn=preprocess,
                       postprocess_fn=postprocess, input_hw=hw if hw[0] != hw[1] else None)


__all__ = ["TRACES", "LoadedModel", "ModelRequest", "WeightsPolicy", "build", "compiled_call",
           "from_keras", "resolver"]
