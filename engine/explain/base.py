"""Shared machinery for heatmap methods: the split forward pass, targets, resizing.

The *split* forward pass returns the chosen feature layer's output and the class scores in
one call.  For a flat model it is a ``keras.Model(inputs, [layer.output, ...])``; for a
fine-tuned model whose base is nested inside a new head, that model would be "Graph
disconnected", so the outer model's layers are re-applied in order around a split of the
nested base instead.  Scores are pre-softmax logits where the model ends in a softmax
(softmax saturation would zero the gradients), and probabilities where asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np
from PIL import Image

from ..errors import StudioError
from ..jobs import CancelToken, ProgressFn


class ExplainError(StudioError):
    """A heatmap cannot be computed for this model, layer or class."""


@dataclass
class Target:
    """Everything a method needs, prepared once per request."""

    loaded: object  # engine.models.LoadedModel
    pixels: np.ndarray  # (H, W, 3) uint8 at the model's input size
    class_index: int
    layer_path: tuple[str, ...]
    progress: Optional[ProgressFn] = None
    cancel: Optional[CancelToken] = None
    options: dict = field(default_factory=dict)

    @property
    def model(self):
        return self.loaded.model

    def preprocess(self):
        return self.loaded.preprocess

    def cache(self) -> dict:
        """Per-model cache (gradient functions, wrappers) kept on the loaded model."""
        store = getattr(self.loaded, "_explain_cache", None)
        if store is None:
            store = {}
            self.loaded._explain_cache = store
        return store


@dataclass
class Explanation:
    method: str
    class_index: int
    class_name: str
    layer: str
    heatmap: np.ndarray  # (H, W) float32 in [0, 1], at the model's input size
    seconds: float
    untrained: bool = False
    notes: list[str] = field(default_factory=list)


def _final_dense_softmax(layer) -> bool:
    act = getattr(layer, "activation", None)
    return layer.__class__.__name__ == "Dense" and getattr(act, "__name__", "") == "softmax"


def _scores(final_layer, x, want: str):
    """Apply the model's last layer, returning logits or probabilities as asked."""
    import keras

    if _final_dense_softmax(final_layer):
        logits = keras.ops.matmul(x, final_layer.kernel) + final_layer.bias
        return logits if want == "logits" else keras.ops.softmax(logits, axis=-1)
    out = final_layer(x, training=False)
    return out


def split_forward(model, path: Sequence[str], want: str = "logits") -> Callable:
    """``fn(x) -> (features, scores)`` for a preprocessed batch ``x``; works through nesting."""
    import keras

    path = tuple(path)
    if not path:
        raise ExplainError("No layer chosen.")
    if len(path) == 1:
        feature = model.get_layer(path[0]).output
        final = model.layers[-1]
        head_in = final.input if _final_dense_softmax(final) else model.output
        split = keras.Model(model.inputs, [feature, head_in])
        if _final_dense_softmax(final):
            return lambda x: (lambda f, h: (f, _scores(final, h, want)))(*split(x, training=False))
        return lambda x: tuple(split(x, training=False))

    inner = model.get_layer(path[0])
    inner_fn = split_forward(inner, path[1:], want="raw")
    layers = [l for l in model.layers if l.__class__.__name__ != "InputLayer"]

    def forward(x):
        feats = None
        for i, layer in enumerate(layers):
            if layer is inner:
                feats, x = inner_fn(x)
            elif i == len(layers) - 1:
                x = _scores(layer, x, want)
            else:
                x = layer(x, training=False)
        return feats, x

    return forward


def check_chain(model, forward, size: int) -> None:
    """Nested models are re-applied layer by layer: refuse graphs that are not a chain."""
    x = np.random.default_rng(0).uniform(-1, 1, (1, size, size, 3)).astype("float32")
    try:
        _, out = forward(x)
        ref = np.asarray(model(x, training=False))
    except Exception as exc:  # noqa: BLE001
        raise ExplainError(f"Cannot trace through '{model.name}': {exc}") from exc
    if np.asarray(out).shape != ref.shape:
        raise ExplainError(f"'{model.name}' is not a simple chain of layers around its base model; "
                           "choose a layer outside the nested model.")


def normalize(cam: np.ndarray) -> np.ndarray:
    cam = np.nan_to_num(np.asarray(cam, dtype=np.float32))
    cam = np.maximum(cam, 0)
    top = cam.max()
    return cam / top if top > 0 else cam


def upsample(cam: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Bilinear resize of a float map to (width, height)."""
    img = Image.fromarray(np.asarray(cam, dtype=np.float32), mode="F")
    return np.asarray(img.resize(size, Image.Resampling.BILINEAR), dtype=np.float32)

