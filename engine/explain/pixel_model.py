"""A Keras model taking raw 0–255 pixels (preprocessing inside), for tf-explain's methods:
its occlusion patches are mid-grey and its baselines black *in pixel space*, as a person
would expect, whatever preprocessing the family uses."""

from __future__ import annotations

from .base import Target


def pixel_model(target: Target):
    store = target.cache()
    wrapped = store.get("pixel_model")
    if wrapped is None:
        import keras

        size = target.loaded.input_size
        preprocess = target.preprocess()
        inputs = keras.Input((size, size, 3), name="pixels")
        outputs = target.model(keras.layers.Lambda(preprocess, name="preprocess")(inputs), training=False)
        wrapped = store["pixel_model"] = keras.Model(inputs, outputs, name="pixels_to_scores")
    return wrapped
