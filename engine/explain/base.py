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
from ..messages import msg
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
    flat_reason: str = ""  # set by a method that knows its map carries no signal, and why
    notes: list = field(default_factory=list)  # what ran where (split execution), shown with the map

    @property
    def model(self):
        return self.loaded.model

    def preprocess(self):
        return self.loaded.preprocess

    def cache(self) -> dict:
        """Per-model cache (gradient functions, wrappers) kept on the loaded model."""
        return model_cache(self.loaded)


def model_cache(loaded) -> dict:
    """A dict kept on the loaded model: compiled functions and recent results live as long
    as the model does, and go with it when the predictor's cache drops it."""
    store = getattr(loaded, "_explain_cache", None)
    if store is None:
        store = {}
        loaded._explain_cache = store
    return store


def remember(store: dict, key, value, keep: int = 8):
    """Put ``value`` in ``store`` under ``key``, keeping the ``keep`` latest of its kind
    (the first element of the key names the kind)."""
    same = [k for k in store if isinstance(k, tuple) and k and k[0] == key[0]]
    for old in same[:max(0, len(same) - keep + 1)]:
        del store[old]
    store[key] = value
    return value


# cached results, and split execution's converted prefixes: they depend on the weights
RESULT_KINDS = ("occlusion", "faith-random", "split")


def forget_results(loaded) -> None:
    """Drop cached results computed from the model's current weights (after changing them)."""
    store = model_cache(loaded)
    for key in [k for k in store if isinstance(k, tuple) and k and k[0] in RESULT_KINDS]:
        del store[key]


def digest(pixels: np.ndarray) -> str:
    """A short fingerprint of an image, to key results computed from it."""
    import hashlib

    return hashlib.blake2b(np.ascontiguousarray(pixels).tobytes(), digest_size=12).hexdigest()


def images_per_call(size: int) -> int:
    """How many images of ``size`` pixels go into one model call: 64 at 224 px (a few hundred
    MB of activations for the zoo's CNNs), fewer for larger inputs."""
    return max(4, int(64 * (224 / max(size, 1)) ** 2))


def run_batched(loaded, count: int, make: Callable[[int, int], np.ndarray], *,
                progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None,
                label: str = "") -> np.ndarray:
    """Probabilities for ``count`` perturbed images, built by ``make(start, stop)`` one model
    call at a time (raw uint8 pixels through ``loaded.run``, so any inference backend of the
    loaded model serves them); progress and cancel between calls."""
    from .. import jobs

    step = images_per_call(loaded.input_size)
    out = []
    for start in range(0, count, step):
        jobs.check(cancel)
        stop = min(count, start + step)
        out.append(np.asarray(loaded.run(make(start, stop))))
        jobs.report(progress, stop / count, _batched_text(label, stop, count))
    return np.concatenate(out) if out else np.zeros((0, 0), np.float32)


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
    flat: str = ""  # why the map carries no signal ("" when it does): shown instead of a uniform overlay


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
        # one input as a tensor, not a list of one: called with a tensor, a list-shaped model makes
        # Keras warn that "the structure of `inputs` doesn't match" (Keras 2 files)
        split = keras.Model(model.inputs[0] if len(model.inputs) == 1 else model.inputs, [feature, head_in])
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


def check_chain(model, path: Sequence[str], size: int) -> None:
    """Nested models are re-applied layer by layer: refuse graphs that are not a chain.  The
    re-applied model must give the model's own probabilities, not just their shape (a skip
    connection around the base would otherwise be fed the wrong tensor, silently)."""
    x = np.random.default_rng(0).uniform(-1, 1, (2, size, size, 3)).astype("float32")
    try:
        _, out = split_forward(model, path, "probabilities")(x)
        out, ref = np.asarray(out), np.asarray(model(x, training=False))
    except Exception as exc:  # noqa: BLE001
        raise ExplainError(f"Cannot trace through '{model.name}': {exc}") from exc
    if out.shape != ref.shape or not np.allclose(out, ref, rtol=1e-3, atol=1e-5):
        raise ExplainError(f"'{model.name}' is not a simple chain of layers around its base model; "
                           "choose a layer outside the nested model.")


def _batched_text(label: str, done: int, count: int) -> str:
    if label == "Faithfulness: ":
        return msg("explain.faithfulness_images", "Faithfulness: {done} of {count} images", done=done, count=count)
    if label == "Occlusion: ":
        return msg("explain.occlusion_images", "Occlusion: {done} of {count} images", done=done, count=count)
    return f"{label}{done} of {count} images" if label else ""


def flatness(raw: np.ndarray, heat: np.ndarray) -> str:
    """Why a map shows nothing, or "": no positive evidence at all, or a normalised map
    whose values barely vary (a uniform overlay would suggest an answer it does not give)."""
    raw = np.asarray(raw)
    if not np.isfinite(raw).any() or float(np.nanmax(raw)) <= 0.0:
        return msg("explain.flat_zero", "nothing in the image raises this class's score here: the map is zero "
                   "everywhere")
    if float(np.percentile(heat, 5)) >= 0.9:  # 95% of the image within 10% of the peak
        return msg("explain.flat_uniform", "the map is nearly uniform: no region stands out for this class")
    return ""


def normalize(cam: np.ndarray) -> np.ndarray:
    cam = np.nan_to_num(np.asarray(cam, dtype=np.float32))
    cam = np.maximum(cam, 0)
    top = cam.max()
    return cam / top if top > 0 else cam


def upsample(cam: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Bilinear resize of a float map to (width, height)."""
    img = Image.fromarray(np.asarray(cam, dtype=np.float32), mode="F")
    return np.asarray(img.resize(size, Image.Resampling.BILINEAR), dtype=np.float32)

