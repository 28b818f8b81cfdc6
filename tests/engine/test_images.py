"""The one image loader against a corpus of hostile and unusual files made here."""

from __future__ import annotations

import os

import numpy as np
import pytest

from engine import images
from engine.errors import ImageLoadError

from ..faults.hostile import decoder_cases, jpeg_bytes



@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """name -> (path, expectation).  Expectation: ('ok', check) or ('error', words)."""
    cases = decoder_cases(tmp_path_factory.mktemp("corpus"))
    return {name: (c.path, ("ok", c.check) if c.expect == "ok" else ("error", list(c.words)))
            for name, c in cases.items()}


def test_corpus_is_large_enough(corpus):
    assert len(corpus) >= 20


@pytest.mark.parametrize("case", [
    "jpeg", "upper-case extension", "transparent RGBA on white", "half-transparent black -> grey", "LA",
    "palette with transparency", "grayscale", "1-bit BMP", "animated GIF first frame", "WebP", "16-bit TIFF",
    "16-bit PNG", "CMYK JPEG", "CMYK TIFF", "EXIF orientation", "float TIFF", "1x1 pixel", "multi-page TIFF first page",
    "truncated JPEG", "empty file", "text named .jpg", "random bytes", "decompression bomb", "missing file",
    "folder", "corrupt PNG chunk",
])
def test_each_file(corpus, case):
    path, (kind, expect) = corpus[case]
    if kind == "ok":
        im = images.load_image(path)
        assert im.pixels.dtype == np.uint8 and im.pixels.ndim == 3 and im.pixels.shape[2] == 3
        assert expect(im), (case, im.pixels.reshape(-1, 3)[:2], im.notes)
    else:
        with pytest.raises(ImageLoadError) as info:
            images.load_image(path)
        msg = str(info.value)
        assert os.path.basename(str(path)) in msg, msg
        for word in expect:
            assert word in msg.lower(), msg


def test_resize_policies_keep_display_pixels():
    pixels = np.zeros((100, 200, 3), np.uint8)
    pixels[:, :50] = 255  # a white band on the left quarter
    before = pixels.copy()
    stretch = images.model_input(pixels, 32, "stretch")
    crop = images.model_input(pixels, 32, "crop")
    assert stretch.pixels.shape == crop.pixels.shape == (32, 32, 3)
    assert crop.crop_box == (50, 0, 150, 100)
    assert stretch.pixels[:, 0].mean() == 255  # the band is still visible when stretched
    assert crop.pixels.max() == 0  # and cropped away in the centre crop
    np.testing.assert_array_equal(pixels, before)


def test_load_bytes_and_arrays():
    im = images.load_bytes(jpeg_bytes(), "clip")
    assert im.size == (64, 48)
    arr = np.zeros((5, 6, 4), np.uint8)
    assert images.from_array(arr).pixels.shape == (5, 6, 3)
    with pytest.raises(ImageLoadError):
        images.load_bytes(b"", "clip")


def test_list_images_skips_hidden_and_non_images(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for p in ["a.jpg", "sub/b.PNG", ".hidden/c.jpg", "notes.txt", ".d.png"]:
        (tmp_path / p).write_bytes(b"x")
    assert [p.relative_to(tmp_path).as_posix() for p in images.list_images(tmp_path)] == ["a.jpg", "sub/b.PNG"]
