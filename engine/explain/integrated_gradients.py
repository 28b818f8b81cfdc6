"""Integrated Gradients, through tf-explain: gradients integrated along the straight path
from a black image to the image."""

from __future__ import annotations

import numpy as np

from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    from tf_explain.core.integrated_gradients import IntegratedGradients

    steps = int(target.options.get("steps", 20))
    images = target.pixels[None].astype(np.float32)
    path = IntegratedGradients.generate_interpolations(images, steps)
    grads = IntegratedGradients.get_integrated_gradients(path, pixel_model(target), target.class_index, steps)
    return np.abs(np.asarray(grads)[0] * images[0]).sum(axis=-1)
