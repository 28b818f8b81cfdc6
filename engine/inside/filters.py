"""Filter patterns: the input that most excites a filter, by gradient ascent from a noisy
grey image (the technique of Keras' "visualizing what convnets learn" example).

Regularisation: *jitter* (the image is shifted by a few random pixels every step) and a
light *blur* every few steps.  Both stop the ascent from settling on pixel-level
high-frequency patterns that excite the filter but mean nothing to a person; they cost one
roll and one small convolution, whereas decorrelation needs an FFT parameterisation of the
image — more code for a teaching tool's grid of 16 patterns.

Many filters of one layer are optimised together: sample i of the batch maximises filter
i, and as every layer runs in inference mode the samples do not interact, so one batched
step does the work of n separate ones (see :func:`default_batch` for the batch size).  Results are cached per model, weights, layer,
filter and settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .. import jobs
from ..jobs import CancelToken, ProgressFn
from ..messages import msg


@dataclass
class FilterPatterns:
    layer: tuple[str, ...]
    filters: list[int]
    images: list[np.ndarray]  # (H, W, 3) uint8 each
    history: np.ndarray  # (steps + 1, n) mean activation of each filter along the ascent
    seconds: float


def _truncated(model, path):
    import keras

    if len(path) == 1:
        return keras.Model(model.inputs, model.get_layer(path[0]).output)
    from .forward import multi_forward

    fn = multi_forward(model, [path])
    return lambda x, training=False: fn(x)[0][0]


def _step_fn(loaded, path):
    import tensorflow as tf

    store = getattr(loaded, "_inside_cache", None)
    if store is None:
        store = loaded._inside_cache = {}
    key = ("filter-step", tuple(path))
    if key in store:
        return store[key]
    feature = _truncated(loaded.model, path)
    preprocess = loaded.preprocess
    size = loaded.input_size
    kernel = tf.constant(np.outer([1, 2, 1], [1, 2, 1]).astype("float32")[..., None, None] / 16.0)
    kernel = tf.tile(kernel, [1, 1, 3, 1])

    def activation(x, filters):
        feats = feature(preprocess(x), training=False)
        h, w = feats.shape[1], feats.shape[2]
        bh, bw = (h // 8, w // 8) if h and h >= 8 else (0, 0)
        inner = feats[:, bh:h - bh, bw:w - bw, :] if bh else feats
        per_channel = tf.reduce_mean(inner, axis=(1, 2))  # (n, channels)
        return tf.gather(per_channel, filters, axis=1, batch_dims=1)

    @tf.function(input_signature=[tf.TensorSpec([None, size, size, 3], tf.float32), tf.TensorSpec([None], tf.int32),
                                  tf.TensorSpec([], tf.float32), tf.TensorSpec([], tf.bool), tf.TensorSpec([], tf.int32)])
    def step(x, filters, lr, blur, jitter):
        shift = tf.random.uniform([2], -jitter, jitter + 1, dtype=tf.int32)
        x = tf.roll(x, shift, axis=[1, 2])
        with tf.GradientTape() as tape:
            tape.watch(x)
            act = activation(x, filters)
            loss = tf.reduce_sum(act)
        g = tape.gradient(loss, x)
        g = g / (tf.math.reduce_std(g, axis=(1, 2, 3), keepdims=True) + 1e-8)
        x = tf.roll(x + lr * g, -shift, axis=[1, 2])
        if blur:
            x = tf.nn.depthwise_conv2d(x, kernel, [1, 1, 1, 1], "SAME")
        return tf.clip_by_value(x, 0.0, 255.0), act

    @tf.function(input_signature=[tf.TensorSpec([None, size, size, 3], tf.float32), tf.TensorSpec([None], tf.int32)])
    def measure(x, filters):
        return activation(x, filters)

    store[key] = (step, measure)
    return store[key]


def deprocess(x: np.ndarray) -> np.ndarray:
    """Contrast-normalise an optimised image for display (as the Keras example does)."""
    x = x - x.mean()
    x = x / (x.std() + 1e-5) * 0.15 + 0.5
    h, w = x.shape[:2]
    x = x[h // 10: h - h // 10, w // 10: w - w // 10]
    return (np.clip(x, 0, 1) * 255).astype(np.uint8)


def patterns(loaded, path: Sequence[str], filters: Sequence[int], *, steps: int = 30, lr: float = 10.0,
             blur_every: int = 4, jitter: int = 4, seed: int = 0, batch: Optional[int] = None,
             progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None) -> FilterPatterns:
    """Optimise ``filters`` of the layer at ``path``; ``batch`` 1 runs them one at a time."""
    import time

    import tensorflow as tf

    path = tuple(path)
    filters = [int(f) for f in filters]
    store = getattr(loaded, "_inside_cache", None)
    if store is None:
        store = loaded._inside_cache = {}
    settings = (steps, lr, blur_every, jitter, seed)
    todo = [f for f in filters if (path, f, settings) not in store]
    step, measure = _step_fn(loaded, path)
    size = loaded.input_size
    t0 = time.perf_counter()
    history = {f: [] for f in filters}
    batch = batch or default_batch(len(todo))
    tf.random.set_seed(seed)
    rng = np.random.default_rng(seed)
    groups = [todo[i:i + batch] for i in range(0, len(todo), batch)]
    total = max(1, steps * len(groups))
    done = 0
    for group in groups:
        x = (128.0 + rng.uniform(-20, 20, (len(group), size, size, 3))).astype(np.float32)
        idx = np.asarray(group, np.int32)
        first = measure(x, idx).numpy()
        for f, a in zip(group, first):
            history[f].append(float(a))
        for s in range(steps):
            jobs.check(cancel)
            x, _ = step(x, idx, np.float32(lr), bool(blur_every and (s + 1) % blur_every == 0), np.int32(jitter))
            done += 1
            jobs.report(progress, done / total, msg("inside.filter_step", "Filter patterns: step {step} of {steps}",
                                                    step=s + 1, steps=steps))
        last = measure(x, idx).numpy()
        xs = x.numpy()
        for i, f in enumerate(group):
            history[f].append(float(last[i]))
            store[(path, f, settings)] = (deprocess(xs[i]), history[f])
    imgs = [store[(path, f, settings)][0] for f in filters]
    hist = np.array([[store[(path, f, settings)][1][0], store[(path, f, settings)][1][-1]] for f in filters]).T
    return FilterPatterns(path, filters, imgs, hist, time.perf_counter() - t0)


def default_batch(n: int) -> int:
    """All filters in one batch on a GPU; groups of 4 on a CPU, where the work is compute-bound
    and large batches thrash the cache (measured on 2 cores: batch 4 is 1.3x faster than one
    at a time, batch 16 is slower than one at a time)."""
    import tensorflow as tf

    return max(1, n) if tf.config.list_logical_devices("GPU") else max(1, min(4, n))


def parse_range(text: str) -> list[int]:
    """'0-15' or '1,4,9' or '0-3,8' -> filter indices."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out
