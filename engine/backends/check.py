"""The agreement check a converted model passes before it is used.

The check input is fixed: the sample photos shipped with the app (a cat, a coffee cup, a
rocket) at the model's input size, and one image of seeded noise.  Probabilities (f32):
max difference at most 1e-4 and the same top-5 classes (classes closer than that
tolerance to the fifth count as tied).  Features (a base without its top): max
difference at most 1e-4 of the largest Keras value.  bf16 is not held to f32 tolerances:
its measured agreement is shown instead, and it falls back only when top-1 agrees on
fewer than half the check images or the outputs are not finite.
"""

from __future__ import annotations

import numpy as np

from .. import images, paths
from .base import CheckResult

TOLERANCE = 1e-4
SAMPLES = ("chelsea.png", "coffee.png", "rocket.jpg")


def check_input(size) -> np.ndarray:
    """uint8 (4, height, width, 3): the sample photos and seeded noise; ``size`` is a side or
    (width, height)."""
    w, h = (size, size) if isinstance(size, (int, np.integer)) else size
    batch = []
    for name in SAMPLES:
        try:
            batch.append(images.model_input(images.load_image(paths.resources_dir() / "samples" / name).pixels,
                                            (w, h)).pixels)
        except Exception:  # noqa: BLE001 - a missing sample weakens the check, never stops it
            continue
    batch.append(np.random.default_rng(20240601).integers(0, 256, (h, w, 3), dtype=np.uint8))
    return np.stack(batch)


def is_probabilities(out: np.ndarray) -> bool:
    return out.ndim == 2 and bool(np.all(out >= 0)) and bool(np.allclose(out.sum(axis=1), 1.0, atol=1e-3))


def _same_top5(ref: np.ndarray, out: np.ndarray, tol: float) -> bool:
    k = min(5, ref.shape[1])
    for r, o in zip(ref, out):
        kth = np.sort(r)[-k]
        tied = set(np.flatnonzero(np.abs(r - kth) <= tol).tolist())
        want = set(np.argsort(-r, kind="stable")[:k].tolist()) - tied
        got = set(np.argsort(-o, kind="stable")[:k].tolist()) - tied
        if want != got:
            return False
    return True


def compare(ref: np.ndarray, out: np.ndarray, precision: str) -> CheckResult:
    """Keras' outputs ``ref`` against the converted model's ``out`` on the check input."""
    ref = np.asarray(ref, np.float64)
    out = np.asarray(out, np.float64)
    n = len(ref)
    if out.shape != ref.shape or not np.all(np.isfinite(out)):
        return CheckResult("unknown", precision, n, float("inf"), float("inf"), passed=False,
                           reason=f"outputs of shape {out.shape} (Keras: {ref.shape}) or not finite")
    diff = float(np.max(np.abs(out - ref))) if ref.size else 0.0
    rel = diff / max(float(np.max(np.abs(ref))), 1e-12)
    if is_probabilities(ref):
        top1 = int(np.sum(ref.argmax(1) == out.argmax(1)))
        top5 = _same_top5(ref, out, TOLERANCE)
        result = CheckResult("probabilities", precision, n, diff, rel, top1, top5)
        if precision == "f32" and (diff > TOLERANCE or not top5):
            result.passed = False
            result.reason = (f"max probability difference {diff:.2g} (limit {TOLERANCE:g})" if diff > TOLERANCE
                             else "the top-5 classes differ")
        elif precision != "f32" and top1 * 2 < n:
            result.passed = False
            result.reason = f"top-1 agrees on only {top1} of {n} check images"
        return result
    result = CheckResult("features", precision, n, diff, rel)
    if precision == "f32" and rel > TOLERANCE:
        result.passed = False
        result.reason = f"features differ by {rel:.2g} relative (limit {TOLERANCE:g})"
    return result


# --- the one-image check run on every load from the disk cache ---------------------------------

QUICK_BF16_COSINE = 0.99  # bf16 features of the same model: > 0.999; another model's: far lower


def quick_input(size: int) -> np.ndarray:
    """One fixed image (the first sample photo, whose top class is clear), uint8 (1, size, size, 3)."""
    return check_input(size)[:1]


def keras_reference(loaded, pixels: np.ndarray) -> np.ndarray:
    """The Keras model's outputs for ``pixels``, eagerly (no graph traced for one image)."""
    import tensorflow as tf

    x = loaded.preprocess(tf.cast(pixels, tf.float32))
    return np.asarray(loaded.model(x, training=False))


def quick(ref: np.ndarray, out: np.ndarray, precision: str) -> str:
    """Why a cached conversion's outputs on the quick input are not the Keras model's ('' if they are).

    f32 is held to the full check's tolerance; bf16 to the same top-1 (probabilities) or
    features pointing the same way (cosine)."""
    ref = np.asarray(ref, np.float64)
    out = np.asarray(out, np.float64)
    if out.shape != ref.shape or not np.all(np.isfinite(out)):
        return f"outputs of shape {out.shape} (Keras: {ref.shape}) or not finite"
    if precision == "f32":
        result = compare(ref, out, precision)
        return "" if result.passed else result.reason
    if is_probabilities(ref):
        return "" if (ref.argmax(1) == out.argmax(1)).all() else "the top class differs"
    a, b = ref.ravel(), out.ravel()
    cosine = float(a @ b / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-12))
    return "" if cosine >= QUICK_BF16_COSINE else f"features differ (cosine {cosine:.3f})"
