"""Keras layers of a trained model: augmentation and the classifier head (the preprocessing
layer lives with the model sources, :mod:`engine.sources.preprocess_layer`, which load it)."""

from __future__ import annotations

import keras

from ..sources.preprocess_layer import FamilyPreprocess  # noqa: F401  (bundles saved before it moved)

AUGMENTATIONS = {
    "flip": lambda: keras.layers.RandomFlip("horizontal"),
    "rotation": lambda: keras.layers.RandomRotation(0.08),
    "zoom": lambda: keras.layers.RandomZoom(0.15),
    "contrast": lambda: keras.layers.RandomContrast(0.2),
    "translation": lambda: keras.layers.RandomTranslation(0.1, 0.1),
}


def augmentation(names) -> keras.Sequential:
    """The chosen augmentations, on raw pixels (before preprocessing), active in training only."""
    unknown = set(names) - set(AUGMENTATIONS)
    if unknown:
        raise ValueError(f"unknown augmentation(s) {sorted(unknown)}; choose from {sorted(AUGMENTATIONS)}")
    return keras.Sequential([AUGMENTATIONS[n]() for n in names], name="augmentation")


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
