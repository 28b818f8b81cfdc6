"""Hostile and unusual files, made on the spot (nothing stored in the repository).

Each maker writes real files into a folder and returns ``{name: Case}``; a case says what
the one image loader must do with it: read it (``ok`` with a pixel check) or refuse it
(``refuse`` with words its message must contain).  Families:

* ``decoder_cases``  — formats, modes and classic damage (the loader's own test corpus);
* ``truncated_cases`` — JPEGs cut at 50 %, 90 % and 99.9 % of their length;
* ``claim_cases``    — files whose header claims more than they hold: a 144-megapixel PNG,
  a 1.3 KB "9000×9000" JPEG, a tiny "9000×9000" PNG, a 2 GB (sparse) file with a JPEG header;
* ``special_cases``  — not regular files: a FIFO, a link to /dev/zero, a dangling link, a
  link loop (all named .jpg);
* ``name_cases``     — good images under hostile names: bytes that are not UTF-8, a newline,
  a tab, a backslash, a leading dash, a 250-byte name.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np
from PIL import Image

RED = (200, 30, 40)


@dataclass
class Case:
    path: Path
    expect: str  # "ok" or "refuse"
    words: tuple = ()  # refuse: words the message must contain
    check: Optional[Callable] = None  # ok: a check of the LoadedImage
    family: str = ""


def _ok(path, check, family):
    return Case(Path(path), "ok", (), check, family)


def _refuse(path, words, family):
    return Case(Path(path), "refuse", tuple(words), None, family)


def color_near(rgb, tol=12):
    return lambda im: np.abs(im.pixels.astype(int).mean(axis=(0, 1)) - rgb).max() <= tol


def jpeg_bytes(size=(64, 48), color=RED, noise=False, quality=95) -> bytes:
    buf = io.BytesIO()
    if noise:
        rng = np.random.default_rng(0)
        img = Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))
    else:
        img = Image.new("RGB", size, color)
    img.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _save(img: Image.Image, path, **kw):
    img.save(path, **kw)
    return path


def decoder_cases(d: Path) -> dict[str, Case]:
    """Formats, modes and classic damage: 18 files to read, 8 to refuse."""
    f = "decoder"
    c: dict[str, Case] = {}
    c["jpeg"] = _ok(_save(Image.new("RGB", (64, 48), RED), d / "a.jpg", quality=95), color_near(RED), f)
    c["upper-case extension"] = _ok(_save(Image.new("RGB", (8, 8), RED), d / "b.JPG", format="JPEG", quality=95),
                                    color_near(RED), f)
    c["transparent RGBA on white"] = _ok(_save(Image.new("RGBA", (20, 20), (0, 0, 0, 0)), d / "c.png"),
                                         color_near((255, 255, 255), 0), f)
    c["half-transparent black -> grey"] = _ok(_save(Image.new("RGBA", (20, 20), (0, 0, 0, 128)), d / "d.png"),
                                              color_near((127, 127, 127), 2), f)
    c["LA"] = _ok(_save(Image.new("LA", (10, 10), (0, 0)), d / "e.png"), color_near((255, 255, 255), 0), f)
    pal = Image.new("P", (10, 10), 0)
    pal.putpalette([0, 0, 0] * 256)
    pal.info["transparency"] = 0
    c["palette with transparency"] = _ok(_save(pal, d / "f.png", transparency=0), color_near((255, 255, 255), 0), f)
    c["grayscale"] = _ok(_save(Image.new("L", (10, 10), 100), d / "g.png"), color_near((100, 100, 100), 0), f)
    c["1-bit BMP"] = _ok(_save(Image.new("1", (10, 10), 1), d / "h.bmp"), color_near((255, 255, 255), 0), f)
    frames = [Image.new("RGB", (16, 16), RED), Image.new("RGB", (16, 16), (0, 0, 255))]
    frames[0].save(d / "i.gif", save_all=True, append_images=frames[1:], duration=100)
    c["animated GIF first frame"] = _ok(d / "i.gif", lambda im: im.pixels[..., 0].mean() > 150
                                        and "first of 2 frames" in im.notes, f)
    c["WebP"] = _ok(_save(Image.new("RGB", (16, 16), RED), d / "j.webp", lossless=True), color_near(RED, 1), f)
    c["16-bit TIFF"] = _ok(_save(Image.fromarray(np.full((8, 8), 65535 // 2, np.uint16)), d / "k.tif"),
                           color_near((127, 127, 127), 1), f)
    c["16-bit PNG"] = _ok(_save(Image.fromarray(np.full((8, 8), 65535, np.uint16)), d / "l.png"),
                          color_near((255, 255, 255), 0), f)
    c["CMYK JPEG"] = _ok(_save(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), d / "m.jpg", quality=95),
                         lambda im: im.pixels[..., 0].mean() > 200 and im.pixels[..., 1].mean() < 60, f)
    c["CMYK TIFF"] = _ok(_save(Image.new("CMYK", (16, 16), (0, 0, 0, 255)), d / "n.tif"), color_near((0, 0, 0), 2), f)
    exif_img = Image.new("RGB", (40, 20), RED)
    exif = exif_img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise on display
    c["EXIF orientation"] = _ok(_save(exif_img, d / "o.jpg", exif=exif.tobytes()), lambda im: im.size == (20, 40), f)
    c["float TIFF"] = _ok(_save(Image.fromarray(np.full((8, 8), 0.5, np.float32)), d / "p.tif"),
                          color_near((128, 128, 128), 1), f)
    c["1x1 pixel"] = _ok(_save(Image.new("RGB", (1, 1), RED), d / "q.png"), color_near(RED, 0), f)
    pages = [Image.new("RGB", (8, 8), RED), Image.new("RGB", (8, 8), (0, 255, 0))]
    pages[0].save(d / "r.tiff", save_all=True, append_images=pages[1:])
    c["multi-page TIFF first page"] = _ok(d / "r.tiff", color_near(RED, 0), f)

    data = jpeg_bytes((256, 256))
    (d / "s.jpg").write_bytes(data[: len(data) // 2])
    c["truncated JPEG"] = _refuse(d / "s.jpg", ["truncated"], f)
    (d / "t.jpg").write_bytes(b"")
    c["empty file"] = _refuse(d / "t.jpg", ["empty"], f)
    (d / "u.jpg").write_text("this is not a picture\n")
    c["text named .jpg"] = _refuse(d / "u.jpg", ["not an image"], f)
    (d / "v.png").write_bytes(np.random.default_rng(5).integers(0, 256, 2048, dtype=np.uint8).tobytes())
    c["random bytes"] = _refuse(d / "v.png", ["not an image"], f)
    _save(Image.new("1", (11000, 11000)), d / "w.png")
    c["decompression bomb"] = _refuse(d / "w.png", ["decompression bomb"], f)
    c["missing file"] = _refuse(d / "nope.png", ["does not exist"], f)
    (d / "x.png").mkdir()
    c["folder"] = _refuse(d / "x.png", ["folder"], f)
    png = io.BytesIO()
    Image.new("RGB", (32, 32), RED).save(png, "PNG")
    raw = bytearray(png.getvalue())
    at = raw.index(b"IDAT") + 8
    raw[at:at + 12] = b"\xff" * 12  # corrupt the compressed pixel data
    (d / "y.png").write_bytes(bytes(raw))
    c["corrupt PNG chunk"] = _refuse(d / "y.png", ["damaged"], f)
    return c


def truncated_cases(d: Path) -> dict[str, Case]:
    data = jpeg_bytes((640, 480), noise=True, quality=90)
    out = {}
    for pct in (50, 90, 99.9):
        p = d / f"cut-{pct}.jpg"
        p.write_bytes(data[: int(len(data) * pct / 100)])
        out[f"JPEG cut at {pct}%"] = _refuse(p, ["truncated"], "truncated")
    return out


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def forged_png(width: int, height: int) -> bytes:
    """A PNG header claiming width×height RGB, with one row of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + 3 * width))
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def forged_jpeg(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header (SOF0) is rewritten to claim width×height."""
    data = bytearray(jpeg_bytes((64, 48)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def claim_cases(d: Path) -> dict[str, Case]:
    f = "claims"
    out = {}
    _save(Image.new("1", (12000, 12000)), d / "144mp.png")
    out["144-megapixel PNG"] = _refuse(d / "144mp.png", ["megapixels", "decompression bomb"], f)
    (d / "claims-9000.jpg").write_bytes(forged_jpeg(9000, 9000))
    out["1.3 KB JPEG claiming 9000x9000"] = _refuse(d / "claims-9000.jpg", ["too small", "9000×9000"], f)
    (d / "claims-9000.png").write_bytes(forged_png(9000, 9000))
    out["tiny PNG claiming 9000x9000"] = _refuse(d / "claims-9000.png", ["too small", "9000×9000"], f)
    big = d / "2gb.jpg"
    with open(big, "wb") as fh:
        fh.write(jpeg_bytes((64, 48)))
        fh.truncate(2 * 1024**3)  # sparse: costs no disk
    out["2 GB file with a JPEG header"] = _refuse(big, ["gib", "over the limit"], f)
    return out


def special_cases(d: Path) -> dict[str, Case]:
    """Entries that are not regular files (POSIX only: FIFOs and /dev/zero)."""
    f = "special"
    out = {}
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.jpg")
        out["FIFO named .jpg"] = _refuse(d / "pipe.jpg", ["not a regular file"], f)
    if os.path.exists("/dev/zero"):
        os.symlink("/dev/zero", d / "zero.jpg")
        out["link to /dev/zero"] = _refuse(d / "zero.jpg", ["not a regular file"], f)
    os.symlink(d / "gone.jpg", d / "dangling.jpg")
    out["dangling link"] = _refuse(d / "dangling.jpg", ["dangling link"], f)
    os.symlink(d / "loop.jpg", d / "loop.jpg")
    out["link loop"] = _refuse(d / "loop.jpg", ["link loop"], f)
    return out


def hostile_names() -> dict[str, str]:
    """Hostile but valid file names (POSIX): label -> name."""
    names = {
        "newline": "two\nlines.jpg",
        "tab": "a\tb.jpg",
        "backslash": "back\\slash.jpg",
        "leading dash": "-rf.jpg",
        "250-byte name": "n" * 246 + ".jpg",
        "quote and comma": 'say "hi", ok.jpg',
    }
    if sys.platform != "darwin":  # macOS file systems refuse names that are not UTF-8
        names["not UTF-8"] = os.fsdecode(b"caf\xe9-\xff.jpg")
    return names


def name_cases(d: Path) -> dict[str, Case]:
    out = {}
    for label, name in hostile_names().items():
        p = d / name
        p.write_bytes(jpeg_bytes((32, 32)))
        out[f"name: {label}"] = _ok(p, color_near(RED), "names")
    return out


def all_cases(d: Path) -> dict[str, Case]:
    """Every family in its own sub-folder of ``d``."""
    cases: dict[str, Case] = {}
    for maker in (decoder_cases, truncated_cases, claim_cases, special_cases, name_cases):
        sub = d / maker.__name__
        sub.mkdir(parents=True, exist_ok=True)
        cases.update(maker(sub))
    return cases
