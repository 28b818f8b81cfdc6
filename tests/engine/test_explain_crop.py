"""Crop policy: the model sees only the centre square of a wide photo, and the heatmap must be
drawn back onto the full photo where the object really is (not stretched over the whole
width, not shifted to the left edge)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from engine import explain, images

from ..conftest import fixture_image, needs_fixtures
from .heatmaps import MACAW

pytestmark = needs_fixtures

WIDTH, HEIGHT = 600, 300
PARROT_BOX = (165, 40, 285, 258)  # left, top, right, bottom: left of centre, inside the centre square


def off_centre_photo() -> images.LoadedImage:
    """Grey noise, the cat at the far left (outside the centre square the crop keeps) and the
    parrot inside the square but well left of its centre."""
    rng = np.random.default_rng(0)
    canvas = Image.fromarray(rng.normal(120, 12, (HEIGHT, WIDTH, 3)).clip(0, 255).astype(np.uint8))
    cat = Image.open(fixture_image("cat.png")).convert("RGB").resize((140, 94))
    canvas.paste(cat, (0, 100))
    left, top, right, bottom = PARROT_BOX
    parrot = Image.open(fixture_image("parrot.jpg")).convert("RGB").resize((right - left, bottom - top))
    canvas.paste(parrot, (left, top))
    return images.LoadedImage(np.asarray(canvas), "off-centre parrot")


def test_heatmap_on_the_full_photo_peaks_on_the_off_centre_object(real_mobilenet_v2):
    predictor, request = real_mobilenet_v2
    loaded = predictor.load(request)
    photo = off_centre_photo()
    mi = images.model_input(photo.pixels, loaded.input_size, "crop")
    assert mi.crop_box == (150, 0, 450, 300)
    assert int(np.argmax(loaded.run(mi.pixels[None])[0])) == MACAW
    for method in ("gradcam", "occlusion"):
        e = explain.explain(loaded, photo, method=method, policy="crop")
        assert e.class_index == MACAW
        full = explain.to_image(e.heatmap, photo.size, mi.crop_box)
        assert full.shape == (HEIGHT, WIDTH)
        assert full[:, :150].max() == 0 and full[:, 450:].max() == 0  # nothing drawn where the model did not look
        row, col = np.unravel_index(np.argmax(full), full.shape)
        left, top, right, bottom = PARROT_BOX
        assert left <= col < right and top <= row < bottom, (method, row, col)
        inside = full[top:bottom, left:right].sum() / full.sum()
        assert inside >= 0.5, (method, inside)  # the box is 29% of the crop


@pytest.mark.parametrize("box", [(0, 0, 4, 2), (3, 1, 7, 5)])
def test_to_image_places_the_map_in_the_crop_box(box):
    heat = np.zeros((4, 4), np.float32)
    heat[0, 0] = 1.0
    full = explain.to_image(heat, (8, 6), box)
    left, top, right, bottom = box
    assert full.shape == (6, 8)
    row, col = np.unravel_index(np.argmax(full), full.shape)
    assert (row, col) == (top, left)
    outside = full.copy()
    outside[top:bottom, left:right] = 0
    assert outside.max() == 0
