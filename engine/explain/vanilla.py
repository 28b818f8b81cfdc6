"""Vanilla gradients (saliency), through tf-explain: |d score / d pixel|."""

from __future__ import annotations

import numpy as np

from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    from tf_explain.core.vanilla_gradients import VanillaGradients

    grads = VanillaGradients.compute_gradients(target.pixels[None].astype(np.float32), pixel_model(target),
                                               target.class_index)
    return np.abs(np.asarray(grads)[0]).sum(axis=-1)
