"""Sanity check for a heatmap method (Adebayo et al., "Sanity Checks for Saliency Maps",
2018): randomise the model's top layers one after another (cascading) and recompute the
map.  A method that explains the model must give a different map once the weights it
explains are gone; a map that barely changes shows the image (its edges, where the network
is active), not the model's reasoning about this class.

The verdict is about the top layer, the class's own weights: the mean rank correlation
(Spearman) of the original map with the maps of ``draws`` independent randomisations of
that layer (one draw swings widely for the CAM methods: -0.6 to +0.8 measured).  The
cascade through the next layers is reported and drawn beside it.

The randomised model is a clone, so the model other jobs use is never touched; it is kept
on the loaded model and reset from the original weights on each check (its traced
functions stay valid: weights are assigned, never replaced).  Each randomised layer's
kernel and bias are shuffled, which keeps their scale (activations neither vanish nor
explode) and removes everything learnt.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .. import jobs
from ..jobs import CancelToken, ProgressFn
from ..messages import msg
from .base import ExplainError, forget_results, model_cache

DEPTH = 4  # layers randomised in the cascade
DRAWS = 5  # independent randomisations of the top layer for the verdict
# Measured on the fixture MobileNetV2 (mean of 5 draws; parrot, cat, hot dog): Grad-CAM, Score-CAM
# and occlusion -0.17 to +0.44; gradient methods +0.42 to +0.88; Grad-CAM++, LayerCAM and guided
# Grad-CAM +0.90 to +0.99 (see tests/engine/test_explain_sanity.py).
PASS_BELOW, FAIL_FROM = 0.5, 0.8


@dataclass
class Sanity:
    method: str
    class_index: int
    stages: list[str]  # the layer randomised at each stage (cumulative, top first)
    correlations: list[float]  # rank correlation of each stage's map with the original map
    original: np.ndarray  # the maps, small, for a figure
    maps: list[np.ndarray] = field(default_factory=list)
    draws: list[float] = field(default_factory=list)  # correlations after independent top-layer randomisations
    seconds: float = 0.0
    thresholds: tuple[float, float] = (PASS_BELOW, FAIL_FROM)
    flat: bool = False  # the original map is flat: nothing to compare, no verdict

    @property
    def similarity(self) -> float:
        """Mean rank correlation with the original once the top layer is randomised."""
        values = self.draws or self.correlations[:1]
        return float(np.mean(values)) if values else float("nan")

    @property
    def passed(self) -> bool:
        return not self.flat and self.similarity < self.thresholds[0]

    @property
    def grade(self) -> str:
        if self.flat:
            return "not applicable"
        return "passes" if self.passed else ("fails" if self.similarity >= self.thresholds[1] else "weak")

    @property
    def verdict(self) -> str:
        if self.flat:
            return msg("sanity.flat", "Not applicable: the map itself is flat (nothing stands out for this class), so "
                       "there is nothing for a randomised model to change. A flat map never passes.")
        r, top, (lo, hi) = self.similarity, self.stages[0], self.thresholds
        n = dict(layer=top, draws=len(self.draws), r=r, low=lo, high=hi)
        if self.grade == "passes":
            return msg("sanity.passes", "Passes: with the top layer ({layer}) randomised {draws} times the map changes "
                       "(mean rank correlation {r:+.2f}, below {low}): it depends on what the model learnt for this "
                       "class.", **n)
        if self.grade == "weak":
            return msg("sanity.weak", "Weak: with the top layer ({layer}) randomised {draws} times the map keeps part "
                       "of its structure (mean rank correlation {r:+.2f}, between {low} and {high}): part of it comes "
                       "from the image, not the model's reasoning.", **n)
        return msg("sanity.fails", "Fails: with the top layer ({layer}) randomised {draws} times the map stays alike "
                   "(mean rank correlation {r:+.2f}, {high} or more): it shows where the network is active or the "
                   "image's edges, not this class's evidence.", **n)

    def to_dict(self) -> dict:
        return {"method": self.method, "class_index": self.class_index, "stages": self.stages,
                "correlations": [round(c, 4) for c in self.correlations],
                "top_layer_draws": [round(c, 4) for c in self.draws],
                "similarity": None if self.flat else round(self.similarity, 4),
                "thresholds": list(self.thresholds), "verdict": self.grade, "passed": self.passed,
                "message": self.verdict, "seconds": round(self.seconds, 3)}


def rank_correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rho (ties get their average rank); 0 when either map is constant."""
    ra, rb = _ranks(np.ravel(a)), _ranks(np.ravel(b))
    ra, rb = ra - ra.mean(), rb - rb.mean()
    den = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    return float((ra * rb).sum() / den) if den > 0 else 0.0


