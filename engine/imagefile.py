"""Opening an image file safely, before any pixel is decoded.

Checks run cheapest first, so a hostile file costs almost nothing to refuse:

1. the file itself (``stat`` / ``fstat``): missing, a dangling link or a link loop, a
   folder, a device or pipe (opening a FIFO would block for ever), empty, or larger than
   :data:`MAX_FILE_BYTES`;
2. the header (Pillow reads it lazily): zero size, more than :data:`MAX_PIXELS` pixels,
   or a file far too small for the size it claims (a 1.3 KB "9000×9000 JPEG" would
   otherwise make the decoder allocate a gigabyte before finding out).

:func:`draft_size` picks the reduced DCT scale at which large JPEGs are decoded
(libjpeg still reads all entropy-coded data at a reduced scale, so truncation is found).
"""

from __future__ import annotations

import errno
import io
import math
import os
import stat
from typing import BinaryIO, Optional

from .errors import ImageLoadError
from .messages import msg

#: Images with more pixels are refused (Pillow's own decompression-bomb threshold, ~89 MP).
MAX_PIXELS = 89_478_485
#: Files larger than this are refused before they are opened (1 GiB).
MAX_FILE_BYTES = 1 << 30
#: JPEGs are decoded at the smallest DCT scale (1, 1/2, 1/4 or 1/8) that still gives at least
#: this many pixels (a 4K screen's worth): photos up to ~32 MP keep their full resolution, a
#: 48 MP photo is decoded at 4000×3000 in a quarter of the memory and time.
DRAFT_KEEP_PIXELS = 3840 * 2160
# Smallest plausible size: Huffman-coded JPEG needs >= 1 bit per 8×8 block and component
# (measured: a flat image at quality 1 takes one byte per 255 pixels); deflate cannot
# compress better than 1032:1.  The bounds below leave a wide margin under both.
_JPEG_PIXELS_PER_BYTE = 4096
_PNG_RAW_PER_BYTE = 1100
_CHECK_CLAIM_ABOVE = 4_000_000
# The fewest bits per pixel a PNG that opens in this mode can store: palette and grey images
# may use 1, 2 or 4 bits (a 16-colour screenshot is 4-bit: 4000×3000 in ~1.5 KB when flat),
# 16-bit grey opens as "I;16".  A mode not listed gets the least (the check must never refuse
# a real file; the pixel limit still holds).
_PNG_LEAST_BITS = {"1": 1, "L": 1, "P": 1, "LA": 16, "PA": 16, "RGB": 24, "RGBA": 32,
                   "I;16": 16, "I;16B": 16, "I;16L": 16, "I": 16}


def open_file(path: os.PathLike | str, *, size_cap: bool = True) -> BinaryIO:
    """The file opened for reading, or :class:`ImageLoadError` saying why it cannot be.

    ``size_cap=False`` keeps the regular-file checks but not the image size cap (hashing a
    weights file, which may be larger than any image).
    """
    max_bytes = MAX_FILE_BYTES if size_cap else None
    path = os.fspath(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ImageLoadError(path, _missing_reason(path)) from None
    except OSError as exc:
        raise ImageLoadError(path, _os_reason(exc)) from None
    _check_stat(path, st, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ImageLoadError(path, _os_reason(exc)) from None
    try:
        _check_stat(path, os.fstat(fd), max_bytes)  # the file opened is the one checked (no swap in between)
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(io.FileIO(fd, "rb", closefd=True), buffer_size=1 << 16)


def _check_stat(path: str, st: os.stat_result, max_bytes: Optional[int]) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise ImageLoadError(path, msg("image.folder", "it is a folder, not an image file."))
    if not stat.S_ISREG(st.st_mode):
        raise ImageLoadError(path, msg("image.not_regular", "it is not a regular file (a device, pipe or socket); "
                                       "only image files are read."))
    if st.st_size == 0:
        raise ImageLoadError(path, msg("image.empty_file", "the file is empty (0 bytes)."))
    if max_bytes is not None and st.st_size > max_bytes:
        raise ImageLoadError(path, msg("image.too_many_bytes", "the file is {size:.1f} GiB, over the limit of "
                                       "{limit:.0f} GiB for an image; it was not opened.", size=st.st_size / 2**30,
                                       limit=max_bytes / 2**30))


def _missing_reason(path: str) -> str:
    if os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        from .pathnames import printable

        return msg("image.dangling_link", "it is a link to '{target}', which does not exist (a dangling link).",
                   target=printable(target))
    return msg("image.missing", "the file does not exist.")


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return msg("image.link_loop", "it is a symbolic link that points to itself (a link loop).")
    if isinstance(exc, PermissionError) or exc.errno == errno.EACCES:
        return msg("image.permission", "permission denied: the file cannot be opened for reading.")
    if exc.errno == errno.ENAMETOOLONG:
        return msg("image.path_too_long", "the path is too long for this system.")
    return msg("image.cannot_open", "the file cannot be opened ({why}).", why=str(exc.strerror or exc))


def check_header(img, nbytes: Optional[int], where: str) -> None:
    """Refuse by the header alone: no pixels, too many pixels, or too few bytes for the claim."""
    w, h = img.size
    if w <= 0 or h <= 0:
        raise ImageLoadError(where, msg("image.no_pixels", "it has no pixels (zero width or height)."))
    if w * h > MAX_PIXELS:
        raise ImageLoadError(
            where,
            msg("image.too_many_pixels", "it is {width}×{height} pixels ({megapixels:.0f} megapixels), over the "
                "limit of {limit:.0f} megapixels; such files can exhaust memory (a 'decompression bomb'). Scale it "
                "down first.", width=w, height=h, megapixels=w * h / 1e6, limit=MAX_PIXELS / 1e6),
        )
    if nbytes is None or w * h <= _CHECK_CLAIM_ABOVE:
        return
    if img.format == "JPEG":
        least = w * h // _JPEG_PIXELS_PER_BYTE
    elif img.format == "PNG":
        least = w * h * _PNG_LEAST_BITS.get(img.mode, 1) // 8 // _PNG_RAW_PER_BYTE
    else:
        return
    if nbytes < least:
        raise ImageLoadError(where, msg("image.too_small", "the file ({size:,} bytes) is far too small for the "
                                        "{width}×{height} pixels its header claims: it is truncated or forged.",
                                        size=nbytes, width=w, height=h))


def draft_size(width: int, height: int, pixels: int) -> Optional[tuple[int, int]]:
    """The size to ask ``Image.draft`` for so that at least ``pixels`` remain; None: full size."""
    if width * height <= pixels:
        return None
    scale = math.sqrt(pixels / (width * height))
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))
