"""One compiled gradient step per (model, layer, score), shared by the CAM methods.

Built once, so every heatmap after the first on the same model and layer costs one
forward and one backward pass and nothing else.
"""

from __future__ import annotations

import numpy as np

from .base import Target, check_chain, split_forward


def feature_gradients(target: Target, want: str = "logits"):
    """(features (h, w, c), gradients (h, w, c), probabilities) for the target class."""
    key = ("grad", target.layer_path, want)
    store = target.cache()
    step = store.get(key)
    if step is None:
        step = store[key] = _compile(target, want)
    feats, grads, scores, cls = step(target.pixels[None], np.int32(target.class_index))
    target.class_index = int(cls)  # -1 asked for the top-1 class: now resolved, in the same pass
    return feats.numpy(), grads.numpy(), scores.numpy()


def _compile(target: Target, want: str):
    import tensorflow as tf

    model = target.model
    size = target.loaded.input_size
    forward = split_forward(model, target.layer_path, want)
    if len(target.layer_path) > 1:
        check_chain(model, target.layer_path, size)
    preprocess = target.preprocess()

    @tf.function(input_signature=[tf.TensorSpec([1, size, size, 3], tf.uint8), tf.TensorSpec([], tf.int32)])
    def step(pixels, cls):
        x = preprocess(tf.cast(pixels, tf.float32))
        with tf.GradientTape() as tape:
            feats, scores = forward(x)
            c = tf.where(cls < 0, tf.argmax(scores[0], output_type=tf.int32), cls)
            score = scores[0, c]
        grads = tape.gradient(score, feats)
        return feats[0], grads[0], scores[0], c

    return step


def feature_maps(target: Target) -> np.ndarray:
    """The feature layer's output (h, w, c) alone (no gradient), compiled and cached."""
    import tensorflow as tf

    forward = getattr(target.loaded, "forward", None)
    if forward is not None:  # a forward-only model file: the interpreter's own tensors
        return forward.feature_maps(target.pixels[None], target.layer_path)
    key = ("feats", target.layer_path)
    store = target.cache()
    fn = store.get(key)
    if fn is None:
        forward = split_forward(target.model, target.layer_path, "raw")
        preprocess = target.preprocess()
        size = target.loaded.input_size

        @tf.function(input_signature=[tf.TensorSpec([1, size, size, 3], tf.uint8)])
        def fn(pixels):
            return forward(preprocess(tf.cast(pixels, tf.float32)))[0][0]

        store[key] = fn
    return fn(target.pixels[None]).numpy()
