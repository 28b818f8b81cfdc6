"""One forward pass that yields several layers' outputs, also inside nested models.

A flat model gets a multi-output ``keras.Model``; a nested base (a fine-tuned model) is
split the same way and the outer layers are re-applied around it in order — one model
call per image produces every layer a view needs, nothing is rebuilt per layer.
"""

from __future__ import annotations

from typing import Sequence


def multi_forward(model, paths: Sequence[tuple[str, ...]]):
    """``fn(x) -> (list of outputs in the order of paths, final output)``."""
    import keras

    paths = [tuple(p) for p in paths]
    if all(len(p) == 1 for p in paths):
        outs = [model.get_layer(p[0]).output for p in paths]
        m = keras.Model(model.inputs, outs + [model.output])

        def flat(x):
            res = m(x, training=False)
            res = list(res) if isinstance(res, (list, tuple)) else [res]
            return res[:-1], res[-1]

        return flat
    inner_names = {p[0] for p in paths if len(p) > 1}
    if len(inner_names) != 1:
        raise ValueError("layers from more than one nested model in one pass")
    inner_name = inner_names.pop()
    inner = model.get_layer(inner_name)
    inner_paths = [p[1:] for p in paths if len(p) > 1 and p[0] == inner_name]
    inner_fn = multi_forward(inner, inner_paths)
    outer_paths = [p for p in paths if len(p) == 1]
    layers = [l for l in model.layers if l.__class__.__name__ != "InputLayer"]

    def chained(x):
        found = {}
        for layer in layers:
            if layer is inner:
                outs, x = inner_fn(x)
                found.update({(inner_name,) + p: o for p, o in zip(inner_paths, outs)})
            else:
                x = layer(x, training=False)
            if (layer.name,) in outer_paths:
                found[(layer.name,)] = x
        return [found[p] for p in paths], x

    return chained
