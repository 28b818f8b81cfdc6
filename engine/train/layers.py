"""Keras layers of a trained model: the classifier head (the preprocessing layer lives with
the model sources, :mod:`engine.sources.preprocess_layer`, which load it; augmentation runs
in the input pipeline, :mod:`engine.train.augment`)."""

from __future__ import annotations

import keras

from ..sources.preprocess_layer import FamilyPreprocess  # noqa: F401  (bundles saved before it moved)


def head(feature_shape, num_classes: int, pooling: str = "avg", dense=(), dropout: float = 0.2,
         name: str = "head") -> keras.Model:
    """Global average pooling or flatten, optional Dense+Dropout layers, softmax classifier.
    ``pooling="flatten", dense=(256,)`` is the classic Flatten → Dense(256) → Dense(classes)."""
    inputs = keras.Input(feature_shape)
    x = keras.layers.GlobalAveragePooling2D()(inputs) if pooling == "avg" else keras.layers.Flatten()(inputs)
    for units in dense:
        x = keras.layers.Dense(int(units), activation="relu")(x)
        if dropout:
            x = keras.layers.Dropout(dropout)(x)
    if not dense and dropout:
        x = keras.layers.Dropout(dropout)(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="predictions")(x)
    return keras.Model(inputs, outputs, name=name)
