"""The Folder tab's job: a folder of images predicted in batches, each row sent back as it arrives."""

from __future__ import annotations

from typing import Sequence

from engine.models import ModelRequest

from ..runtime.tasks import predictor


def predict_folder(request: ModelRequest, files: Sequence[str], k: int, policy: str, on_row):
    """Folder batch: ``on_row`` is called (through a signal) with each FileResult as it arrives."""

    def run(ctx):
        pred = predictor()
        loaded = pred.load(request, progress=lambda f, m: ctx.progress(0.0, m), cancel=ctx.cancel)
        from engine.predict import predict_files

        count = 0
        for result in predict_files(loaded, files, k=k, policy=policy, batch_size=16,
                                    progress=ctx.progress, cancel=ctx.cancel):
            on_row(result)
            count += 1
        return count

    return run
