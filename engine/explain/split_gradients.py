"""Split execution for the CAM methods: the layers up to the explained one on the model's
inference backend, the gradient of the class score from that layer up in Keras.

Grad-CAM, Grad-CAM++, LayerCAM (and fast Score-CAM's channel ranking) need the explained
layer's activations and the class score's gradient with respect to them only: everything
below the layer is a plain forward pass.  Where the model runs on OpenVINO, that part is
cut off (:mod:`engine.backends.cut`), converted and checked like any prefix
(:func:`engine.backends.prefix.attach_prefix`, same precision as the model's backend), and
the compiled Keras step takes the crossing tensors as its inputs: the explained layer's
output (watched by the tape) and any skip connection's tensor that crosses beside it.  A
nested base (a trained model) is cut inside, with the outer layers re-applied in order as
:func:`.base.split_forward` does.  A prefix that cannot be converted leaves the method on
Keras, with the reason in the explanation's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from .base import Target, _final_dense_softmax, _scores, check_chain, model_cache

KIND = "split"  # model-cache kind: dropped with the results when the weights change (base.forget_results)


@dataclass
class Split:
    prefix_model: object  # keras.Model: preprocessed input -> crossing tensors (explained layer's first)
    suffix: Callable  # (list of crossing tensors, want) -> scores: "logits", "probabilities" or "raw"
    label: str


def _as_list(out) -> list:
    return list(out) if isinstance(out, (list, tuple)) else [out]


def build(model, path: Sequence[str], raw: bool = False) -> Split:
    """Cut ``model`` just above the layer at ``path`` (nested models cut inside); ``raw``: the
    suffix ends at the model's output (a nested base), else its scores are asked for."""
    import keras

    from ..backends.cut import above_layer

    path = tuple(path)
    if len(path) == 1:
        final = model.layers[-1]
        dense = not raw and _final_dense_softmax(final)
        top = keras.Model(model.inputs, final.input) if dense else model
        cut = above_layer(top, model.get_layer(path[0]))
        if cut.suffix is None:  # the layer is the model's output: a nested base explained at its top
            if not raw:
                raise ValueError(f"nothing above '{path[0]}' to take a gradient through")
            return Split(cut.prefix, lambda ts, want: ts[0], path[0])
        above = cut.suffix
        if dense:
            return Split(cut.prefix, lambda ts, want: _scores(final, above(ts, training=False), want), path[0])
        return Split(cut.prefix, lambda ts, want: above(ts, training=False), path[0])
    inner = model.get_layer(path[0])
    inner_split = build(inner, path[1:], raw=True)
    layers = [layer for layer in model.layers if layer.__class__.__name__ != "InputLayer"]
    i = layers.index(inner)
    before, after = layers[:i], layers[i + 1:]
    x = inputs = keras.Input(model.inputs[0].shape[1:])
    for layer in before:
        x = layer(x, training=False)
    prefix = keras.Model(inputs, inner_split.prefix_model(x, training=False), name=f"{model.name}_prefix")

    def suffix(ts, want):
        x = inner_split.suffix(ts, "raw")
        for j, layer in enumerate(after):
            x = _scores(layer, x, want) if j == len(after) - 1 and not raw else layer(x, training=False)
        return x

    return Split(prefix, suffix, " / ".join(path))


class SplitRun:
    """The explained layer's prefix on the backend and the compiled gradient steps above it."""

    def __init__(self, split: Split, runner, where: str):
        self.split, self.runner, self.where = split, runner, where
        self.shapes = [tuple(int(d) for d in t.shape[1:]) for t in split.prefix_model.outputs]
        self._steps: dict = {}

    def maps(self, pixels: np.ndarray) -> np.ndarray:
        """The explained layer's output (h, w, c) for one image (uint8 or float raw pixels)."""
        return self.runner.run(np.asarray(pixels, np.float32)[None])[0][0]

    def gradients(self, pixels: np.ndarray, cls: int, want: str):
        """(features, gradients of the class score, scores, class): as the Keras step gives them."""
        step = self._steps.get(want)
        if step is None:
            step = self._steps[want] = self._compile(want)
        crossing = self.runner.run(np.asarray(pixels, np.float32)[None])
        feats, grads, scores, c = step(list(crossing), np.int32(cls))
        return feats.numpy(), grads.numpy(), scores.numpy(), int(c)

    def _compile(self, want: str):
        import tensorflow as tf

        suffix = self.split.suffix
        specs = [tf.TensorSpec([1, *s], tf.float32) for s in self.shapes]

        @tf.function(input_signature=[specs, tf.TensorSpec([], tf.int32)])
        def step(tensors, cls):
            tensors = list(tensors)
            with tf.GradientTape() as tape:
                tape.watch(tensors[0])
                scores = suffix(tensors, want)
                c = tf.where(cls < 0, tf.argmax(scores[0], output_type=tf.int32), cls)
                score = scores[0, c]
            grads = tape.gradient(score, tensors[0])
            return tensors[0][0], grads[0], scores[0], c

        return step


def split_for(target: Target) -> Optional[SplitRun]:
    """The split for the target's model and layer (made once per model and layer), or None
    when Keras computes the whole map; why is added to the target's notes either way."""
    store = model_cache(target.loaded)
    key = (KIND, target.layer_path)
    if key not in store:
        store[key] = _make(target)
    made, where = store[key]
    if where and where not in target.notes:
        target.notes.append(where)
    return made


def _uses_backend(loaded) -> bool:
    from ..backends.base import OPENVINO

    return getattr(loaded.backend, "name", "") == OPENVINO


def _make(target: Target) -> tuple[Optional[SplitRun], str]:
    from ..backends.prefix import PrefixPlan, attach_prefix

    loaded = target.loaded
    if not _uses_backend(loaded):
        return None, ""
    path = target.layer_path
    size = loaded.input_size
    try:
        if len(path) > 1:
            check_chain(loaded.model, path, size)
        split = build(loaded.model, path)
    except Exception as exc:  # noqa: BLE001 - a graph that cannot be cut: the whole map on Keras
        return None, f"the model cannot be cut at {' / '.join(path)} ({exc}); Keras computed the map"
    preprocess, prefix = loaded.preprocess, split.prefix_model

    def forward(pixels):
        return _as_list(prefix(preprocess(pixels), training=False))

    plan = PrefixPlan(f"{loaded.spec.name} up to {split.label}", prefix, forward, size,
                      preprocess_id=f"{getattr(preprocess, '__module__', '')}."
                                    f"{getattr(preprocess, '__qualname__', type(preprocess).__name__)}",
                      cacheable=not loaded.untrained)
    runner, info = attach_prefix(plan, loaded.backend.choice, progress=target.progress, cancel=target.cancel)
    if runner is None:
        return None, f"Keras computed the map ({info.notice})" if info.notice else ""
    where = f"layers up to {split.label} on {info.label}, the gradient above it on Keras"
    if info.notice:
        where += f" ({info.notice})"
    return SplitRun(split, runner, where), where
