"""Worker jobs of the Explain tab's trust tools: faithfulness scores, the sanity check and
the class comparison.  Each runs in a lane thread and returns plain data (dataclasses of
numpy arrays); TensorFlow is touched only here, through the engine."""

from __future__ import annotations

from typing import Optional, Sequence

from engine import images
from engine.models import ModelRequest

from .tasks import predictor


def score_maps(request: ModelRequest, image: images.LoadedImage, explanations: Sequence, policy: str,
               steps: int, random_count: int, kinds: Sequence[str] = ("deletion", "insertion")):
    """Faithfulness of each explanation (None for a flat one); random baselines are shared."""

    def run(ctx):
        from engine import jobs
        from engine.explain import faithfulness

        loaded = predictor().load(request, cancel=ctx.cancel)
        out = []
        for i, e in enumerate(explanations):
            if e.flat:
                out.append(None)
                continue
            sub = jobs.sub_progress(ctx.progress, i / len(explanations), (i + 1) / len(explanations))
            out.append(faithfulness.score_explanation(loaded, image, e, policy, kinds=kinds, steps=steps,
                                                      random_count=random_count, progress=sub, cancel=ctx.cancel))
        return out

    return run


def sanity_check(request: ModelRequest, image: images.LoadedImage, method: str, class_index: Optional[int], layer,
                 policy: str):
    def run(ctx):
        from engine.explain import sanity

        loaded = predictor().load(request, cancel=ctx.cancel)
        return sanity.check(loaded, image, method, class_index=class_index, layer=layer, policy=policy,
                            progress=ctx.progress, cancel=ctx.cancel)

    return run


def compare_classes(request: ModelRequest, image: images.LoadedImage, method: str, classes: Sequence[int], layer,
                    policy: str):
    """One method for several classes, for the class grid: (explanations, crop box)."""

    def run(ctx):
        from engine import explain

        loaded = predictor().load(request, cancel=ctx.cancel)
        out = []
        for i, cls in enumerate(classes):
            ctx.cancel.raise_if_cancelled()
            ctx.progress(i / len(classes), f"{method} for class {i + 1} of {len(classes)}")
            out.append(explain.explain(loaded, image, method=method, class_index=cls, layer=layer, policy=policy,
                                       cancel=ctx.cancel))
        return out, images.model_input(image.pixels, loaded.input_size, policy).crop_box

    return run
