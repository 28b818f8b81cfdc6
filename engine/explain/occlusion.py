"""Occlusion sensitivity, through tf-explain: a grey patch slides over the image; the drop
in the class probability is the importance of the covered region."""

from __future__ import annotations

import numpy as np

from .. import jobs
from .base import Target
from .pixel_model import pixel_model


def run(target: Target) -> np.ndarray:
    import keras
    from tf_explain.core.occlusion_sensitivity import OcclusionSensitivity

    keras.config.disable_interactive_logging()  # tf-explain calls model.predict: no console bars

    jobs.report(target.progress, 0.1, "Occlusion: predicting patched images")
    patch = int(target.options.get("patch_size", max(8, target.loaded.input_size // 14)))
    image = target.pixels.astype(np.float32)
    return OcclusionSensitivity(batch_size=32).get_sensitivity_map(pixel_model(target), image,
                                                                   target.class_index, patch)
