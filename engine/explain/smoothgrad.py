"""SmoothGrad, through tf-explain: gradients averaged over noisy copies of the image
(noise 15% of the pixel range, as the paper suggests)."""

from __future__ import annotations

import numpy as np

from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    from tf_explain.core.smoothgrad import SmoothGrad

    n = int(target.options.get("samples", 20))
    images = target.pixels[None].astype(np.float32)
    noisy = SmoothGrad.generate_noisy_images(images, n, 0.15 * 255.0)
    grads = SmoothGrad.get_averaged_gradients(noisy, pixel_model(target), target.class_index, n)
    return np.abs(np.asarray(grads)[0]).sum(axis=-1)
