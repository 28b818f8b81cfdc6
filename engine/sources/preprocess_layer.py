"""Preprocessing as a named, registered Keras layer (not a Lambda), so that a model that
takes raw 0–255 pixels saves and loads with ``safe_mode=True``: our trained bundles, and a
model file fine-tuned further (its preprocessing is one of
:data:`engine.sources.preprocessing.SCALES` or a family's)."""

from __future__ import annotations

import keras

from . import preprocessing


@keras.saving.register_keras_serializable(package="pretrained_studio")
class FamilyPreprocess(keras.layers.Layer):
    """Applies a preprocessing choice inside the model: a family's ``preprocess_input``
    (``keras.applications.<family>`` or ours) or a scale (``minus1to1``, ``0to1``, ``none``)."""

    def __init__(self, family: str, **kwargs):
        super().__init__(**kwargs)
        self.family = family
        self._fn = preprocessing.function(family)

    def call(self, x):
        return self._fn(keras.ops.cast(x, "float32"))

    def get_config(self):
        return {**super().get_config(), "family": self.family}
