"""One image loader for everything the app touches, and one resize.

``load_image`` returns display pixels (RGB uint8, EXIF orientation applied) or raises
:class:`ImageLoadError` naming the file and what is wrong.  ``model_input`` resizes with
Pillow bilinear — the same resize in prediction, folder batches, training and heatmaps —
either stretching the whole image (Keras' default) or centre-cropping to the model's
aspect first.  The display pixels are never modified.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from . import imagefile
from .errors import ImageLoadError
from .messages import msg
from .imagefile import MAX_PIXELS  # noqa: F401  (re-exported: the documented limit)

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".gif", ".webp", ".tif", ".tiff", ".jfif")
RESIZE_POLICIES = ("stretch", "crop")
# Not a user's choice: the resize a model file's own tool used (a centre fit, LANCZOS), which
# such a model gets whatever the preference says (engine.models.LoadedModel.resize).
FIT_LANCZOS = "fit-lanczos"
# The header checks in imagefile refuse large images themselves, with a message for a person.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)
READABLE = "JPEG, PNG, BMP, GIF, WebP or TIFF"
# The dataset check decodes JPEGs at the smallest DCT scale (1/8): all entropy-coded data is
# still read, so it refuses exactly the files the full decode refuses, at a fraction of the cost.
_CHECK_PIXELS = 1


@dataclass
class LoadedImage:
    pixels: np.ndarray  # (H, W, 3) uint8, RGB, display copy
    name: str
    path: Optional[str] = None
    source_mode: str = "RGB"
    notes: list[str] = field(default_factory=list)

    @property
    def size(self) -> tuple[int, int]:
        """(width, height)"""
        return self.pixels.shape[1], self.pixels.shape[0]


@dataclass(frozen=True)
class ModelInput:
    pixels: np.ndarray  # (size, size, 3) uint8, what the model sees before preprocess_input
    crop_box: tuple[int, int, int, int]  # (left, top, right, bottom) in the original image
    policy: str


def load_image(path: str | os.PathLike) -> LoadedImage:
    """Display pixels of one file, or :class:`ImageLoadError` naming the file and the fault.

    JPEGs above ``imagefile.DRAFT_KEEP_PIXELS`` are decoded at a reduced DCT scale (a note
    says so); every consumer gets these same pixels, so there is one resize everywhere.
    """
    return _load(path, imagefile.DRAFT_KEEP_PIXELS)


def check_image(path: str | os.PathLike) -> Optional[str]:
    """None when :func:`load_image` would read the file, else the reason it would refuse it.

    The same checks and the same decoder as :func:`load_image`, with JPEGs decoded at 1/8
    scale: the dataset report uses it, so a file it accepts is a file training can read.
    """
    try:
        _load(path, _CHECK_PIXELS)
        return None
    except ImageLoadError as exc:
        return exc.reason


def _load(path, draft_pixels: int) -> LoadedImage:
    path = Path(path)
    where = str(path)
    with imagefile.open_file(path) as fh:
        try:
            nbytes = os.fstat(fh.fileno()).st_size
            with Image.open(fh) as img:
                return _decode(img, path.name, where, nbytes, draft_pixels)
        except ImageLoadError:
            raise
        except Exception as exc:  # every decoder failure becomes one clear message
            raise ImageLoadError(where, _describe(exc)) from exc


def load_bytes(data: bytes, name: str = "pasted image") -> LoadedImage:
    if not data:
        raise ImageLoadError(name, msg("image.empty", "it is empty (0 bytes)."))
    try:
        with Image.open(io.BytesIO(data)) as img:
            return _decode(img, name, None, len(data), imagefile.DRAFT_KEEP_PIXELS)
    except ImageLoadError:
        raise
    except Exception as exc:
        raise ImageLoadError(name, _describe(exc)) from exc


def from_array(pixels: np.ndarray, name: str = "image") -> LoadedImage:
    """Wrap an RGB/RGBA/gray array (e.g. a pasted clipboard image) as a loaded image."""
    arr = np.asarray(pixels)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4) or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ImageLoadError(name, msg("image.array_shape", "unsupported array shape {shape}.", shape=str(arr.shape)))
    img = Image.fromarray(arr.astype(np.uint8), "RGBA" if arr.shape[2] == 4 else "RGB")
    return _decode(img, name, None, None, imagefile.DRAFT_KEEP_PIXELS)


# -- internals ---------------------------------------------------------------------------

def _decode(img: Image.Image, name: str, path: Optional[str], nbytes: Optional[int],
            draft_pixels: int) -> LoadedImage:
    notes: list[str] = []
    source_mode = _first_frame(img, path or name, nbytes, notes)
    img = _oriented(_decoded(img, draft_pixels, notes), notes)
    rgb = _to_rgb(img, notes)
    return LoadedImage(np.ascontiguousarray(rgb), name, path, source_mode, notes)


def _first_frame(img: Image.Image, where: str, nbytes: Optional[int], notes: list[str]) -> str:
    """Header checks, the first frame of an animation; returns the source mode."""
    imagefile.check_header(img, nbytes, where)
    if getattr(img, "n_frames", 1) > 1:
        img.seek(0)
        notes.append(msg("image.first_frame", "first of {frames} frames", frames=img.n_frames))
    return img.mode


def _decoded(img: Image.Image, draft_pixels: int, notes: list[str]) -> Image.Image:
    if img.format == "JPEG":
        want = imagefile.draft_size(*img.size, draft_pixels)
        if want is not None:
            full = img.size
            img.draft(None, want)
            if img.size != full and draft_pixels > _CHECK_PIXELS:
                notes.append(msg("image.draft", "large JPEG decoded at {width}×{height} (from "
                                                "{full_width}×{full_height})",
                                 width=img.size[0], height=img.size[1], full_width=full[0], full_height=full[1]))
    img.load()  # decode now so truncation errors surface here, with the file's name
    return img


def _oriented(img: Image.Image, notes: list[str]) -> Image.Image:
    try:
        oriented = ImageOps.exif_transpose(img)
        if oriented is not None and oriented.size != img.size or _has_rotation(img):
            notes.append(msg("image.exif_applied", "EXIF orientation applied"))
        return oriented if oriented is not None else img
    except Exception:
        notes.append(msg("image.exif_unreadable", "EXIF orientation unreadable, ignored"))
        return img


def load_model_input(path: str | os.PathLike, size: int | tuple[int, int], policy: str = "stretch") -> np.ndarray:
    """``model_input(load_image(path).pixels, size, policy).pixels`` — the same pixels — without
    the display copy: the folder, training and feature-caching pipelines need only these.

    The decoded image is resized as it is (no array round trip), and an image without an
    EXIF rotation is not copied to apply none: half the work of the two calls for a photo.
    """
    path = Path(path)
    where = str(path)
    with imagefile.open_file(path) as fh:
        try:
            nbytes = os.fstat(fh.fileno()).st_size
            with Image.open(fh) as img:
                notes: list[str] = []
                _first_frame(img, where, nbytes, notes)
                img = _decoded(img, imagefile.DRAFT_KEEP_PIXELS, notes)
                if _has_rotation(img):
                    img = _oriented(img, notes)
                if img.mode != "RGB" and not _plain_convert(img):
                    img = Image.fromarray(np.ascontiguousarray(_to_rgb(img, notes)))
                elif img.mode != "RGB":
                    img = img.convert("RGB")
                return _resized(img, size, policy)
        except ImageLoadError:
            raise
        except Exception as exc:  # every decoder failure becomes one clear message
            raise ImageLoadError(where, _describe(exc)) from exc


def _plain_convert(img: Image.Image) -> bool:
    """True where :func:`_to_rgb` would do nothing but ``convert("RGB")``."""
    mode = img.mode
    return not (mode == "P" and "transparency" in img.info) and mode not in (
        "RGBA", "LA", "PA", "RGBa", "La", "I", "F") and not mode.startswith("I;16")


def _resized(img: Image.Image, size: int | tuple[int, int], policy: str) -> np.ndarray:
    tw, th = (size, size) if isinstance(size, int) else size
    w, h = img.size
    if (w, h) != (tw, th):
        img = _to_size(img, crop_box(w, h, tw, th, policy), tw, th, policy)
    return np.asarray(img)


def _has_rotation(img: Image.Image) -> bool:
    try:
        return img.getexif().get(0x0112, 1) not in (1, None)
    except Exception:
        return False


def _to_rgb(img: Image.Image, notes: list[str]) -> np.ndarray:
    mode = img.mode
    if mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        notes.append(msg("image.transparency", "transparency composited on white"))
        return np.asarray(Image.alpha_composite(white, rgba).convert("RGB"))
    if mode.startswith("I;16") or mode == "I":
        arr = np.asarray(img, dtype=np.float64)
        scale = 257.0 if arr.max(initial=0) > 255 else 1.0
        notes.append(msg("image.16bit", "16-bit reduced to 8-bit") if scale > 1 else
                     msg("image.integer", "integer image"))
        gray = np.clip(np.round(arr / scale), 0, 255).astype(np.uint8)
        return np.stack([gray] * 3, axis=-1) if gray.ndim == 2 else gray[..., :3]
    if mode == "F":
        arr = np.nan_to_num(np.asarray(img, dtype=np.float64))
        top = 1.0 if arr.max(initial=0) <= 1.0 else 255.0
        notes.append(msg("image.float", "floating-point image scaled to 8-bit"))
        gray = np.clip(np.round(arr / top * 255.0), 0, 255).astype(np.uint8)
        return np.stack([gray] * 3, axis=-1)
    if mode == "CMYK":
        notes.append(msg("image.cmyk", "CMYK converted to RGB"))
    if mode != "RGB":
        img = img.convert("RGB")
    return np.asarray(img)


def _describe(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, Image.DecompressionBombError):
        return msg("image.bomb", "it is too large to open safely ({detail}). Files this size can exhaust memory "
                   "(a 'decompression bomb'); scale it down first.", detail=text)
    if isinstance(exc, UnidentifiedImageError):
        return msg("image.not_an_image", "it is not an image the app can read (expected JPEG, PNG, BMP, GIF, WebP "
                   "or TIFF).")  # READABLE
    if "truncated" in text.lower():
        return msg("image.truncated", "the file is truncated (incomplete download or copy?); re-save or "
                   "re-download it.")
    if isinstance(exc, (SyntaxError, ValueError, OSError, EOFError, IndexError, KeyError, TypeError)):
        return msg("image.damaged", "the file is damaged and cannot be decoded ({error}: {detail}).",
                   error=type(exc).__name__, detail=text or "no detail")
    return msg("image.decoder_error", "unexpected decoder error ({error}: {detail}).", error=type(exc).__name__,
               detail=text)


# -- resize ------------------------------------------------------------------------------

def crop_box(width: int, height: int, target_w: int, target_h: int, policy: str) -> tuple[int, int, int, int]:
    """The region of the original image the model sees."""
    if policy == "stretch":
        return (0, 0, width, height)
    if policy not in ("crop", FIT_LANCZOS):
        raise ValueError(f"unknown resize policy {policy!r}; use one of {RESIZE_POLICIES}")
    target_ratio = target_w / target_h
    if width / height > target_ratio:
        new_w = max(1, round(height * target_ratio))
        left = (width - new_w) // 2
        return (left, 0, left + new_w, height)
    new_h = max(1, round(width / target_ratio))
    top = (height - new_h) // 2
    return (0, top, width, top + new_h)


def model_input(pixels: np.ndarray, size: int | tuple[int, int], policy: str = "stretch") -> ModelInput:
    """Resize display pixels to the model's input (Pillow bilinear, antialiased); ``size`` is
    a side or (width, height).  :data:`FIT_LANCZOS` is Teachable Machine's own resize."""
    tw, th = (size, size) if isinstance(size, int) else size
    h, w = pixels.shape[:2]
    box = crop_box(w, h, tw, th, policy)
    if (w, h) == (tw, th):
        return ModelInput(pixels, box, policy)  # already the model's size: nothing to resample
    return ModelInput(np.asarray(_to_size(Image.fromarray(pixels), box, tw, th, policy)), box, policy)


