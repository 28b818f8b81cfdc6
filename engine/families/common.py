"""Pieces every family here shares: the input, the squeeze-and-excitation block, the
classifier or pooling on top, and the official ImageNet weight file.

Weight files are legacy HDF5 (written by Keras 2) and load by *layer order*, the rule
``tf_keras`` uses for them: the layers that carry weights must come in the same order and
hold their weights in the same order as the Keras 2 model that wrote the file.
"""

from __future__ import annotations

import os
from typing import Optional

import keras
from keras import layers

from .. import labels

BN_EPSILON = 1e-5


def image_input(input_shape, input_tensor, default_size: int, *, fixed_size: bool):
    """(model inputs, first tensor).  ``fixed_size``: only ``default_size`` is allowed (the
    rule Keras applies to a classifier top with ImageNet weights)."""
    if input_shape is None:
        input_shape = (default_size, default_size, 3)
    input_shape = tuple(input_shape)
    if len(input_shape) != 3 or input_shape[-1] != 3:
        raise ValueError(f"input_shape must be (height, width, 3); got {input_shape}.")
    if any(d is not None and d < 32 for d in input_shape[:2]):
        raise ValueError(f"Input size must be at least 32x32; got {input_shape}.")
    if fixed_size and input_shape != (default_size, default_size, 3):
        raise ValueError(
            f"With include_top=True and ImageNet weights, input_shape must be "
            f"({default_size}, {default_size}, 3); got {input_shape}.")
    if input_tensor is None:
        x = keras.Input(shape=input_shape)
        return x, x
    if not keras.backend.is_keras_tensor(input_tensor):
        x = keras.Input(tensor=input_tensor, shape=input_shape)
        return x, x
    return keras.utils.get_source_inputs(input_tensor), input_tensor


def check_weights(weights, imagenet_names, include_top: bool, classes: int) -> None:
    if not (weights is None or weights in imagenet_names or os.path.exists(str(weights))):
        raise ValueError(
            "The `weights` argument should be None (random initialization), "
            f"one of {sorted(imagenet_names)} (ImageNet) or the path to a weights file; "
            f"got {weights!r}.")
    if weights in imagenet_names and include_top and classes != 1000:
        raise ValueError(f"With ImageNet weights and include_top=True, classes must be 1000; got {classes}.")


def conv_bn(x, filters: int, kernel_size: int, name: str, *, bn_name: str, momentum: float,
            strides: int = 1, groups: int = 1, padding: str = "same", initializer="he_normal"):
    """Convolution without bias followed by batch normalization."""
    x = layers.Conv2D(filters, kernel_size, strides=strides, groups=groups, padding=padding,
                      use_bias=False, kernel_initializer=initializer, name=name)(x)
    return layers.BatchNormalization(momentum=momentum, epsilon=BN_EPSILON, name=bn_name)(x)


def squeeze_excite(inputs, squeeze: int, names: tuple[str, str, str, str], *,
                   initializer="he_normal", gates_first: bool = True):
    """Squeeze-and-excitation (Hu et al., 2018): channel gates from the global average.

    ``names``: the pooling, squeeze, excite and multiply layers.  ``gates_first`` keeps the
    operand order of the Keras 2 model, so that layers keep their order in the graph."""
    pool, reduce_, expand, mult = names
    channels = inputs.shape[-1]
    x = layers.GlobalAveragePooling2D(keepdims=True, name=pool)(inputs)
    x = layers.Conv2D(squeeze, 1, padding="same", activation="relu",
                      kernel_initializer=initializer, name=reduce_)(x)
    x = layers.Conv2D(channels, 1, padding="same", activation="sigmoid",
                      kernel_initializer=initializer, name=expand)(x)
    return layers.Multiply(name=mult)([x, inputs] if gates_first else [inputs, x])


def top(x, *, include_top: bool, pooling: Optional[str], classes: int, classifier_activation,
        pretrained: bool, dropout: float = 0.0, pool_name: str = "avg_pool"):
    """Global average pooling and the classifier, or the optional pooling of a feature extractor."""
    if include_top:
        x = layers.GlobalAveragePooling2D(name=pool_name)(x)
        if dropout > 0:
            x = layers.Dropout(dropout, name="top_dropout")(x)
        if pretrained and classifier_activation not in (None, "softmax"):
            raise ValueError("With pretrained weights, classifier_activation must be None or 'softmax'; "
                             f"got {classifier_activation!r}.")
        return layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name=pool_name)(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name="max_pool")(x)
    return x


def load_imagenet(model, filename: str, url: str, file_hash: str) -> None:
    """Fetch an official weight file and load it.

    ``file_utils.get_file`` is looked up at call time, as ``keras.applications`` does, so
    whoever replaced it (the app's resolver: cache, offline folders, packs, verified
    download) answers."""
    from keras.src.utils import file_utils

    path = file_utils.get_file(filename, url, cache_subdir="models", file_hash=file_hash)
    model.load_weights(path)


def model_function(fn, name: str, doc: str):
    """``fn`` under its public name (the zoo and ``keras.Model`` summaries show it)."""
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = doc
    return fn


def decode_predictions(preds, top: int = 5):
    """``(wnid, class name, score)`` triples per row, the names Keras uses, offline."""
    return labels.decode(preds, top=top)
