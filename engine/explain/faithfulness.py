"""How far can this heatmap be trusted?  Perturbation curves and their areas.

*Deletion* and *insertion* (Petsiuk et al., RISE, 2018): the image's pixels are taken in
the order of the heatmap, hottest first, and removed (painted black) or revealed (over a
blurred copy of the image) a fraction at a time while the class probability is followed.  A
faithful map finds what the model uses: its deletion curve falls fast (low area) and its
insertion curve rises fast (high area).  *ROAD* (Rong et al., 2022) removes pixels by noisy
linear imputation instead (:mod:`.road`), so the model cannot react to the holes themselves.

A number alone means little, so every score comes with the same score for random maps of
the same smoothness (:mod:`.random_maps`).  All perturbed images of every curve go through
``loaded.run`` as raw uint8 pixels, as many per call as memory allows; the random baseline
of an image, class and smoothness is kept on the model, so scoring the other methods of a
comparison grid costs one map's curves each.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..jobs import CancelToken, ProgressFn
from . import random_maps, road
from .base import ExplainError, digest, model_cache, remember, run_batched

KINDS = {"deletion": "lower is better", "insertion": "higher is better", "road": "lower is better"}
LOWER_IS_BETTER = {"deletion": True, "insertion": False, "road": True}
STEPS = 32
RANDOM_MAPS = 3


@dataclass
class Curve:
    kind: str
    fractions: np.ndarray  # share of the pixels removed (deletion, road) or revealed (insertion)
    scores: np.ndarray  # the class probability at each fraction

    @property
    def area(self) -> float:
        return float(np.trapezoid(self.scores, self.fractions))


@dataclass
class Faithfulness:
    class_index: int
    steps: int
    curves: dict  # kind -> Curve of the heatmap
    random: dict  # kind -> [Curve] of the random maps of equal smoothness
    length: float  # correlation length (pixels) shared by the map and its random baselines
    seconds: float

    def area(self, kind: str) -> float:
        return self.curves[kind].area

    def random_area(self, kind: str) -> float:
        return float(np.mean([c.area for c in self.random[kind]]))

    def random_spread(self, kind: str) -> float:
        return float(np.std([c.area for c in self.random[kind]]))

    def random_curve(self, kind: str) -> Curve:
        curves = self.random[kind]
        return Curve(kind, curves[0].fractions, np.mean([c.scores for c in curves], axis=0))

    def margin(self, kind: str) -> float:
        """How much better than random (positive) or worse (negative) the map scores."""
        diff = self.random_area(kind) - self.area(kind)
        return diff if LOWER_IS_BETTER[kind] else -diff

    def to_dict(self) -> dict:
        out = {"class_index": self.class_index, "steps": self.steps, "correlation_length_px": round(self.length, 2),
               "random_maps": len(next(iter(self.random.values()))), "seconds": round(self.seconds, 3)}
        for kind, curve in self.curves.items():
            out[kind] = {"area": round(curve.area, 5), "random_area": round(self.random_area(kind), 5),
                         "random_spread": round(self.random_spread(kind), 5), "better": KINDS[kind],
                         "fractions": [round(float(f), 5) for f in curve.fractions],
                         "scores": [round(float(s), 6) for s in curve.scores],
                         "random_scores": [round(float(s), 6) for s in self.random_curve(kind).scores]}
        return out

    def lines(self) -> list[str]:
        """One line per score, with its random baseline, for people."""
        return [f"{kind:<9} area {self.area(kind):.3f}   random map of equal smoothness "
                f"{self.random_area(kind):.3f} ± {self.random_spread(kind):.3f}   ({KINDS[kind]}: "
                f"{'better' if self.margin(kind) > 0 else 'not better'} than random)" for kind in self.curves]


class _Plan:
    """Which perturbed image is number i: three fixed images first (the original, the fully
    removed one, the blurred one), then each map's interior steps, kind after kind."""

    def __init__(self, pixels: np.ndarray, maps: list, kinds: Sequence[str], steps: int, seed: int):
        import cv2

        self.pixels, self.kinds, self.steps, self.seed = pixels, list(kinds), steps, seed
        size = pixels.shape[0]
        n = pixels.shape[0] * pixels.shape[1]
        ties = np.random.default_rng(seed).random(n)  # equal values (zeros of a ReLU map) in random order
        self.ranks = []
        for heat in maps:
            order = np.lexsort((ties, -np.asarray(heat, np.float32).ravel()))
            rank = np.empty(n, np.int64)
            rank[order] = np.arange(n)
            self.ranks.append(rank.reshape(pixels.shape[:2]))
        self.counts = np.round(np.linspace(0, n, steps + 1)).astype(np.int64)
        self.blurred = cv2.GaussianBlur(pixels, (0, 0), size / 22)
        self.fixed = [pixels, np.zeros_like(pixels), self.blurred]
        if "road" in self.kinds:
            self.fixed.append(road.impute(pixels, np.ones(pixels.shape[:2], bool), seed))
        self.per_map = len(self.kinds) * (steps - 1)
        self.count = len(self.fixed) + len(maps) * self.per_map

    def image(self, i: int) -> np.ndarray:
        if i < len(self.fixed):
            return self.fixed[i]
        m, rest = divmod(i - len(self.fixed), self.per_map)
        k, step = divmod(rest, self.steps - 1)
        kind, step = self.kinds[k], step + 1
        chosen = (self.ranks[m] < self.counts[step])[..., None]
        if kind == "deletion":
            return np.where(chosen, 0, self.pixels).astype(np.uint8)
        if kind == "insertion":
            return np.where(chosen, self.pixels, self.blurred)
        return road.impute(self.pixels, chosen[..., 0], self.seed + step)

    def make(self, start: int, stop: int) -> np.ndarray:
        return np.stack([self.image(i) for i in range(start, stop)])

    def curves(self, p: np.ndarray, m: int) -> dict:
        """Map ``m``'s curves from the class probabilities ``p`` of every planned image."""
        fractions = self.counts / self.counts[-1]
        original, removed, blurred = p[0], p[1], p[2]
        out = {}
        for k, kind in enumerate(self.kinds):
            start = len(self.fixed) + m * self.per_map + k * (self.steps - 1)
            inner = p[start:start + self.steps - 1]
            first, last = {"deletion": (original, removed), "insertion": (blurred, original),
                           "road": (original, p[3] if len(self.fixed) > 3 else removed)}[kind]
            out[kind] = Curve(kind, fractions, np.concatenate([[first], inner, [last]]).astype(np.float32))
        return out


