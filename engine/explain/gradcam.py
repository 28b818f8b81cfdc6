"""Grad-CAM (Selvaraju et al. 2017): channel weights are the spatially averaged gradients
of the class logit; the map is ReLU(sum_k w_k A_k).

``guided=True`` is tf-explain's variant (its default): gradients kept only where both the
activation and the gradient are positive, taken on the model's output (probabilities),
and no ReLU on the raw map — so it equals tf-explain's raw map.
"""

from __future__ import annotations

import numpy as np

from .base import Target
from .gradients import feature_gradients


def raw_map(target: Target, guided: bool = False) -> np.ndarray:
    if guided:
        feats, grads, _ = feature_gradients(target, "probabilities")
        grads = (feats > 0).astype(np.float32) * (grads > 0).astype(np.float32) * grads
        return np.tensordot(feats, grads.mean(axis=(0, 1)), axes=([2], [0]))
    feats, grads, _ = feature_gradients(target, "logits")
    weights = grads.mean(axis=(0, 1))
    return np.maximum(np.tensordot(feats, weights, axes=([2], [0])), 0)


def run(target: Target) -> np.ndarray:
    return raw_map(target, guided=bool(target.options.get("guided", False)))


def run_guided(target: Target) -> np.ndarray:
    return raw_map(target, guided=True)
