"""The model's layers as a tree (nested models expanded), searchable, with a summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class LayerNode:
    path: tuple[str, ...]
    class_name: str
    output_shape: tuple
    params: int
    trainable: bool
    children: list["LayerNode"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path[-1]

    def shape_text(self) -> str:
        return "×".join("?" if d is None else str(d) for d in self.output_shape[1:])


@dataclass
class Summary:
    name: str
    total_params: int
    trainable_params: int
    depth: int  # layers counted through nested models
    input_size: Optional[int]


def _is_model(layer) -> bool:
    return hasattr(layer, "layers") and layer.__class__.__name__ in ("Functional", "Model", "Sequential")


def _shape(layer) -> tuple:
    try:
        return tuple(layer.output.shape)
    except (AttributeError, ValueError):
        return ()


def build_tree(model, prefix: tuple[str, ...] = ()) -> list[LayerNode]:
    nodes = []
    for layer in model.layers:
        path = prefix + (layer.name,)
        node = LayerNode(path, layer.__class__.__name__, _shape(layer), int(layer.count_params()),
                         bool(layer.trainable))
        if _is_model(layer):
            node.children = build_tree(layer, path)
        nodes.append(node)
    return nodes


def walk(nodes: list[LayerNode]):
    for n in nodes:
        yield n
        yield from walk(n.children)


def search(nodes: list[LayerNode], text: str) -> list[LayerNode]:
    """Layers whose name or type contains ``text`` (case-insensitive)."""
    text = text.strip().lower()
    return [n for n in walk(nodes) if text in n.name.lower() or text in n.class_name.lower()]


def summary(model) -> Summary:
    import numpy as np

    trainable = int(sum(np.prod(w.shape) for w in model.trainable_weights))
    depth = sum(1 for n in walk(build_tree(model)) if not n.children)
    shape = model.input_shape
    size = shape[1] if isinstance(shape, tuple) and len(shape) == 4 else None
    return Summary(model.name, int(model.count_params()), trainable, depth, size)
