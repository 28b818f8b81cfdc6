"""SmoothGrad, through tf-explain: gradients averaged over noisy copies of the image
(noise 15% of the pixel range, as the paper suggests).  The noise is drawn from a seeded
generator (tf-explain draws it from NumPy's global one), so one image gives one map."""

from __future__ import annotations

import numpy as np

from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    from tf_explain.core.smoothgrad import SmoothGrad

    n = int(target.options.get("samples", 20))
    rng = np.random.default_rng(int(target.options.get("seed", 0)))
    images = target.pixels[None].astype(np.float32)
    noisy = np.repeat(images, n, axis=0) + rng.normal(0.0, 0.15 * 255.0, (n,) + images.shape[1:]).astype(np.float32)
    grads = SmoothGrad.get_averaged_gradients(noisy, pixel_model(target), target.class_index, n)
    return np.abs(np.asarray(grads)[0]).sum(axis=-1)
