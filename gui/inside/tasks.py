"""The Inside tab's jobs: a model's layer tree, one layer's activations, filter patterns (worker lanes)."""

from __future__ import annotations

from engine import images
from engine.models import ModelRequest

from ..runtime.tasks import predictor


def model_tree(request: ModelRequest):
    """(layer tree, summary) of a model."""

    def run(ctx):
        from engine.inside import tree

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        return tree.build_tree(loaded.model), tree.summary(loaded.model)

    return run


def layer_activations(request: ModelRequest, image: images.LoadedImage, path, count: int, order: str, policy: str):
    """(channel maps of one layer, the through-the-network strip) for the image, in one job."""

    def run(ctx):
        from engine.inside import activations as acts

        loaded = predictor().load(request, cancel=ctx.cancel)
        maps = []
        if path is not None:
            (act,) = acts.activations(loaded, image, [tuple(path)], policy)
            if act.ndim == 3:
                maps = acts.channel_maps(act, count, order)
        return maps, acts.through_network(loaded, image, policy)

    return run


def filter_patterns(request: ModelRequest, path, which, steps: int):
    def run(ctx):
        from engine.inside import filters

        loaded = predictor().load(request, cancel=ctx.cancel)
        return filters.patterns(loaded, tuple(path), which, steps=steps, progress=ctx.progress, cancel=ctx.cancel)

    return run