def score(loaded, pixels: np.ndarray, heatmap: np.ndarray, class_index: int, *,
          kinds: Sequence[str] = ("deletion", "insertion"), steps: int = STEPS, random_count: int = RANDOM_MAPS,
          seed: int = 0, progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None) -> Faithfulness:
    """Deletion/insertion (and ROAD) curves of ``heatmap`` for ``class_index`` on ``pixels``
    (uint8 at the model's input size), beside those of ``random_count`` random maps."""
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise ExplainError(f"Unknown faithfulness score {unknown}: choose from {', '.join(KINDS)}.")
    if steps < 2 or random_count < 1:
        raise ExplainError("Faithfulness needs at least 2 steps and 1 random map.")
    if heatmap.shape != pixels.shape[:2]:
        raise ExplainError(f"The heatmap {heatmap.shape} does not match the image {pixels.shape[:2]}.")
    t = time.perf_counter()
    length = random_maps.length_bucket(random_maps.correlation_length(heatmap))
    key = ("faith-random", digest(pixels), int(class_index), steps, length, random_count, seed, tuple(kinds))
    store = model_cache(loaded)
    cached = store.get(key)
    randoms = [] if cached else [random_maps.smooth_random(heatmap.shape, length, seed + i) for i in range(random_count)]
    plan = _Plan(pixels, [heatmap] + randoms, kinds, steps, seed)
    probs = run_batched(loaded, plan.count, plan.make, progress=progress, cancel=cancel, label="Faithfulness: ")
    p = probs[:, class_index]
    if cached is None:
        cached = remember(store, key, [plan.curves(p, m) for m in range(1, len(randoms) + 1)])
    random = {kind: [c[kind] for c in cached] for kind in kinds}
    return Faithfulness(int(class_index), steps, plan.curves(p, 0), random, length, time.perf_counter() - t)


def score_explanation(loaded, image, explanation, policy: str = "stretch", **kw) -> Faithfulness:
    """:func:`score` for an :class:`Explanation` of ``image`` (an ``images.LoadedImage``)."""
    from .. import images

    pixels = loaded.model_input(image.pixels, policy).pixels
    return score(loaded, pixels, explanation.heatmap, explanation.class_index, **kw)
