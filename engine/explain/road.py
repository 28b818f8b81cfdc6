"""ROAD's noisy linear imputation (Rong et al., "A Consistent and Efficient Evaluation
Strategy for Attribution Methods", 2022): removed pixels are filled from their neighbours
instead of painted black, so a deletion curve measures lost information, not the model's
reaction to black holes whose outline itself gives the map away.

Each removed pixel should equal the weighted mean of its 8 neighbours (1/6 for the four
direct ones, 1/12 for the diagonals), a sparse linear system the paper solves exactly.  Here
it is solved approximately without SciPy: a normalised Gaussian fill of the holes, refined
by Jacobi sweeps of that same neighbour mean; then a little Gaussian noise on the filled
pixels so their smoothness does not mark them either.
"""

from __future__ import annotations

import numpy as np

KERNEL = np.array([[1 / 12, 1 / 6, 1 / 12], [1 / 6, 0.0, 1 / 6], [1 / 12, 1 / 6, 1 / 12]], np.float32)
SWEEPS = 24
NOISE = 2.5  # grey levels (1% of the range), the paper's noise level on its normalised inputs


def impute(pixels: np.ndarray, removed: np.ndarray, seed: int = 0) -> np.ndarray:
    """``pixels`` (H, W, 3) uint8 with the ``removed`` (H, W) bool pixels filled in."""
    import cv2

    if not removed.any():
        return pixels.copy()
    img = pixels.astype(np.float32)
    keep = (~removed).astype(np.float32)
    if not keep.any():
        filled = np.broadcast_to(img.reshape(-1, 3).mean(axis=0), img.shape).copy()
    else:
        sigma = max(2.0, pixels.shape[0] / 28)
        num = cv2.GaussianBlur(img * keep[..., None], (0, 0), sigma)
        den = cv2.GaussianBlur(keep, (0, 0), sigma)[..., None]
        mean = img[~removed].mean(axis=0)
        filled = np.where(den > 1e-3, num / np.maximum(den, 1e-3), mean)
        filled = np.where(removed[..., None], filled, img).astype(np.float32)
        for _ in range(SWEEPS):
            sweep = cv2.filter2D(filled, -1, KERNEL, borderType=cv2.BORDER_REFLECT)
            filled = np.where(removed[..., None], sweep, img)
    noise = np.random.default_rng(seed).normal(0.0, NOISE, img.shape).astype(np.float32)
    out = np.where(removed[..., None], filled + noise, img)
    return np.clip(out + 0.5, 0, 255).astype(np.uint8)
