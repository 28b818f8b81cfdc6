"""Find layers inside a model: the last convolutional feature layer (Grad-CAM's default)
and every spatial layer, also inside a base model nested in a fine-tuned one.

A layer is referred to by its *path*: the names from the outer model down, e.g.
``("mobilenetv2_1.00_224", "out_relu")`` for a base nested inside a new head.
"""

from __future__ import annotations

from dataclasses import dataclass

# Layers whose 4-D output is a resampled copy of the feature map, not a feature map of its own.
_NOT_FEATURES = (
    "MaxPooling2D", "AveragePooling2D", "ZeroPadding2D", "Dropout", "SpatialDropout2D",
    "Cropping2D", "UpSampling2D", "Rescaling", "Normalization", "InputLayer", "Resizing",
)
_CONV = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose")


@dataclass(frozen=True)
class LayerRef:
    path: tuple[str, ...]
    class_name: str
    output_shape: tuple

    @property
    def name(self) -> str:
        return self.path[-1]

    def label(self) -> str:
        return " / ".join(self.path)


def _is_model(layer) -> bool:
    return hasattr(layer, "layers") and hasattr(layer, "inputs") and layer.__class__.__name__ in ("Functional", "Model", "Sequential")


def _shape(layer) -> tuple:
    try:
        shape = layer.output.shape
    except (AttributeError, ValueError):
        return ()
    return tuple(shape)


def spatial_layers(model, prefix: tuple[str, ...] = ()) -> list[LayerRef]:
    """Every layer with a 4-D (batch, H, W, C) feature output, in graph order, nested models expanded."""
    out = []
    for layer in model.layers:
        path = prefix + (layer.name,)
        if _is_model(layer):
            out.extend(spatial_layers(layer, path))
            continue
        shape = _shape(layer)
        if len(shape) == 4 and layer.__class__.__name__ not in _NOT_FEATURES:
            out.append(LayerRef(path, layer.__class__.__name__, shape))
    return out


def feature_layer(model) -> LayerRef:
    """The last spatial feature layer: the output of the convolutional base.

    Pooling, padding and dropout are skipped (VGG's ``block5_pool`` halves the map; its
    ``block5_conv3`` is the feature layer).  Raises ``ValueError`` for a model without one.
    """
    found = spatial_layers(model)
    found = [r for r in found if (r.output_shape[1] or 2) > 1 or (r.output_shape[2] or 2) > 1] or found
    if not found:
        raise ValueError(f"'{model.name}' has no convolutional feature layer (no 4-D layer output).")
    return found[-1]


def resolve(model, path: tuple[str, ...]):
    """The layer object at ``path``."""
    layer = model
    for name in path:
        layer = layer.get_layer(name)
    return layer


def is_conv(ref: LayerRef) -> bool:
    return ref.class_name in _CONV
