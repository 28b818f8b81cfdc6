"""The trained model as it is deployed: the same layers and weights without the ones that only
act while training (augmentation, dropout, noise).

In inference they pass their input through, but they stay in the graph: Keras' random
augmentation layers draw their random numbers even when told they are not training, so a
SavedModel carries ``StatelessRandom…`` and image-transform ops that TFLite cannot convert,
and an exported ``.keras`` file would carry training code to whoever deploys it.  The copy
shares the original's weights (nothing is duplicated) and is checked to give the same outputs.
"""

from __future__ import annotations

import numpy as np

from ..errors import StudioError

# Layers whose call in inference returns its input unchanged.  Not RandomCrop (it resizes in
# inference) nor any preprocessing that changes pixels.
TRAINING_ONLY = (
    "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianDropout", "GaussianNoise",
    "AlphaDropout", "ActivityRegularization",
    "RandomFlip", "RandomRotation", "RandomZoom", "RandomContrast", "RandomTranslation", "RandomBrightness",
    "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomSharpness", "RandomShear", "RandomColorJitter",
    "RandomColorDegeneration", "RandomInvert", "RandomPosterization", "RandomPerspective", "RandomErasing",
    "RandomGaussianBlur", "RandomElasticTransform", "AugMix", "RandAugment",
)


def _classes() -> tuple:
    import keras

    return tuple(getattr(keras.layers, name) for name in TRAINING_ONLY if hasattr(keras.layers, name))


def training_only_layers(model) -> list[str]:
    """Names (``outer/inner``) of every training-only layer in ``model``, nested models included."""
    import keras

    skip = _classes()
    found = []
    for layer in model.layers:
        if isinstance(layer, skip):
            found.append(layer.name)
        elif isinstance(layer, keras.Model):
            found += [f"{layer.name}/{n}" for n in training_only_layers(layer)]
    return found


def _passes_through(layer, skip) -> bool:
    """A training-only layer, or a model made only of them (the ``augmentation`` block)."""
    import keras

    if isinstance(layer, skip):
        return True
    return isinstance(layer, keras.Sequential) and bool(layer.layers) and all(
        _passes_through(inner, skip) for inner in layer.layers)


def _stripped(model, skip):
    """A copy of ``model`` without training-only layers (weights shared), or ``model`` itself."""
    import keras

    if not training_only_layers(model):
        return model
    if isinstance(model, keras.Sequential):
        kept = [_stripped(layer, skip) for layer in model.layers if not _passes_through(layer, skip)]
        copy = keras.Sequential(kept, name=model.name)
        copy.build(model.input_shape)
        return copy

    def call(layer, *args, **kwargs):
        if _passes_through(layer, skip):
            return args[0]
        if isinstance(layer, keras.Model):
            layer = _stripped(layer, skip)
        return layer(*args, **kwargs)

    return keras.models.clone_model(model, clone_function=lambda layer: layer, call_function=call)


def for_inference(model, samples: np.ndarray | None = None, tolerance: float = 1e-5):
    """``model`` without its training-only layers; with ``samples`` (raw pixels), proven to give
    the same outputs as ``model`` in inference mode (a refusal otherwise, never a different model)."""
    copy = _stripped(model, _classes())
    if copy is model or samples is None or not len(samples):
        return copy
    x = np.asarray(samples, np.float32)
    want = np.asarray(model(x, training=False))
    got = np.asarray(copy(x, training=False))
    if not np.allclose(got, want, atol=tolerance, rtol=0):
        raise StudioError("The model changes its outputs without its training-only layers (augmentation, "
                          "dropout), so it cannot be exported for inference.")
    return copy
