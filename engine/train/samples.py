"""The order training reads its samples in, and predictions over a list of samples for the
evaluation, one decoded batch at a time (never all images in memory).  The batches the
augment and fine-tune modes train on come from :mod:`.pixel_data`."""

from __future__ import annotations

import numpy as np


def ordered(samples, shuffle: bool, seed: int) -> list:
    """The samples in the order training reads them: shuffled once with ``seed`` (the same
    order every epoch), or as given."""
    order = np.random.default_rng(seed).permutation(len(samples)) if shuffle else np.arange(len(samples))
    return [samples[i] for i in order]


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
