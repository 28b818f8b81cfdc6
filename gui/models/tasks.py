"""Weights jobs of the model card (download, import, remove, check) and its status read on the GUI thread.
A job that changes a model's weights drops its built model from the shared Predictor."""

from __future__ import annotations

from typing import Sequence

from engine.models import ModelRequest

from ..runtime.tasks import predictor


def download_weights(request: ModelRequest, mirror: str):
    def run(ctx):
        from engine import builder, weights, zoo

        spec = zoo.get(request.name)
        wf = builder.weights_file_for(spec, request.variant)
        path = weights.download(wf, mirror=mirror, progress=ctx.progress, cancel=ctx.cancel)
        _evict(request)
        return path

    return run


def _evict(request: ModelRequest) -> None:
    """The weights of ``request``'s model changed: its built model (any lane's) is stale."""
    predictor().evict(ModelRequest(request.name, request.variant, "imagenet").key)


def import_weights(request: ModelRequest, path: str, replace: bool = False):
    """The engine's import (proven to load, format kept, undoable); the ImportRecord back."""

    def run(ctx):
        from engine import model_weights

        record = model_weights.import_weights(request.name, path, request.variant, replace=replace,
                                              progress=ctx.progress)
        _evict(request)
        return record

    return run


def remove_weights(request: ModelRequest):
    """Remove the import; the RemoveResult says which earlier import (if any) is in use again."""

    def run(ctx):
        from engine import model_weights

        result = model_weights.remove_import(request.name, request.variant)
        _evict(request)
        return result

    return run


def weights_status(spec, offline_dirs: Sequence[str], variant=None):
    """Where the ImageNet file of a model's variant would come from, reading no weight file (the
    GUI thread calls this): remembered checks count, a copy not checked yet is ``pending``."""
    from engine import builder, zoo

    return builder.weights_status(spec, offline_dirs, variant or zoo.Variant(), verify=False)


def check_weights(spec, offline_dirs: Sequence[str], variants):
    """Verify (hash, memoised) the files the card shows, here in a worker: up to a second per
    large file the first time.  Returns the verified WeightsStatus of each variant."""

    def run(ctx):
        from engine import builder

        return [builder.weights_status(spec, offline_dirs, v, cancel=ctx.cancel) for v in variants]

    return run
