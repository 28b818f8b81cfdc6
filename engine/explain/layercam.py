"""LayerCAM (Jiang et al. 2021): each location weighted by its own positive gradient,
ReLU(sum_k ReLU(g_k) * A_k) — finer maps, usable on earlier layers too."""

from __future__ import annotations

import numpy as np

from .base import Target
from .gradients import feature_gradients


def run(target: Target) -> np.ndarray:
    feats, grads, _ = feature_gradients(target, "logits")
    return np.maximum((np.maximum(grads, 0) * feats).sum(axis=-1), 0)
