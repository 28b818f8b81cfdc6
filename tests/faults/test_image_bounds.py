"""The image checks from the side of what must be *accepted*: a real 4000×3000 screenshot
(~45 KB as RGB: a screen is mostly flat colour, and deflate packs a flat row ~1000:1; ~1.5 KB
as the 1- or 4-bit palette PNG a screenshot tool or optimiser writes) loads, and each refusal
starts exactly at its bound, not a bit or a byte off.

Refusing hostile files is in test_hostile_images.py; a bound computed in bits instead of
bytes, or one that assumes every palette PNG stores 8 bits a pixel, would refuse these
screenshots and pass every one of those tests.
"""

from __future__ import annotations

import io
import os
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from engine import imagefile, images
from engine.errors import ImageLoadError

pytestmark = pytest.mark.faults

W, H = 4000, 3000
PALETTE = [246, 246, 246, 40, 44, 52, 230, 232, 236, 30, 30, 30, 180, 180, 190, 255, 255, 255]


def screenshot() -> Image.Image:
    """A 4000×3000 screen in 6 colours: title bar, side bar, panels, a few lines of text."""
    img = Image.new("P", (W, H), 0)
    img.putpalette(PALETTE)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, W, 90], fill=1)
    draw.rectangle([0, 90, 700, H], fill=2)
    for i in range(3):
        draw.text((30, 130 + i * 60), f"model_{i:02d}.keras   {i * 37 % 100} MB", fill=3)
    for r in range(5):
        for c in range(4):
            x, y = 800 + c * 780, 160 + r * 560
            draw.rectangle([x, y, x + 700, y + 500], outline=4, width=2, fill=5)
    return img


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screens")
    shot = screenshot()
    made = {}
    for name, img, options in (("RGB", shot.convert("RGB"), {}), ("palette", shot, {"optimize": True}),
                               ("grey, 2 bits", shot.convert("L"), {"bits": 2})):
        made[name] = folder / f"{name}.png"
        img.save(made[name], "PNG", **options)
    return made


