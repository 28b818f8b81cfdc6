"""The Predict tab's job: the current image through the current model (runs in a worker lane)."""

from __future__ import annotations

from engine import images
from engine.models import ModelRequest

from ..i18n.words import fmt, translate
from ..runtime.tasks import predictor


def predict_image(request: ModelRequest, image: images.LoadedImage, k: int, policy: str):
    def run(ctx):
        pred = predictor()
        ctx.progress(0.1, fmt(translate("PredictTasks", "Preparing {model}…"), model=request.name))
        loaded = pred.load(request, progress=ctx.progress, cancel=ctx.cancel)
        ctx.cancel.raise_if_cancelled()
        from engine.predict import predict_image as run_one

        return run_one(loaded, image, k=k, policy=policy)

    return run
