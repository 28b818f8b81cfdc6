"""A head with dropout (the Train tab's default head has it): the training step drops units,
so its loss is not the head's deterministic loss, and the validation scores never drop any —
the same features always give the same probabilities, those of the head in inference mode
(the validation loss and accuracy are computed from them).
A small dense head on fixed features with a learning rate of 0, so only dropout can make a
difference."""

from __future__ import annotations

import keras
import numpy as np

from engine.train import head_fit

from .test_head_fit import Recorder, features


def _head_with_dropout(seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dropout(0.5), keras.layers.Dense(3, activation="softmax")])
    return head_fit.HeadFit(model, 0.0, "constant", 1, 1)


def test_training_steps_drop_units_and_scoring_never_does():
    xt, yt = features(16, 0)
    fit = _head_with_dropout()
    deterministic = np.asarray(fit.model(xt, training=False))
    rec = Recorder()
    fit.fit(xt, yt, xt[:0], yt[:0], epochs=1, batch_size=16, seed=0, reporter=rec)
    inference_loss = float(-np.log(deterministic[np.arange(16), yt]).mean())
    assert abs(rec.batch_losses[0] - inference_loss) > 1e-3  # dropout was active in the step
    np.testing.assert_allclose(fit.predict(xt), deterministic, rtol=1e-6)  # and is off when scoring
    np.testing.assert_array_equal(fit.predict(xt), fit.predict(xt))

