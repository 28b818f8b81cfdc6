"""Cutting a Keras functional model in two, for split execution.

The *prefix* is the part no gradient has to go through (frozen layers while training, the
layers below the explained one for a heatmap): it only runs forward, so an inference
backend can run it.  The *suffix* is the rest: it needs gradients and stays on Keras.

Where the model has skip connections, more than one tensor crosses the cut (a residual
block cut in the middle needs both its branch and its shortcut): the prefix returns every
tensor the suffix reads, in a fixed order, and the suffix takes them in that order.  The
two halves are Keras models built from the model's own layers, so they share its weights:
training the suffix trains the model, and the saved model is the model itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass
class Cut:
    prefix: object  # keras.Model: the model's inputs -> the crossing tensors
    suffix: Optional[object]  # keras.Model: the crossing tensors -> the model's outputs; None: nothing above
    crossing: list  # names of the layers whose outputs cross the cut, in the prefix's output order

    @property
    def label(self) -> str:
        return ", ".join(self.crossing)


def _topological_nodes(model) -> list:
    """The model's own nodes, inputs first."""
    by_depth = model._nodes_by_depth  # noqa: SLF001 - Keras' functional graph (stable since Keras 2)
    return [node for depth in sorted(by_depth, reverse=True) for node in by_depth[depth]]


def _producer(tensor):
    history = tensor._keras_history  # noqa: SLF001
    return history.operation._inbound_nodes[history.node_index]  # noqa: SLF001


def _suffix_nodes(model, starts: Iterable, include_starts: bool) -> list:
    """Nodes computed from ``starts`` (layers): their own nodes when ``include_starts``, else
    only what reads their outputs, and everything computed from those."""
    starts = set(map(id, starts))
    inside: set = set()
    feeding: set = set()  # nodes whose outputs are read above the cut
    order = []
    for node in _topological_nodes(model):
        if node.is_input:
            continue
        own = id(node.operation) in starts
        fed = any(id(_producer(t)) in feeding for t in node.input_tensors)
        if (own and include_starts) or fed:
            inside.add(id(node))
            feeding.add(id(node))
            order.append(node)
        elif own:  # the start itself stays below the cut: what reads its output is above
            feeding.add(id(node))
    return order


def _cut(model, suffix_nodes: list) -> Cut:
    import keras

    inside = {id(n) for n in suffix_nodes}
    crossing, seen = [], set()
    for node in suffix_nodes:
        for t in node.input_tensors:
            if id(_producer(t)) not in inside and id(t) not in seen:
                seen.add(id(t))
                crossing.append(t)
    for t in model.outputs:  # an output computed below the cut is handed straight through
        if id(_producer(t)) not in inside and id(t) not in seen:
            seen.add(id(t))
            crossing.append(t)
    names = [t._keras_history.operation.name for t in crossing]  # noqa: SLF001
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    prefix = keras.Model(inputs, crossing, name=f"{model.name}_prefix")
    suffix = keras.Model(crossing, model.outputs, name=f"{model.name}_suffix") if suffix_nodes else None
    return Cut(prefix, suffix, names)


def below_trainable(model) -> Optional[Cut]:
    """Cut below the first trainable layer: the prefix holds every layer that no trainable
    weight depends on.  None when nothing is frozen below a trainable layer (no prefix worth
    running elsewhere: the model's input itself would cross)."""
    trainable = [layer for layer in model.layers if layer.trainable and layer.trainable_weights]
    nodes = _suffix_nodes(model, trainable, include_starts=True)
    cut = _cut(model, nodes)
    if any(t is inp for t in cut.prefix.outputs for inp in model.inputs):
        return None
    return cut


def above_layer(model, layer) -> Cut:
    """Cut just above ``layer`` (one of ``model``'s own layers): its output is the first of
    the crossing tensors, whatever else crosses beside it."""
    nodes = _suffix_nodes(model, [layer], include_starts=False)
    cut = _cut(model, nodes)
    first = layer.name
    if first in cut.crossing and cut.crossing[0] != first:  # the explained layer's output leads
        i = cut.crossing.index(first)
        order = [i] + [j for j in range(len(cut.crossing)) if j != i]
        import keras

        outs = [cut.prefix.outputs[j] for j in order]
        inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
        cut = Cut(keras.Model(inputs, outs, name=cut.prefix.name),
                  keras.Model(outs, model.outputs, name=cut.suffix.name) if cut.suffix is not None else None,
                  [cut.crossing[j] for j in order])
    return cut
