"""Shared pieces of the heatmap oracle tests: the two-object images built from the fixture
photos, and a per-session cache of the maps (the expensive part) so that each test file
computes a map only once."""

from __future__ import annotations

import numpy as np
from PIL import Image

from engine import explain, images

from ..conftest import fixture_image

MACAW, EGYPTIAN_CAT = 88, 285
HALF = 224  # each photo is resized to this square before pasting

_images: dict = {}
_maps: dict = {}


def two_objects(layout: str, resample=Image.Resampling.BILINEAR) -> images.LoadedImage:
    """The fixture cat and parrot pasted side by side ("side": cat left, parrot right) or one
    above the other ("stacked": cat on top).  The model (224 px, stretched) sees each photo
    squeezed into one half.  ``resample``: how each photo was shrunk before pasting (Pillow's
    default is bicubic)."""
    key = (layout, resample)
    if key not in _images:
        cat = Image.open(fixture_image("cat.png")).convert("RGB").resize((HALF, HALF), resample)
        parrot = Image.open(fixture_image("parrot.jpg")).convert("RGB").resize((HALF, HALF), resample)
        size = (2 * HALF, HALF) if layout == "side" else (HALF, 2 * HALF)
        canvas = Image.new("RGB", size)
        canvas.paste(cat, (0, 0))
        canvas.paste(parrot, (HALF, 0) if layout == "side" else (0, HALF))
        _images[key] = images.LoadedImage(np.asarray(canvas), f"cat|parrot ({layout})")
    return _images[key]


def share(heatmap: np.ndarray, layout: str, part: str) -> float:
    """The share of the map's mass on the half where ``part`` ("cat" or "parrot") is."""
    h = np.asarray(heatmap, np.float64)
    n = h.shape[1] // 2 if layout == "side" else h.shape[0] // 2
    first = h[:, :n].sum() if layout == "side" else h[:n].sum()
    total = h.sum()
    if total <= 0:
        return 0.5
    return float(first / total if part == "cat" else 1.0 - first / total)


def two_object_map(loaded, layout: str, method: str, class_index: int, **kw) -> explain.Explanation:
    key = (id(loaded), layout, method, class_index, tuple(sorted(kw.items())))
    if key not in _maps:
        _maps[key] = explain.explain(loaded, two_objects(layout), method=method, class_index=class_index, **kw)
    return _maps[key]


def photo_map(loaded, name: str, method: str) -> tuple[images.LoadedImage, explain.Explanation]:
    """A fixture photo and its top-1 map, cached."""
    key = (id(loaded), name, method)
    if key not in _maps:
        image = images.load_image(fixture_image(name))
        _maps[key] = (image, explain.explain(loaded, image, method=method))
    return _maps[key]
