"""Worker jobs of the Explain tab: the heatmap, the layer list, and the trust tools'
faithfulness scores, sanity check and comparison grids.  Each runs in a lane thread and
returns plain data (dataclasses of numpy arrays); TensorFlow is touched only here, through
the engine."""

from __future__ import annotations

from typing import Optional, Sequence

from engine import images
from engine.models import ModelRequest

from ..runtime.tasks import predictor


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
                 policy: str, depth: int, draws: int):
    def run(ctx):
        from engine.explain import sanity

        loaded = predictor().load(request, cancel=ctx.cancel)
        return sanity.check(loaded, image, method, class_index=class_index, layer=layer, policy=policy, depth=depth,
                            draws=draws, progress=ctx.progress, cancel=ctx.cancel)

    return run


def explain_many(request: ModelRequest, image: images.LoadedImage, specs: Sequence[tuple[str, Optional[int]]], layer,
                 policy: str):
    """Several heatmaps of one image, (method, class) each, for a comparison grid:
    (explanations, crop box)."""

    def run(ctx):
        from engine import explain

        loaded = predictor().load(request, cancel=ctx.cancel)
        out = []
        for i, (method, cls) in enumerate(specs):
            ctx.cancel.raise_if_cancelled()
            ctx.progress(i / len(specs), f"{explain.METHODS[method].label} ({i + 1} of {len(specs)})")
            out.append(explain.explain(loaded, image, method=method, class_index=cls, layer=layer, policy=policy,
                                       cancel=ctx.cancel))
        return out, loaded.model_input(image.pixels, policy).crop_box

    return run


def explain_image(request: ModelRequest, image: images.LoadedImage, method: str, class_index, layer,
                  policy: str, options: Optional[dict] = None):
    """Heatmap job: returns (Explanation, crop box) — the box maps it onto the image."""

    def run(ctx):
        from engine import explain

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        e = explain.explain(loaded, image, method=method, class_index=class_index, layer=layer, policy=policy,
                            options=options, progress=ctx.progress, cancel=ctx.cancel)
        return e, loaded.model_input(image.pixels, policy).crop_box

    return run


def model_layers(request: ModelRequest):
    """(all spatial layer paths, the default feature layer path, class names) of a model."""

    def run(ctx):
        from engine import layers

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        if loaded.forward is not None:  # a forward-only model file: its feature maps by tensor name
            found = [(name,) for name, _ in loaded.forward.spatial_tensors()]
            return found, (found[-1] if found else ()), loaded.class_names
        refs = layers.spatial_layers(loaded.model)
        return [r.path for r in refs], layers.feature_layer(loaded.model).path, loaded.class_names

    return run
