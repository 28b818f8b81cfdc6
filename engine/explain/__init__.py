"""Heatmaps: what did the network look at?  One module per method over a shared base
(:mod:`.base`, :mod:`.gradients`); drawing lives apart in :mod:`.overlay`.

``explain(loaded, image, method=..., class_index=..., layer=...)`` runs any method on a
loaded model and returns an :class:`Explanation` with a [0, 1] heatmap at the model's input
size (and says when it is flat); :func:`to_image` maps it back onto the original image.

How far to trust a map: :mod:`.faithfulness` (deletion, insertion and ROAD curves beside
random maps of equal smoothness, :mod:`.random_maps`) and :mod:`.sanity` (cascading
randomisation of the top layers).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from .. import images, layers
from ..jobs import CancelToken, ProgressFn
from . import (gradcam, gradcam_pp, gradients_inputs, integrated_gradients, layercam, occlusion, scorecam,
               smoothgrad, vanilla)
from .base import ExplainError, Explanation, Target, flatness, normalize, upsample


@dataclass(frozen=True)
class Method:
    name: str
    label: str
    run: Callable[[Target], np.ndarray]
    uses_layer: bool
    slow: bool = False
    top1_in_pass: bool = False  # finds the top-1 class in its own gradient pass
    forward_only: bool = False  # only forward passes (loaded.run): the inference backend runs them


METHODS: dict[str, Method] = {m.name: m for m in [
    Method("gradcam", "Grad-CAM", gradcam.run, True, top1_in_pass=True),
    Method("guided-gradcam", "Grad-CAM, guided (tf-explain's variant)", gradcam.run_guided, True, top1_in_pass=True),
    Method("gradcam++", "Grad-CAM++", gradcam_pp.run, True, top1_in_pass=True),
    Method("layercam", "LayerCAM", layercam.run, True, top1_in_pass=True),
    Method("fast-scorecam", "Score-CAM, fast (32 channels)", scorecam.run_fast, True, forward_only=True),
    Method("scorecam", "Score-CAM (every channel)", scorecam.run, True, slow=True, forward_only=True),
    Method("occlusion", "Occlusion sensitivity", occlusion.run, False, slow=True, forward_only=True),
    Method("smoothgrad", "SmoothGrad (tf-explain)", smoothgrad.run, False),
    Method("integrated-gradients", "Integrated gradients (tf-explain)", integrated_gradients.run, False),
    Method("vanilla", "Vanilla gradients (tf-explain)", vanilla.run, False),
    Method("gradients-inputs", "Gradients × inputs (tf-explain)", gradients_inputs.run, False),
]}


def default_layer(model) -> tuple[str, ...]:
    return layers.feature_layer(model).path


def explain(
    loaded,
    image: images.LoadedImage,
    *,
    method: str = "gradcam",
    class_index: Optional[int] = None,
    layer: Optional[Sequence[str]] = None,
    policy: str = "stretch",
    options: Optional[dict] = None,
    progress: Optional[ProgressFn] = None,
    cancel: Optional[CancelToken] = None,
) -> Explanation:
    """Compute one heatmap.  ``class_index`` None: the top-1 class; ``layer`` None: the
    last convolutional feature layer (also inside a nested base model)."""
    if method not in METHODS:
        raise ExplainError(f"Unknown method '{method}'. Choose one of: {', '.join(METHODS)}.")
    m = METHODS[method]
    forward = getattr(loaded, "forward", None)  # a forward-only model file: no Keras graph
    if forward is not None and not m.forward_only:
        raise ExplainError(forward.needs_keras(m.label))
    if not getattr(loaded, "square", True):
        w, h = loaded.image_size
        raise ExplainError(f"Heatmaps are drawn for square inputs; this model takes {w} × {h} images.")
    mi = loaded.model_input(image.pixels, policy)
    if class_index is None:
        class_index = -1 if m.top1_in_pass else int(np.argmax(loaded.run(mi.pixels[None])[0]))
    elif not 0 <= class_index < loaded.num_classes:
        raise ExplainError(f"Class {class_index} does not exist: this model has {loaded.num_classes} classes.")
    if forward is not None:
        path = tuple(layer) if layer else forward.default_layer()
    else:
        path = tuple(layer) if layer else default_layer(loaded.model)
        try:
            layers.resolve(loaded.model, path)
        except ValueError as exc:
            raise ExplainError(f"No layer '{' / '.join(path)}' in this model: {exc}") from exc
    target = Target(loaded, mi.pixels, class_index, path, progress, cancel, dict(options or {}))
    t = time.perf_counter()
    raw = np.asarray(m.run(target), dtype=np.float32)
    class_index = target.class_index
    size = loaded.input_size
    heat = normalize(upsample(raw, (size, size)) if raw.shape != (size, size) else raw)
    flat = target.flat_reason or flatness(raw, heat)
    return Explanation(method, class_index, class_name(loaded, class_index),
                       " / ".join(path) if m.uses_layer else "(input)", heat,
                       time.perf_counter() - t, loaded.untrained, flat=flat)


def class_name(loaded, index: int) -> str:
    from ..predict import top_k

    return top_k(np.eye(loaded.num_classes, dtype=np.float32)[index], 1, loaded.class_names)[0].name


def to_image(heatmap: np.ndarray, image_size: tuple[int, int], crop_box: tuple[int, int, int, int]) -> np.ndarray:
    """The heatmap on the original image's pixels: (height, width), zero outside the crop."""
    w, h = image_size
    left, top, right, bottom = crop_box
    out = np.zeros((h, w), np.float32)
    out[top:bottom, left:right] = upsample(heatmap, (right - left, bottom - top))
    return out


__all__ = ["METHODS", "Method", "ExplainError", "Explanation", "explain", "to_image", "upsample"]
