"""Random heatmaps of a given smoothness: the baseline that gives a faithfulness score its
meaning.  A deletion area of 0.12 says little on its own; "0.12, where a random blob map as
smooth as this one gets 0.31" says the map found what the model uses.

Smoothness is the map's *correlation length*: the shift (in pixels) at which the map's
autocorrelation falls to one half.  Gaussian-filtered white noise with standard deviation
``s`` has a Gaussian autocorrelation exp(-r² / 4s²), which is one half at r = 2·s·√ln2, so
noise of any wanted correlation length can be made by choosing ``s``.  Only the *order* of a
map's pixels matters to the deletion and insertion curves, so the values need not match.
"""

from __future__ import annotations

import math

import numpy as np

HALF_AT = 2.0 * math.sqrt(math.log(2.0))  # correlation length / sigma for Gaussian-filtered noise


def correlation_length(heatmap: np.ndarray) -> float:
    """Pixels of shift at which the map's autocorrelation (averaged over x and y) is 0.5."""
    h = np.asarray(heatmap, dtype=np.float64)
    h = h - h.mean()
    energy = float((h * h).sum())
    if energy <= 0.0:
        return float(max(h.shape))  # a flat map: as smooth as it gets
    spectrum = np.fft.rfft2(h, s=(2 * h.shape[0], 2 * h.shape[1]))  # zero-padded: no wrap-around
    auto = np.fft.irfft2(spectrum * np.conj(spectrum), s=(2 * h.shape[0], 2 * h.shape[1])) / energy
    n = min(h.shape)
    profile = 0.5 * (auto[0, :n] + auto[:n, 0])
    below = np.flatnonzero(profile < 0.5)
    if len(below) == 0:
        return float(n)
    i = int(below[0])  # interpolate between the last lag above 0.5 and the first below
    a, b = profile[i - 1], profile[i]
    return float(i - 1 + (a - 0.5) / (a - b)) if a != b else float(i)


def _filtered(noise: np.ndarray, sigma: float) -> np.ndarray:
    import cv2

    if sigma <= 0.35:  # below that a Gaussian filter barely changes white noise
        return noise
    return cv2.GaussianBlur(noise, (0, 0), sigma, borderType=cv2.BORDER_REFLECT)


def smooth_random(shape: tuple[int, int], length: float, seed: int) -> np.ndarray:
    """Gaussian-filtered white noise whose *measured* correlation length is ``length`` pixels,
    in [0, 1].  On a finite image long correlations measure shorter than the filter's
    nominal length (the mean of one map absorbs part of them), so the filter is tuned by
    bisection until this map measures what the heatmap measured."""
    noise = np.random.default_rng(seed).standard_normal(shape).astype(np.float32)
    lo, hi = length / HALF_AT, 4.0 * length / HALF_AT
    out = _filtered(noise, lo)
    if correlation_length(out) < length * 0.97:
        for _ in range(12):
            mid = 0.5 * (lo + hi)
            out = _filtered(noise, mid)
            got = correlation_length(out)
            if abs(got - length) <= 0.03 * length:
                break
            lo, hi = (mid, hi) if got < length else (lo, mid)
    a, b = float(out.min()), float(out.max())
    return (out - a) / (b - a) if b > a else np.zeros(shape, np.float32)


def length_bucket(length: float) -> float:
    """The length rounded to a quarter octave, so maps of nearly equal smoothness (all the CAM
    methods at one layer, say) share their random baselines and the baseline is computed once."""
    return float(2.0 ** (round(math.log2(max(length, 0.5)) * 4) / 4))


def matched(heatmap: np.ndarray, count: int, seed: int = 0) -> tuple[float, list[np.ndarray]]:
    """(the bucketed correlation length, ``count`` random maps of that smoothness)."""
    length = length_bucket(correlation_length(heatmap))
    return length, [smooth_random(heatmap.shape, length, seed + i) for i in range(count)]
