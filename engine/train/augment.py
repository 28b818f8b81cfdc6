"""Data augmentation on raw pixels, in the input pipeline's threads.

The same five augmentations, with the same ranges, as Keras' preprocessing layers the
models used to carry (``RandomFlip("horizontal")``, ``RandomRotation(0.08)``,
``RandomZoom(0.15)``, ``RandomContrast(0.2)``, ``RandomTranslation(0.1, 0.1)``; reflected
borders, bilinear sampling), but computed per image with OpenCV beside the decoding:
TensorFlow's per-pixel transform ops took about 20 ms an image on a 2-core CPU — as long
as the frozen base itself on OpenVINO — while one composed affine warp takes a fraction of
a millisecond.  Rotation, zoom, translation and the flip are composed into one warp (one
resampling instead of three), then the contrast is changed.

Every image's draws come from its own generator seeded by (run seed, epoch, position), so
an epoch's augmented images are the same whichever thread makes them, whatever backend
trains on them, and from one run to the next with the same seed.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

NAMES = ("flip", "rotation", "zoom", "contrast", "translation")
ROTATION = 0.08  # of a full turn, either way
ZOOM = 0.15  # zoom out (sample a larger area) or in, by up to this fraction
CONTRAST = 0.2
TRANSLATION = 0.1  # of the height and width


def check_names(names: Sequence[str]) -> list:
    unknown = set(names) - set(NAMES)
    if unknown:
        raise ValueError(f"unknown augmentation(s) {sorted(unknown)}; choose from {sorted(NAMES)}")
    return list(names)


class Augmenter:
    """``augmenter(pixels, epoch, index)`` -> float32 augmented copy of one (H, W, 3) image."""

    def __init__(self, names: Sequence[str], seed: int):
        self.names = set(check_names(names))
        self.seed = int(seed)

    def __bool__(self) -> bool:
        return bool(self.names)

    def matrix(self, rng: np.random.Generator, height: int, width: int) -> np.ndarray:
        """The 2x3 map from an output pixel to the input position it samples."""
        cx, cy = (width - 1) / 2.0, (height - 1) / 2.0
        flip = "flip" in self.names and rng.random() < 0.5
        angle = rng.uniform(-ROTATION, ROTATION) * 2 * math.pi if "rotation" in self.names else 0.0
        zoom = 1.0 + rng.uniform(-ZOOM, ZOOM) if "zoom" in self.names else 1.0
        tx, ty = ((rng.uniform(-TRANSLATION, TRANSLATION) * width, rng.uniform(-TRANSLATION, TRANSLATION) * height)
                  if "translation" in self.names else (0.0, 0.0))
        # output p -> (undo translation) p - t -> (undo zoom) c + z (q - c) -> (undo rotation) -> (undo flip)
        c, s = math.cos(angle) * zoom, math.sin(angle) * zoom
        a = np.array([[c, -s], [s, c]])
        offset = np.array([cx, cy]) - a @ np.array([cx + tx, cy + ty])
        m = np.hstack([a, offset[:, None]])
        if flip:  # x -> width - 1 - x on the input side
            m[0] = -m[0]
            m[0, 2] += width - 1
        return m

    def __call__(self, pixels: np.ndarray, epoch: int, index: int) -> np.ndarray:
        import cv2

        rng = np.random.default_rng([self.seed, int(epoch), int(index)])
        h, w = pixels.shape[:2]
        if self.names & {"flip", "rotation", "zoom", "translation"}:
            m = self.matrix(rng, h, w)
            out = cv2.warpAffine(np.asarray(pixels, np.float32), m, (w, h),
                                 flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_REFLECT)
        else:
            out = np.array(pixels, np.float32)  # a copy: the caller's pixels are never changed
        if "contrast" in self.names:
            factor = rng.uniform(1.0 - CONTRAST, 1.0 + CONTRAST)
            mean = np.array(cv2.mean(out)[:out.shape[-1]], np.float32)  # numpy's strided mean: 10x slower
            out *= np.float32(factor)
            out += mean * np.float32(1.0 - factor)
            np.clip(out, 0.0, 255.0, out=out)
        return out