def _ranks(x: np.ndarray) -> np.ndarray:
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    return ((ends - (counts - 1) / 2.0)[inverse]).astype(np.float64)


def weighted_layers(model) -> list:
    """Layers with a kernel, top (output) first, nested models expanded in place."""
    found = []

    def walk(m):
        for layer in m.layers:
            if hasattr(layer, "layers"):
                walk(layer)
            elif any(w.name.endswith("kernel") for w in layer.weights):
                found.append(layer)

    walk(model)
    return found[::-1]


def _randomised_twin(loaded):
    """(a LoadedModel around a clone of the model, the clone's original weights)."""
    store = model_cache(loaded)
    twin = store.get("sanity-twin")
    if twin is None:
        import keras

        from ..models import from_keras

        clone = keras.models.clone_model(loaded.model)
        clone.set_weights(loaded.model.get_weights())
        twin = store["sanity-twin"] = (from_keras(clone, loaded.preprocess, name=f"{loaded.spec.name} (randomised)",
                                                  class_names=loaded.class_names, spec=loaded.spec),
                                       [np.array(w) for w in clone.get_weights()])
    _reset(loaded, twin[0])
    return twin[0]


def _shuffle(layer, rng: np.random.Generator) -> None:
    for w in layer.weights:
        if w.name.endswith(("kernel", "bias")):  # learnt weights, trainable flag or not (a frozen base)
            value = np.array(w.numpy())
            w.assign(rng.permutation(value.ravel()).reshape(value.shape))


def check(loaded, image, method: str, *, class_index: Optional[int] = None, layer: Optional[Sequence[str]] = None,
          policy: str = "stretch", depth: int = DEPTH, draws: int = DRAWS, seed: int = 0,
          options: Optional[dict] = None, progress: Optional[ProgressFn] = None,
          cancel: Optional[CancelToken] = None) -> Sanity:
    """The cascade over the top ``depth`` weighted layers (one map per stage), and ``draws``
    randomisations of the top layer alone (the cascade's first stage is the first draw)."""
    from . import explain

    t = time.perf_counter()
    jobs.report(progress, 0.0, msg("sanity.original", "Sanity check: the original map"))
    first = explain(loaded, image, method=method, class_index=class_index, layer=layer, policy=policy,
                    options=options, cancel=cancel)
    if first.flat:  # a constant map correlates 0 with anything: it would "pass" for nothing
        jobs.report(progress, 1.0, msg("sanity.map_flat", "Sanity check: the map is flat"))
        return Sanity(method, first.class_index, [], [], _small(first.heatmap), flat=True,
                      seconds=time.perf_counter() - t)
    twin = _randomised_twin(loaded)
    stack = weighted_layers(twin.model)[:max(1, depth)]
    if not stack:
        raise ExplainError("This model has no layer with weights to randomise.")
    path = None if first.layer == "(input)" else tuple(first.layer.split(" / "))
    total = len(stack) + max(0, draws - 1)

    def randomised_map(done: int, what: str) -> np.ndarray:
        jobs.check(cancel)
        jobs.report(progress, (done + 1) / (total + 1), what)
        forget_results(twin)
        return explain(twin, image, method=method, class_index=first.class_index, layer=path, policy=policy,
                       options=options, cancel=cancel).heatmap

    try:
        rng = np.random.default_rng(seed)
        stages, correlations, maps = [], [], []
        for i, target in enumerate(stack):
            _shuffle(target, rng)
            heat = randomised_map(i, msg("sanity.randomising", "Sanity check: randomising {layer}", layer=target.name))
            stages.append(target.name)
            correlations.append(rank_correlation(first.heatmap, heat))
            maps.append(_small(heat))
        top = correlations[:1]
        for j in range(1, draws):
            _reset(loaded, twin)
            _shuffle(stack[0], np.random.default_rng(seed + 1000 * j))
            top.append(rank_correlation(first.heatmap, randomised_map(
                len(stack) + j - 1, msg("sanity.draw", "Sanity check: {layer}, draw {draw}", layer=stack[0].name,
                                        draw=j + 1))))
    finally:
        _reset(loaded, twin)
    jobs.report(progress, 1.0, msg("sanity.done", "Sanity check done"))
    return Sanity(method, first.class_index, stages, correlations, _small(first.heatmap), maps, top,
                  seconds=time.perf_counter() - t)


def _reset(loaded, twin) -> None:
    twin.model.set_weights(model_cache(loaded)["sanity-twin"][1])
    forget_results(twin)


def _small(heat: np.ndarray, size: int = 56) -> np.ndarray:
    from .base import upsample

    return upsample(heat, (size, size))
