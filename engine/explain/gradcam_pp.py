"""Grad-CAM++ (Chattopadhyay et al. 2018): pixel-wise weights from second- and third-order
terms, so several instances of a class all light up.  With the exponential of the score as
the target, the higher derivatives reduce to powers of the first gradient."""

from __future__ import annotations

import numpy as np

from .base import Target
from .gradients import feature_gradients


def run(target: Target) -> np.ndarray:
    feats, grads, _ = feature_gradients(target, "logits")
    g2, g3 = grads ** 2, grads ** 3
    sum_a = feats.sum(axis=(0, 1), keepdims=True)
    denom = 2.0 * g2 + sum_a * g3
    alpha = np.where(denom != 0, g2 / np.where(denom != 0, denom, 1.0), 0.0)
    weights = (alpha * np.maximum(grads, 0)).sum(axis=(0, 1))
    return np.maximum(np.tensordot(feats, weights, axes=([2], [0])), 0)
