"""Intermediate activations for the current image: feature-map grids and the
"through the network" strip (one representative map per resolution stage)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from .. import images, layers
from .forward import multi_forward


@dataclass
class ChannelMap:
    channel: int
    pixels: np.ndarray  # (h, w) uint8, normalised for display
    minimum: float
    maximum: float
    mean: float
    zero_fraction: float


def extractor(loaded, paths: Sequence[tuple[str, ...]]):
    """A compiled uint8 -> [layer outputs] function, cached on the loaded model."""
    import tensorflow as tf

    key = ("activations", tuple(tuple(p) for p in paths))
    store = getattr(loaded, "_inside_cache", None)
    if store is None:
        store = loaded._inside_cache = {}
    fn = store.get(key)
    if fn is None:
        forward = multi_forward(loaded.model, paths)
        preprocess = loaded.preprocess
        size = loaded.input_size

        @tf.function(input_signature=[tf.TensorSpec([1, size, size, 3], tf.uint8)])
        def fn(pixels):
            return forward(preprocess(tf.cast(pixels, tf.float32)))[0]

        store[key] = fn
    return fn


def activations(loaded, image: images.LoadedImage, paths: Sequence[tuple[str, ...]],
                policy: str = "stretch") -> list[np.ndarray]:
    """Each layer's output (h, w, c) for the image, from one model call."""
    mi = loaded.model_input(image.pixels, policy)
    outs = extractor(loaded, paths)(mi.pixels[None])
    return [np.asarray(o)[0] for o in outs]


def normalise(fmap: np.ndarray) -> np.ndarray:
    lo, hi = float(fmap.min()), float(fmap.max())
    if hi - lo < 1e-12:
        return np.zeros(fmap.shape, np.uint8)
    return ((fmap - lo) / (hi - lo) * 255).astype(np.uint8)


def channel_maps(act: np.ndarray, n: int = 16, order: str = "first") -> list[ChannelMap]:
    """The first ``n`` channels, or the ``n`` most active (highest mean), each normalised."""
    c = act.shape[-1]
    if order == "most active":
        idx = np.argsort(-act.reshape(-1, c).mean(axis=0))[:n]
    else:
        idx = np.arange(min(n, c))
    out = []
    for i in idx:
        m = act[..., int(i)]
        out.append(ChannelMap(int(i), normalise(m), float(m.min()), float(m.max()), float(m.mean()),
                              float((m <= 0).mean())))
    return out


def stage_layers(model) -> list[layers.LayerRef]:
    """The last spatial layer at each resolution, first conv to last: one per stage."""
    refs = layers.spatial_layers(model)
    out: list[layers.LayerRef] = []
    for ref in refs:
        if out and out[-1].output_shape[1:3] == ref.output_shape[1:3]:
            out[-1] = ref
        else:
            out.append(ref)
    return out


def through_network(loaded, image: images.LoadedImage, policy: str = "stretch") -> list[tuple[str, np.ndarray]]:
    """(layer label, representative map) per stage: the most active channel of each."""
    refs = stage_layers(loaded.model)
    acts = activations(loaded, image, [r.path for r in refs], policy)
    strip = []
    for ref, act in zip(refs, acts):
        best = channel_maps(act, 1, "most active")[0]
        strip.append((ref.label(), best.pixels))
    return strip


def grid_image(maps: Sequence[ChannelMap], columns: int = 8, cell: int = 64, gap: int = 2) -> np.ndarray:
    """Maps as one greyscale-as-RGB grid image (for the command line and exports)."""
    from PIL import Image

    rows = (len(maps) + columns - 1) // columns
    cols = min(columns, len(maps))
    out = np.full((rows * (cell + gap) - gap, cols * (cell + gap) - gap, 3), 255, np.uint8)
    for i, m in enumerate(maps):
        r, c = divmod(i, columns)
        tile = np.asarray(Image.fromarray(m.pixels).resize((cell, cell), Image.Resampling.NEAREST))
        out[r * (cell + gap): r * (cell + gap) + cell, c * (cell + gap): c * (cell + gap) + cell] = tile[..., None]
    return out


def default_layer(model) -> Optional[tuple[str, ...]]:
    refs = stage_layers(model)
    return refs[len(refs) // 2].path if refs else None
