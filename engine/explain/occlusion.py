"""Occlusion sensitivity (Zeiler & Fergus 2014): a mid-grey patch slides over the image and
each pixel's importance is the drop of the class probability, from the unoccluded image's,
averaged over the patches that covered it.

Not tf-explain's map, which is 1 − (occluded confidence): that lays a floor of about
1 − p under the whole image (a uniform overlay for a low-probability class) and spreads
the mass evenly over both halves of a two-object image.  The default patch (3/14 of the
input, 48 px at 224) with half-patch stride resolves objects half the image wide (the
two-object test image), and measured better than 32 px against random maps of equal
smoothness: a smaller patch hides too little of a large, confident object to move its
probability (the fixture parrot at 99.6%).

All patched images go through ``loaded.run`` (raw uint8 pixels) in as few calls as memory
allows; the probabilities of every class are kept for the last few images, so the map of
another class of the same image (the class grid) costs no model call at all.
"""

from __future__ import annotations

import numpy as np

from ..messages import msg
from .base import Target, digest, remember, run_batched

FILL = 128  # mid-grey in pixel space, whatever preprocessing the family uses
FLAT_DROP = 0.001  # no patch lowers the probability by 0.1 point: nothing the patch covers matters


def patch_grid(size: int, patch: int, stride: int) -> list[tuple[int, int]]:
    """Top-left corners (y, x) of patches covering a ``size``-pixel square, edges included."""
    last = max(0, size - patch)  # a patch as large as the image, or larger, has one place
    starts = list(range(0, last + 1, stride))
    if starts[-1] != last:
        starts.append(last)
    return [(y, x) for y in starts for x in starts]


def occluded_probabilities(target: Target, patch: int, stride: int):
    """(probabilities of the unoccluded image, of each patched image, the patch corners)."""
    key = ("occlusion", digest(target.pixels), patch, stride)
    store = target.cache()
    if key in store:
        return store[key]
    pixels = target.pixels
    corners = patch_grid(pixels.shape[0], patch, stride)

    def make(start: int, stop: int) -> np.ndarray:
        batch = np.repeat(pixels[None], stop - start, axis=0)
        for i, (y, x) in enumerate(corners[start:stop]):
            batch[i, y:y + patch, x:x + patch] = FILL
        return batch

    probs = run_batched(target.loaded, len(corners), make, progress=target.progress, cancel=target.cancel,
                        label="Occlusion: ")
    base = np.asarray(target.loaded.run(pixels[None]))[0]
    return remember(store, key, (base, probs, corners), keep=2)


def run(target: Target) -> np.ndarray:
    size = target.pixels.shape[0]
    patch = int(target.options.get("patch_size", max(4, round(size * 3 / 14))))
    stride = int(target.options.get("stride", max(1, patch // 2)))
    base, probs, corners = occluded_probabilities(target, patch, stride)
    p0 = float(base[target.class_index])
    drop = p0 - probs[:, target.class_index]
    total = np.zeros(target.pixels.shape[:2], np.float64)
    count = np.zeros_like(total)
    for d, (y, x) in zip(drop, corners):
        total[y:y + patch, x:x + patch] += d
        count[y:y + patch, x:x + patch] += 1
    if float(drop.max()) < FLAT_DROP:  # a drop of exactly 0.1 point does lower it by 0.1 point
        target.flat_reason = msg("explain.flat_occlusion", "no patch lowers this class's probability "
                                                           "({probability:.2g}%) "
                                 "by even {drop:.1f} percentage point: nothing the patch covers matters to it",
                                 probability=p0 * 100, drop=FLAT_DROP * 100)
    return np.maximum(total / np.maximum(count, 1), 0).astype(np.float32)