def _to_size(img: Image.Image, box: tuple[int, int, int, int], tw: int, th: int, policy: str) -> Image.Image:
    """The one resize of display pixels and of the folder pipeline's decoded images."""
    if policy == FIT_LANCZOS:
        # ImageOps.fit crops with a fractional box and resamples in one step: the exact pixels
        # Teachable Machine's own snippet feeds its model.
        return ImageOps.fit(img, (tw, th), Image.Resampling.LANCZOS)
    if box != (0, 0, *img.size):
        img = img.crop(box)  # crop first: resizing with a box would blend in pixels outside it
    return img.resize((tw, th), Image.Resampling.BILINEAR)


def list_images(folder: str | os.PathLike, recursive: bool = True) -> list[Path]:
    """Image files in ``folder`` (by extension, case-insensitive), sorted, hidden files skipped."""
    return find_images(folder, recursive)[0]


def find_images(folder: str | os.PathLike, recursive: bool = True) -> tuple[list[Path], list[tuple[str, str]]]:
    """Image files in ``folder`` and the sub-folders that could not be read, as (path, reason).

    Entries named like images that are not regular files (dangling links, pipes) are
    returned as files: the loader then refuses each with its reason, so they are listed
    rather than silently dropped.  Linked folders are followed once (no link loops).
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    seen: set[tuple[int, int]] = set()
    stack = [Path(folder)]
    while stack:
        current = stack.pop()
        try:
            st = current.stat()
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(current) as it:
                entries = list(it)
        except OSError as exc:
            problems.append((str(current), _folder_reason(exc)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if recursive:
                    stack.append(Path(entry.path))
            elif os.path.splitext(entry.name)[1].lower() in IMAGE_EXTENSIONS:
                files.append(Path(entry.path))
    return sorted(files), sorted(problems)


def _folder_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "the folder cannot be read (permission denied); its images were skipped."
    if isinstance(exc, FileNotFoundError):
        return "the folder does not exist."
    return f"the folder cannot be read ({exc.strerror or exc}); its images were skipped."
