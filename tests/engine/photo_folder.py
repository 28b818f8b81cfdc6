"""A folder of real photos for folder-scale tests and benchmarks: the fixture photos and
seeded random crops of them, plus (optionally) five hostile files the app must turn into
error rows: empty, not an image, truncated, a decompression-bomb header, and a name that
is not valid UTF-8."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

from ..conftest import FIXTURES

HOSTILE = 5


def _photos() -> list[Image.Image]:
    names = sorted(p for p in (FIXTURES / "images").iterdir() if p.suffix.lower() in (".jpg", ".png"))
    return [Image.open(p).convert("RGB") for p in names]


def _bomb_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels (Pillow reads only the header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def make_folder(root: Path, n: int, hostile: bool = True, seed: int = 0, max_side: int = 320) -> Path:
    """``n`` images (the photos first, then crops), JPEG and PNG alternating, in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    photos = _photos()
    for i in range(n):
        img = photos[i % len(photos)]
        if i >= len(photos):
            w, h = img.size
            cw, ch = int(w * rng.uniform(0.5, 1.0)), int(h * rng.uniform(0.5, 1.0))
            x, y = int(rng.integers(0, w - cw + 1)), int(rng.integers(0, h - ch + 1))
            img = img.crop((x, y, x + cw, y + ch))
        img = img.copy()
        img.thumbnail((max_side, max_side))
        img.save(root / (f"{i:04d}.jpg" if i % 2 else f"{i:04d}.png"), quality=90)
    if hostile:
        (root / "h_empty.jpg").write_bytes(b"")
        (root / "h_text.png").write_text("this is not an image")
        whole = (root / "0001.jpg").read_bytes()
        (root / "h_truncated.jpg").write_bytes(whole[: len(whole) // 3])
        (root / "h_bomb.png").write_bytes(_bomb_png(30000, 30000))
        with open(os.path.join(os.fsencode(root), b"h_odd_\xff.jpg"), "wb") as f:
            f.write(b"\xff\xd8 not really a jpeg")
    return root
