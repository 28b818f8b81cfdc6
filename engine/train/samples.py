"""The training images as pixels: a ``tf.data`` pipeline for the frozen-base modes (decode
in parallel, prefetched, a refused file weighted 0) and predictions over a list of samples
for the evaluation, one decoded batch at a time (never all images in memory)."""

from __future__ import annotations

import numpy as np


def ordered(samples, shuffle: bool, seed: int) -> list:
    """The samples in the order training reads them: shuffled once with ``seed`` (the same
    order every epoch), or as given."""
    order = np.random.default_rng(seed).permutation(len(samples)) if shuffle else np.arange(len(samples))
    return [samples[i] for i in order]


def pixels_dataset(samples, size: int, policy: str, batch: int, shuffle: bool, seed: int, skipped: list):
    """(float pixels, labels, sample weights) batches; a file the loader refuses gets weight 0
    (neither trained on nor scored) and is noted in ``skipped``.

    The dataset check already refused such files (same decoder); this catches a file that
    changed since, instead of training on a black image.  Weights, not a filter, keep the
    number of batches known (Keras warns about "running out of data" otherwise).
    """
    import tensorflow as tf

    from ..predict import file_dataset

    samples = ordered(samples, shuffle, seed)
    files = [s.path for s in samples]
    labels = np.array([s.label for s in samples], np.int32)
    noted: set = set()

    def note(errors):
        for err in errors:
            if err and err not in noted:
                noted.add(err)
                skipped.append(("", err.decode("utf-8", "replace")))
        return np.array([0.0 if err else 1.0 for err in errors], np.float32)

    def weights(errors):
        w = tf.numpy_function(note, [errors], tf.float32, stateful=True)
        w.set_shape([None])
        return w

    pixels = file_dataset(files, size, policy, batch)
    ds = tf.data.Dataset.zip(pixels, tf.data.Dataset.from_tensor_slices(labels).batch(batch))
    return ds.map(lambda xe, y: (tf.cast(xe[0], tf.float32), y, weights(xe[1])))


def predict_samples(loaded, samples, policy: str):
    """(probabilities of the readable samples, their indices, (path, message) of the others)."""
    from ..predict import decoded_batches

    out, kept, failed = [], [], []
    done = 0
    for pixels, errors in decoded_batches([s.path for s in samples], loaded.input_size, policy, 32):
        good = [j for j, e in enumerate(errors) if not e]
        if good:
            out.append(np.asarray(loaded.call(pixels[good])))
        kept += [done + j for j in good]
        failed += [(samples[done + j].path, e) for j, e in enumerate(errors) if e]
        done += len(errors)
    probs = np.concatenate(out) if out else np.zeros((0, loaded.num_classes))
    return probs, kept, failed