# the palette and grey files weigh less than 8 bits a pixel would allow (W * H // 1100 = 10,909)
@pytest.mark.parametrize("name,low,high", [("RGB", 40_000, 60_000), ("palette", 1_000, W * H // 1100),
                                           ("grey, 2 bits", 1_000, W * H // 1100)])
def test_a_real_4000x3000_screenshot_loads(screens, name, low, high):
    path = screens[name]
    assert low < path.stat().st_size < high  # what such a screenshot weighs
    loaded = images.load_image(path)
    assert loaded.size == (W, H)
    if name != "grey, 2 bits":
        assert tuple(loaded.pixels[10, 3000]) == (40, 44, 52)  # the title bar, decoded


def header(w: int, h: int, fmt: str = "PNG", mode: str = "RGB"):
    """What check_header reads of a Pillow image: its size, format and mode."""
    return SimpleNamespace(size=(w, h), format=fmt, mode=mode)


@pytest.mark.parametrize("fmt,mode,least", [
    ("PNG", "RGB", W * H * 3 // 1100),  # 32,727 bytes: raw bytes / deflate's best ratio, with margin
    ("PNG", "RGBA", W * H * 4 // 1100),
    ("PNG", "L", W * H // 8 // 1100),  # grey may be stored in 1, 2 or 4 bits
    ("PNG", "P", W * H // 8 // 1100),  # so may a palette
    ("PNG", "1", W * H // 8 // 1100),
    ("PNG", "LA", W * H * 2 // 1100),
    ("PNG", "I;16", W * H * 2 // 1100),
    ("PNG", "some new mode", W * H // 8 // 1100),  # unknown: the least, never refuse a real file
    ("JPEG", "RGB", W * H // 4096),  # 2,929 bytes
    ("JPEG", "L", W * H // 4096),
])
def test_too_few_bytes_for_the_claim_is_refused_from_exactly_the_bound(fmt, mode, least):
    imagefile.check_header(header(W, H, fmt, mode), least, "x")
    with pytest.raises(ImageLoadError) as err:
        imagefile.check_header(header(W, H, fmt, mode), least - 1, "where.png")
    assert err.value.path == "where.png" and err.value.reason == (
        f"the file ({least - 1:,} bytes) is far too small for the 4000×3000 pixels its header claims: it is "
        "truncated or forged.")


def test_small_images_and_other_formats_are_not_held_to_a_byte_count():
    imagefile.check_header(header(2000, 2000, "JPEG"), 1, "x")  # 4 MP: any size is plausible
    with pytest.raises(ImageLoadError, match="far too small"):
        imagefile.check_header(header(2000, 2001, "JPEG"), 1, "x")
    imagefile.check_header(header(W, H, "GIF"), 1, "x")
    imagefile.check_header(header(W, H, "WEBP"), 1, "x")
    imagefile.check_header(header(W, H, "PNG"), None, "x")  # bytes unknown (a pasted array)


def test_the_pixel_limit_starts_after_exactly_max_pixels():
    imagefile.check_header(header(imagefile.MAX_PIXELS, 1), None, "x")
    with pytest.raises(ImageLoadError) as err:
        imagefile.check_header(header(imagefile.MAX_PIXELS + 1, 1), None, "big.png")
    assert err.value.path == "big.png" and err.value.reason == (
        "it is 89478486×1 pixels (89 megapixels), over the limit of 89 megapixels; such files can exhaust memory "
        "(a 'decompression bomb'). Scale it down first.")
    with pytest.raises(ImageLoadError, match=r"10000×8948 pixels \(89 megapixels\)"):
        imagefile.check_header(header(10000, 8948), None, "x")
    for w, h in ((0, 10), (10, 0), (-1, 5)):
        with pytest.raises(ImageLoadError) as err:
            imagefile.check_header(header(w, h), None, "x")
        assert (err.value.path, err.value.reason) == ("x", "it has no pixels (zero width or height).")


def test_megapixels_are_rounded_from_millions(monkeypatch):
    """100,500,051 pixels are 100.500051 megapixels: 101 when rounded (not 100)."""
    monkeypatch.setattr(imagefile, "MAX_PIXELS", 100_500_050)
    with pytest.raises(ImageLoadError) as err:
        imagefile.check_header(header(100_500_051, 1), None, "x")
    assert err.value.reason.startswith("it is 100500051×1 pixels (101 megapixels), over the limit of 101 megapixels;")


def test_draft_size_keeps_at_least_the_pixels_asked_for():
    keep = imagefile.DRAFT_KEEP_PIXELS
    assert imagefile.draft_size(3840, 2160, keep) is None  # exactly the limit: full size
    assert imagefile.draft_size(8000, 6000, keep) == (3326, 2495)
    for w, h in ((8000, 6000), (3841, 2160), (12000, 900), (700, 20000)):
        dw, dh = imagefile.draft_size(w, h, keep)
        assert dw * dh >= keep and dw <= w and dh <= h and dw >= 1 and dh >= 1
    assert imagefile.draft_size(100, 100, 1) == (1, 1)


def test_a_48_megapixel_jpeg_is_decoded_at_a_quarter_and_says_so(tmp_path):
    path = tmp_path / "big.jpg"
    rng = np.random.default_rng(0)
    small = rng.integers(0, 255, (60, 80, 3), dtype=np.uint8)
    Image.fromarray(small).resize((8000, 6000), Image.NEAREST).save(path, quality=60)
    loaded = images.load_image(path)
    assert loaded.size == (4000, 3000) and any("decoded at 4000×3000 (from 8000×6000)" in n for n in loaded.notes)


def test_the_file_size_cap_is_inclusive_and_can_be_lifted(tmp_path, monkeypatch):
    path = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(path)
    size = path.stat().st_size
    monkeypatch.setattr(imagefile, "MAX_FILE_BYTES", size)
    imagefile.open_file(path).close()
    monkeypatch.setattr(imagefile, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(ImageLoadError) as err:
        imagefile.open_file(path)
    assert err.value.reason == "the file is 0.0 GiB, over the limit of 0 GiB for an image; it was not opened."
    assert err.value.path == str(path)
    monkeypatch.setattr(imagefile, "MAX_FILE_BYTES", 3 << 30)
    big = imagefile.os.stat_result((0o100644, 0, 0, 1, 0, 0, 5 << 30, 0, 0, 0))
    with pytest.raises(ImageLoadError) as err:
        imagefile._check_stat(str(path), big, 3 << 30)
    assert err.value.reason == "the file is 5.0 GiB, over the limit of 3 GiB for an image; it was not opened."
    with imagefile.open_file(path, size_cap=False) as f:  # hashing a large weights file
        assert f.read() == path.read_bytes()


def test_each_refusal_names_its_reason(tmp_path, monkeypatch):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.png"
    folder.mkdir()
    dangling = tmp_path / "dangling.png"
    dangling.symlink_to(tmp_path / "gone.png")
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    fifo = tmp_path / "fifo.png"
    os.mkfifo(fifo)
    long = tmp_path / ("x" * 300 + ".png")
    cases = {empty: "the file is empty (0 bytes).", folder: "it is a folder, not an image file.",
             dangling: f"it is a link to '{tmp_path / 'gone.png'}', which does not exist (a dangling link).",
             loop: "it is a symbolic link that points to itself (a link loop).",
             fifo: "it is not a regular file (a device, pipe or socket); only image files are read.",
             tmp_path / "missing.png": "the file does not exist.",
             long: "the path is too long for this system."}
    for path, reason in cases.items():
        with pytest.raises(ImageLoadError) as err:
            imagefile.open_file(path)
        assert err.value.reason == reason and err.value.path == str(path), path
    good = tmp_path / "good.png"
    Image.new("RGB", (4, 4)).save(good)
    for error, reason in ((PermissionError(13, "Permission denied"), "permission denied: the file cannot be opened"),
                          (PermissionError(1, "Operation not permitted"), "permission denied: the file cannot be "),
                          (OSError(5, "Input/output error"), "the file cannot be opened (Input/output error).")):
        def refuse(*args, _error=error):
            raise _error

        monkeypatch.setattr(imagefile.os, "open", refuse)
        with pytest.raises(ImageLoadError) as err:
            imagefile.open_file(good)
        assert err.value.reason.startswith(reason) and err.value.path == str(good)
        monkeypatch.undo()


def test_a_file_swapped_after_the_check_is_refused_and_closed(tmp_path, monkeypatch):
    """The checks run again on the opened file (fstat): a path swapped for a pipe or a huge
    file between stat and open is refused, and the descriptor is not leaked."""
    good = tmp_path / "good.png"
    Image.new("RGB", (4, 4)).save(good)
    opened, closed = [], []
    real_open, real_close = os.open, os.close

    def track_open(*args, **kw):
        fd = real_open(*args, **kw)
        opened.append(fd)
        return fd

    monkeypatch.setattr(imagefile.os, "open", track_open)
    monkeypatch.setattr(imagefile.os, "close", lambda fd: (closed.append(fd), real_close(fd)))
    monkeypatch.setattr(imagefile.os, "fstat", lambda fd: os.stat(tmp_path))  # now a folder
    with pytest.raises(ImageLoadError, match="it is a folder"):
        imagefile.open_file(good)
    assert opened and closed == opened[:1]


def test_a_file_grown_past_the_cap_after_the_check_is_refused_and_closed(tmp_path, monkeypatch):
    """The size cap is applied again to the opened file, not only to what stat saw before."""
    path = tmp_path / "photo.png"
    Image.new("RGB", (4, 4)).save(path)
    closed, real_close, real_fstat = [], os.close, os.fstat
    monkeypatch.setattr(imagefile.os, "close", lambda fd: (closed.append(fd), real_close(fd)))
    monkeypatch.setattr(imagefile.os, "fstat", lambda fd: os.stat_result(
        tuple(real_fstat(fd))[:6] + (5 << 30,) + tuple(real_fstat(fd))[7:10]))  # 5 GiB by now
    with pytest.raises(ImageLoadError) as err:
        imagefile.open_file(path)
    assert (err.value.path, err.value.reason) == (
        str(path), "the file is 5.0 GiB, over the limit of 1 GiB for an image; it was not opened.")
    assert len(closed) == 1
    with imagefile.open_file(path, size_cap=False) as f:  # a weights file may be that large
        assert f.read() == path.read_bytes()


def test_a_path_swapped_for_a_pipe_after_the_check_is_refused_not_waited_on(tmp_path, monkeypatch):
    """Opening a pipe for reading waits for a writer: the file is opened without blocking,
    and the opened file is checked again."""
    import threading

    regular = tmp_path / "photo.png"
    Image.new("RGB", (4, 4)).save(regular)
    fifo = tmp_path / "swapped.png"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(imagefile.os, "stat", lambda p, *a, **k: real_stat(regular) if str(p) == str(fifo)
                        else real_stat(p, *a, **k))  # the check saw a photo; a pipe is there now
    outcome = []

    def open_it():
        try:
            imagefile.open_file(fifo)
            outcome.append("opened")
        except ImageLoadError as exc:
            outcome.append(exc.reason)

    worker = threading.Thread(target=open_it, daemon=True)
    worker.start()
    worker.join(10)
    assert outcome == ["it is not a regular file (a device, pipe or socket); only image files are read."]
    with pytest.raises(ImageLoadError) as err:
        imagefile.open_file(fifo)
    assert err.value.path == str(fifo)


def test_the_opened_file_is_closed_with_its_reader(tmp_path):
    path = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(path)
    f = imagefile.open_file(path)
    fd = f.fileno()
    f.close()
    with pytest.raises(OSError):
        os.fstat(fd)


def test_a_link_whose_target_cannot_be_read_still_says_it_dangles(tmp_path, monkeypatch):
    link = tmp_path / "l.png"
    link.symlink_to(tmp_path / "gone.png")

    def unreadable(path):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(imagefile.os, "readlink", unreadable)
    with pytest.raises(ImageLoadError) as err:
        imagefile.open_file(link)
    assert err.value.reason == "it is a link to '?', which does not exist (a dangling link)."
