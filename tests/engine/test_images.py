"""The one image loader against a corpus of hostile and unusual files made here."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest
from PIL import Image

from engine import images
from engine.errors import ImageLoadError

RED = (200, 30, 40)


def _save(img: Image.Image, path, **kw):
    img.save(path, **kw)
    return path


def _jpeg_bytes(size=(64, 48), color=RED):
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=95)
    return buf.getvalue()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """name -> (path, expectation).  Expectation: ('ok', check) or ('error', words)."""
    d = tmp_path_factory.mktemp("corpus")
    c = {}

    def ok(name, path, check):
        c[name] = (path, ("ok", check))

    def bad(name, path, words):
        c[name] = (path, ("error", words))

    def color_near(rgb, tol=12):
        return lambda im: np.abs(im.pixels.astype(int).mean(axis=(0, 1)) - rgb).max() <= tol

    ok("jpeg", _save(Image.new("RGB", (64, 48), RED), d / "a.jpg", quality=95), color_near(RED))
    ok("upper-case extension", _save(Image.new("RGB", (8, 8), RED), d / "b.JPG", format="JPEG", quality=95), color_near(RED))
    rgba = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    ok("transparent RGBA on white", _save(rgba, d / "c.png"), color_near((255, 255, 255), 0))
    half = Image.new("RGBA", (20, 20), (0, 0, 0, 128))
    ok("half-transparent black -> grey", _save(half, d / "d.png"), color_near((127, 127, 127), 2))
    ok("LA", _save(Image.new("LA", (10, 10), (0, 0)), d / "e.png"), color_near((255, 255, 255), 0))
    pal = Image.new("P", (10, 10), 0)
    pal.putpalette([0, 0, 0] * 256)
    pal.info["transparency"] = 0
    ok("palette with transparency", _save(pal, d / "f.png", transparency=0), color_near((255, 255, 255), 0))
    ok("grayscale", _save(Image.new("L", (10, 10), 100), d / "g.png"), color_near((100, 100, 100), 0))
    ok("1-bit BMP", _save(Image.new("1", (10, 10), 1), d / "h.bmp"), color_near((255, 255, 255), 0))
    frames = [Image.new("RGB", (16, 16), RED), Image.new("RGB", (16, 16), (0, 0, 255))]
    frames[0].save(d / "i.gif", save_all=True, append_images=frames[1:], duration=100)
    ok("animated GIF first frame", d / "i.gif", lambda im: im.pixels[..., 0].mean() > 150 and "first of 2 frames" in im.notes)
    ok("WebP", _save(Image.new("RGB", (16, 16), RED), d / "j.webp", lossless=True), color_near(RED, 1))
    g16 = Image.fromarray(np.full((8, 8), 65535 // 2, np.uint16))
    ok("16-bit TIFF", _save(g16, d / "k.tif"), color_near((127, 127, 127), 1))
    p16 = Image.fromarray(np.full((8, 8), 65535, np.uint16))
    ok("16-bit PNG", _save(p16, d / "l.png"), color_near((255, 255, 255), 0))
    ok("CMYK JPEG", _save(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), d / "m.jpg", quality=95),
       lambda im: im.pixels[..., 0].mean() > 200 and im.pixels[..., 1].mean() < 60)
    ok("CMYK TIFF", _save(Image.new("CMYK", (16, 16), (0, 0, 0, 255)), d / "n.tif"), color_near((0, 0, 0), 2))
    exif_img = Image.new("RGB", (40, 20), RED)
    exif = exif_img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    ok("EXIF orientation", _save(exif_img, d / "o.jpg", exif=exif.tobytes()), lambda im: im.size == (20, 40))
    ok("float TIFF", _save(Image.fromarray(np.full((8, 8), 0.5, np.float32)), d / "p.tif"), color_near((128, 128, 128), 1))
    ok("1x1 pixel", _save(Image.new("RGB", (1, 1), RED), d / "q.png"), color_near(RED, 0))
    pages = [Image.new("RGB", (8, 8), RED), Image.new("RGB", (8, 8), (0, 255, 0))]
    pages[0].save(d / "r.tiff", save_all=True, append_images=pages[1:])
    ok("multi-page TIFF first page", d / "r.tiff", color_near(RED, 0))

    data = _jpeg_bytes((256, 256))
    (d / "s.jpg").write_bytes(data[: len(data) // 2])
    bad("truncated JPEG", d / "s.jpg", ["truncated"])
    (d / "t.jpg").write_bytes(b"")
    bad("empty file", d / "t.jpg", ["empty"])
    (d / "u.jpg").write_text("this is not a picture\n")
    bad("text named .jpg", d / "u.jpg", ["not an image"])
    (d / "v.png").write_bytes(os.urandom(2048))
    bad("random bytes", d / "v.png", ["not an image"])
    _save(Image.new("1", (11000, 11000)), d / "w.png")
    bad("decompression bomb", d / "w.png", ["decompression bomb"])
    bad("missing file", d / "nope.png", ["does not exist"])
    (d / "x.png").mkdir()
    bad("folder", d / "x.png", ["folder"])
    png = io.BytesIO()
    Image.new("RGB", (32, 32), RED).save(png, "PNG")
    raw = bytearray(png.getvalue())
    at = raw.index(b"IDAT") + 8
    raw[at:at + 12] = b"\xff" * 12  # corrupt the compressed pixel data
    (d / "y.png").write_bytes(bytes(raw))
    bad("corrupt PNG chunk", d / "y.png", ["damaged"])
    return c


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
    im = images.load_bytes(_jpeg_bytes(), "clip")
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
