"""Score-CAM (Wang et al. 2020): no gradients.  Each feature map, upsampled and scaled to
[0, 1], masks the image; the class probability of the masked image (minus that of a black
image) weighs that map.  One forward pass per channel, batched, with progress and cancel.

Fast Score-CAM keeps only the N channels whose activations vary most (as Faster
Score-CAM does), so it costs N passes instead of thousands.
"""

from __future__ import annotations

import numpy as np

from .. import jobs
from .base import Target
from .gradients import feature_maps

BATCH = 32


def _masked_scores(target: Target):
    import tensorflow as tf

    key = ("scorecam",)
    store = target.cache()
    fn = store.get(key)
    if fn is None:
        model = target.model
        preprocess = target.preprocess()
        size = target.loaded.input_size

        @tf.function(input_signature=[tf.TensorSpec([None, None, None, 1], tf.float32),
                                      tf.TensorSpec([size, size, 3], tf.float32),
                                      tf.TensorSpec([], tf.int32)])
        def fn(maps, pixels, cls):
            up = tf.image.resize(maps, (size, size), method="bilinear")
            lo = tf.reduce_min(up, axis=(1, 2, 3), keepdims=True)
            hi = tf.reduce_max(up, axis=(1, 2, 3), keepdims=True)
            masks = tf.math.divide_no_nan(up - lo, hi - lo)
            probs = model(preprocess(pixels[None] * masks), training=False)
            return probs[:, cls]

        store[key] = fn
    return fn


def scores_for(target: Target, channels: np.ndarray, feats: np.ndarray) -> np.ndarray:
    fn = _masked_scores(target)
    pixels = target.pixels.astype(np.float32)
    cls = np.int32(target.class_index)
    base = float(fn(np.zeros((1,) + feats.shape[:2] + (1,), np.float32), pixels, cls).numpy()[0])
    out = np.zeros(len(channels), np.float32)
    for start in range(0, len(channels), BATCH):
        jobs.check(target.cancel)
        idx = channels[start:start + BATCH]
        maps = np.transpose(feats[..., idx], (2, 0, 1))[..., None].astype(np.float32)
        out[start:start + len(idx)] = fn(maps, pixels, cls).numpy() - base
        jobs.report(target.progress, (start + len(idx)) / len(channels),
                    f"Score-CAM: {start + len(idx)} of {len(channels)} channels")
    return out


def cam_from(feats: np.ndarray, channels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return np.maximum(np.tensordot(feats[..., channels], weights, axes=([2], [0])), 0)


def run(target: Target) -> np.ndarray:
    feats = feature_maps(target)
    channels = np.arange(feats.shape[-1])
    return cam_from(feats, channels, scores_for(target, channels, feats))


def most_informative(feats: np.ndarray, n: int) -> np.ndarray:
    variance = feats.reshape(-1, feats.shape[-1]).var(axis=0)
    return np.sort(np.argsort(-variance)[: max(1, min(n, feats.shape[-1]))])


def run_fast(target: Target) -> np.ndarray:
    feats = feature_maps(target)
    channels = most_informative(feats, int(target.options.get("channels", 32)))
    return cam_from(feats, channels, scores_for(target, channels, feats))
