"""Gradients × inputs, through tf-explain: the saliency weighted by the pixel values."""

from __future__ import annotations

import numpy as np

from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    from tf_explain.core.gradients_inputs import GradientsInputs

    grads = GradientsInputs.compute_gradients(target.pixels[None].astype(np.float32), pixel_model(target),
                                              target.class_index)
    return np.abs(np.asarray(grads)[0]).sum(axis=-1)
