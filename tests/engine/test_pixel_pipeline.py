"""The input pipeline: model inputs decoded without the display copy (the very same pixels
as ``load_image`` + ``model_input``), batches made in parallel and in order with a bounded
look-ahead, the training augmentation (each kind, its ranges, drawn per seed, epoch and
image), and decoded training images kept between epochs."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PIL import Image

from engine import images, pixel_batches
from engine.errors import ImageLoadError
from engine.train import augment, pixel_data

from ..conftest import FIXTURES
from ..faults.hostile import decoder_cases


def _reference(path, size, policy):
    try:
        return images.model_input(images.load_image(path).pixels, size, policy).pixels
    except ImageLoadError as exc:
        return exc.reason


def _fast(path, size, policy):
    try:
        return images.load_model_input(path, size, policy)
    except ImageLoadError as exc:
        return exc.reason


def test_model_inputs_are_the_display_path_pixels(tmp_path):
    """Every hostile and unusual file (16-bit, CMYK, palette with transparency, EXIF rotated,
    animated, truncated, bombs...) and the fixture photos: identical pixels or the same refusal."""
    paths = [c.path for c in decoder_cases(tmp_path).values()]
    paths += sorted(p for p in (FIXTURES / "images").glob("*.*") if p.suffix in (".png", ".jpg"))
    for orientation in (3, 6, 8):  # a textured photo turned by its EXIF tag (the corpus's is one colour)
        img = Image.fromarray(_probe(48)[:, :40])
        exif = img.getexif()
        exif[0x0112] = orientation
        img.save(tmp_path / f"turned{orientation}.jpg", exif=exif.tobytes(), quality=95)
        paths.append(tmp_path / f"turned{orientation}.jpg")
    compared = 0
    for path in paths:
        for size, policy in ((224, "stretch"), ((40, 30), "crop"), (17, "stretch"), ((33, 20), images.FIT_LANCZOS)):
            want, got = _reference(path, size, policy), _fast(path, size, policy)
            if isinstance(want, str):
                assert got == want, path
            else:
                assert isinstance(got, np.ndarray) and got.dtype == np.uint8, path
                np.testing.assert_array_equal(got, want, err_msg=str(path))
                compared += 1
    assert compared > 30


def _jpegs(folder, n):
    rng = np.random.default_rng(0)
    paths = []
    for i in range(n):
        p = folder / f"{i:03d}.jpg"
        Image.fromarray(rng.integers(0, 255, (30 + i, 40, 3), dtype=np.uint8)).save(p)
        paths.append(str(p))
    return paths


def test_batches_come_in_order_with_errors_in_place(tmp_path):
    paths = _jpegs(tmp_path, 11)
    (tmp_path / "bad.jpg").write_bytes(b"not a jpeg")
    paths.insert(5, str(tmp_path / "bad.jpg"))
    got = list(pixel_batches.decoded_batches(paths, 16, "stretch", 4))
    assert [len(e) for _, e in got] == [4, 4, 4]
    pixels = np.concatenate([p for p, _ in got])
    errors = [e for _, errs in got for e in errs]
    assert errors[5] and "bad.jpg" in errors[5] and not any(errors[:5] + errors[6:])
    assert not pixels[5].any()  # the refused file's slot is black
    for i in (0, 4, 6, 11):
        np.testing.assert_array_equal(pixels[i], _reference(paths[i], 16, "stretch"))


def test_decoding_runs_a_bounded_number_of_batches_ahead(tmp_path):
    made = []
    lock = threading.Lock()

    def fill(i, out):
        with lock:
            made.append(i)
        out[...] = i
        return ""

    batches = pixel_batches.ordered_batches(100, 5, fill, (1,), np.int32, ahead=2, workers=2)
    first, _ = next(batches)
    time.sleep(0.3)  # time for the pool to run as far ahead as it may
    assert first[:, 0].tolist() == [0, 1, 2, 3, 4]
    assert len(made) <= 4 * 5  # the batch handed over, and at most 3 more
    rest = [b[:, 0].tolist() for b, _ in batches]
    assert sum(rest, []) == list(range(5, 100))


def _probe(size=64):
    """An asymmetric test card: a bright block near the top-left corner on a gradient."""
    y, x = np.mgrid[0:size, 0:size]
    img = np.stack([x * 3, y * 3, (x + y)], axis=-1).astype(np.uint8)
    img[4:16, 6:20] = 255
    return img


def test_each_augmentation_does_its_own_thing():
    img = _probe()
    flips = {augment.Augmenter(["flip"], s)(img, 0, 0).tobytes() for s in range(12)}
    assert flips == {img.astype(np.float32).tobytes(), img[:, ::-1].astype(np.float32).tobytes()}
    contrast = augment.Augmenter(["contrast"], 3)(img, 0, 0)
    assert not np.allclose(contrast, img) and np.allclose(contrast.mean(axis=(0, 1)), img.mean(axis=(0, 1)), atol=2)
    shift = augment.Augmenter(["translation"], 5)
    m = shift.matrix(np.random.default_rng([5, 0, 0]), 64, 64)
    assert np.allclose(m[:, :2], np.eye(2)) and 0 < np.abs(m[:, 2]).max() <= 0.1 * 64
    rot = augment.Augmenter(["rotation"], 7).matrix(np.random.default_rng(1), 64, 64)
    angle = np.degrees(np.arctan2(rot[1, 0], rot[0, 0]))
    assert 0 < abs(angle) <= 0.08 * 360 and np.isclose(np.linalg.det(rot[:, :2]), 1.0)
    zoom = augment.Augmenter(["zoom"], 9).matrix(np.random.default_rng(2), 64, 64)
    scale = np.sqrt(abs(np.linalg.det(zoom[:, :2])))
    assert scale != 1.0 and 0.85 <= scale <= 1.15 and np.isclose(zoom[0, 1], 0.0)
    # the centre stays where it is under rotation and zoom: (31.5, 31.5) maps to itself
    for m in (rot, zoom):
        assert np.allclose(m @ np.array([31.5, 31.5, 1.0]), [31.5, 31.5])


def test_augmentation_is_drawn_per_seed_epoch_and_image_not_per_thread():
    img = _probe()
    a = augment.Augmenter(augment.NAMES, 123)
    same = a(img, 2, 7)
    np.testing.assert_array_equal(same, augment.Augmenter(augment.NAMES, 123)(img, 2, 7))
    assert not np.array_equal(same, a(img, 3, 7)) and not np.array_equal(same, a(img, 2, 8))
    assert not np.array_equal(same, augment.Augmenter(augment.NAMES, 124)(img, 2, 7))
    assert same.dtype == np.float32 and same.min() >= 0 and same.max() <= 255
    np.testing.assert_array_equal(img, _probe())  # the source is never changed
    with pytest.raises(ValueError, match="unknown augmentation"):
        augment.Augmenter(["blur"], 0)


def test_training_images_are_decoded_once_and_augmented_every_epoch(tmp_path, monkeypatch):
    paths = _jpegs(tmp_path, 10)
    calls = []
    real = pixel_batches.decode_into
    monkeypatch.setattr(pixel_batches, "decode_into", lambda out, path, size, policy: (
        calls.append(path), real(out, path, size, policy))[1])
    skipped: list = []
    data = pixel_data.Data(paths, np.arange(10, dtype=np.int32), 24, "stretch", 4, skipped,
                           augment.Augmenter(["flip", "rotation"], 1))
    first = np.concatenate([p for p, _, _ in data.batches(0)])
    assert len(calls) == 10
    again = np.concatenate([p for p, _, _ in data.batches(0)])
    second = np.concatenate([p for p, _, _ in data.batches(1)])
    assert len(calls) == 10  # kept: nothing decoded again
    np.testing.assert_array_equal(first, again)  # the same epoch draws the same augmentation
    assert not np.array_equal(first, second)
    labels = np.concatenate([y for _, y, _ in data.batches(1)])
    assert labels.tolist() == list(range(10))
    small = pixel_data.Data(paths, np.arange(10, dtype=np.int32), 24, "stretch", 4, [], cache_bytes=1000)
    list(small.batches(0))
    list(small.batches(1))
    assert len(calls) == 30  # over the budget: decoded every epoch
