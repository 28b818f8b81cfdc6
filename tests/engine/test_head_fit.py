"""The extract mode's epochs (``HeadFit``) against a recomputation of what they report: the
epoch loss weighted by batch size (the last batch is smaller), the validation loss and
accuracy from the head's own predictions, the stops (NaN, cancel, patience) and the saved
head.  A small dense head on fixed features: seconds, not a model build."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from engine.train import head_fit


class Recorder:
    """Stands in for the trainer's Reporter callback: records what HeadFit tells it."""

    def __init__(self, stop_at_batch=None):
        self.params, self.model, self.events, self.batch_losses = None, None, [], []
        self.stop_at_batch = stop_at_batch

    def set_model(self, model):
        self.model = model

    def set_params(self, params):
        self.params = params

    def on_epoch_begin(self, epoch, logs=None):
        self.events.append(("begin", epoch))

    def on_train_batch_end(self, batch, logs=None):
        self.events.append(("batch", batch))
        self.batch_losses.append(logs["loss"])
        if self.stop_at_batch is not None and len(self.batch_losses) == self.stop_at_batch:
            self.model.stop_training = True

    def on_epoch_end(self, epoch, logs=None):
        self.events.append(("end", epoch, dict(logs)))


def features(n, seed, noise=1.0, dim=6, classes=3):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, n)
    x = rng.normal(0, noise, (n, dim)).astype("float32")
    x[np.arange(n), y] += 1.5
    return x, y


def fitter(lr=0.05, schedule="constant", steps=3, epochs=4, seed=0, hidden=4):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(hidden, activation="relu"),
                              keras.layers.Dense(3, activation="softmax")])
    return head_fit.HeadFit(model, lr, schedule, steps, epochs)


def test_an_epochs_numbers_are_what_its_batches_and_the_head_say():
    xt, yt = features(20, 0)  # batches of 8, 8 and 4
    xv, yv = features(9, 1)
    fit, rec = fitter(), Recorder()
    history = fit.fit(xt, yt, xv, yv, epochs=1, batch_size=8, seed=3, reporter=rec)
    assert rec.params == {"steps": 3, "epochs": 1} and rec.model is fit.model
    assert [e[:2] for e in rec.events] == [("begin", 0), ("batch", 0), ("batch", 1), ("batch", 2), ("end", 0)]
    l0, l1, l2 = rec.batch_losses
    logs = rec.events[-1][2]
    assert logs["loss"] == pytest.approx((8 * l0 + 8 * l1 + 4 * l2) / 20, rel=1e-6)
    probs = fit.predict(xv)
    assert logs["val_accuracy"] == pytest.approx(float((probs.argmax(1) == yv).mean()))
    picked = np.clip(probs[np.arange(9), yv], 1e-7, 1.0)
    assert logs["val_loss"] == pytest.approx(float(-np.log(picked).mean()), rel=1e-5)
    assert 0.0 <= logs["accuracy"] <= 1.0 and (logs["accuracy"] * 20) == pytest.approx(round(logs["accuracy"] * 20))
    assert history == {k: [pytest.approx(v)] for k, v in logs.items()}
    assert fit.traces == 2  # one step and one scorer, whatever the batch size


def test_training_accuracy_counts_the_samples_seen():
    xt, yt = features(16, 0, noise=0.01)  # separable: the head learns it in a few epochs
    fit = fitter(lr=0.1)
    history = fit.fit(xt, yt, xt[:0], yt[:0], epochs=20, batch_size=8, seed=0, reporter=Recorder())
    assert set(history) == {"loss", "accuracy"}  # no validation set: no validation numbers
    assert history["accuracy"][-1] == 1.0 and history["accuracy"][0] < 1.0
    assert history["loss"][-1] < history["loss"][0]


def test_the_same_seed_gives_the_same_epochs_another_seed_another_order():
    xt, yt = features(24, 0)
    xv, yv = features(6, 1)
    runs = [fitter().fit(xt, yt, xv, yv, epochs=2, batch_size=8, seed=s, reporter=Recorder()) for s in (5, 5, 6)]
    assert runs[0] == runs[1] and runs[0]["loss"] != runs[2]["loss"]


def test_a_cancel_stops_within_the_epoch_and_reports_what_was_done():
    xt, yt = features(24, 0)
    xv, yv = features(6, 1)
    rec = Recorder(stop_at_batch=2)
    history = fitter().fit(xt, yt, xv, yv, epochs=5, batch_size=8, seed=0, reporter=rec)
    assert [e[:2] for e in rec.events] == [("begin", 0), ("batch", 0), ("batch", 1), ("end", 0)]
    assert len(history["loss"]) == 1
    l0, l1 = rec.batch_losses
    assert history["loss"][0] == pytest.approx((l0 + l1) / 2, rel=1e-6)  # over the 16 samples seen, not 24


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_a_loss_that_is_not_finite_stops_training_at_once(bad):
    xt, yt = features(24, 0)
    xv, yv = features(6, 1)
    fit, rec = fitter(), Recorder()
    real_step, calls = fit.step, []

    def diverging(x, y):
        calls.append(len(x))
        loss, right = real_step(x, y)
        return (loss * bad if len(calls) == 5 else loss), right  # the second batch of the second epoch

    fit.step = diverging
    history = fit.fit(xt, yt, xv, yv, epochs=5, batch_size=8, seed=0, reporter=rec)
    assert len(calls) == 5 and len(history["loss"]) == 2 and not np.isfinite(history["loss"][1])
    assert not np.isfinite(rec.batch_losses[-1]) and all(np.isfinite(rec.batch_losses[:-1]))
    assert rec.events[-1][0] == "end"  # the epoch is reported (the trainer does not keep it)


def test_patience_restores_the_best_epochs_weights():
    """Early stopping watches the validation loss (engine.train.stopping): with patience 3 over
    40 epochs the patience is a quarter of the run (10) and no stop comes before epoch 14; the
    head ends with the weights of the epoch with the lowest validation loss."""
    xt, yt = features(48, 0)
    xv, yv = features(30, 1, noise=3.0)
    fit = fitter(lr=0.2)
    seen = []

    class Keep(Recorder):
        def on_epoch_end(self, epoch, logs=None):
            seen.append([w.copy() for w in fit.model.get_weights()])
            super().on_epoch_end(epoch, logs)

    history = fit.fit(xt, yt, xv, yv, epochs=40, batch_size=8, seed=0, reporter=Keep(), patience=3)
    n = len(history["val_loss"])
    best = int(np.argmin(history["val_loss"]))  # the first of the lowest
    assert n == max(best + 1 + 10, 14) < 40, (n, best)
    for got, want in zip(fit.model.get_weights(), seen[best]):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("patience, epochs, ran", [(1, 6, 3), (1, 30, 10), (5, 12, 6)])
def test_a_run_that_never_improves_stops_after_its_patience_and_not_before_its_minimum(patience, epochs, ran):
    """Nothing changes (learning rate 0), so the first epoch stays the best: the run stops once
    the patience (the setting, at least a quarter of the epochs) has passed, but not before a
    third of the epochs (at least 3).  Patience 0 runs every epoch, and so does a fit given none."""
    xt, yt = features(24, 0)
    xv, yv = features(12, 1, noise=5.0)
    fit = fitter(lr=0.0)
    history = fit.fit(xt, yt, xv, yv, epochs=epochs, batch_size=8, seed=0, reporter=Recorder(), patience=patience)
    assert len(history["val_loss"]) == ran
    full = fitter(lr=0.0).fit(xt, yt, xv, yv, epochs=6, batch_size=8, seed=0, reporter=Recorder(), patience=0)
    assert len(full["val_loss"]) == 6
    unset = fitter(lr=0.0).fit(xt, yt, xv, yv, epochs=6, batch_size=8, seed=0, reporter=Recorder())
    assert len(unset["val_loss"]) == 6  # early stopping is off unless asked for


def test_predict_in_chunks_equals_one_call_and_an_empty_set_has_the_head_width():
    fit = fitter()
    x, _ = features(10, 2)
    np.testing.assert_allclose(fit.predict(x, chunk=3), fit.predict(x), rtol=1e-6)
    assert fit.predict(x[:0]).shape == (0, 3) and fit.predict(x[:0]).dtype == np.float32


def test_the_cosine_schedule_reaches_zero_after_all_steps():
    fit = fitter(lr=0.5, schedule="cosine", steps=3, epochs=4)
    rate = fit.optimizer._learning_rate
    assert float(rate(0)) == pytest.approx(0.5) and float(rate(12)) == pytest.approx(0.0, abs=1e-6)
    assert float(rate(6)) == pytest.approx(0.25, rel=1e-4)
    constant = fitter(lr=0.5, schedule="constant")
    assert float(constant.optimizer.learning_rate) == pytest.approx(0.5)


def test_the_head_file_round_trips_weights_and_epoch_without_pickle(tmp_path):
    fit = fitter()
    path = tmp_path / "ckpt" / head_fit.HEAD_FILE
    saved = head_fit.save_head(fit.model, path, 7)
    weights, epoch = head_fit.load_head(path)
    assert epoch == 7 and len(weights) == len(fit.model.get_weights()) == 4
    for a, b, c in zip(weights, saved, fit.model.get_weights()):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    assert [p.name for p in path.parent.iterdir()] == [head_fit.HEAD_FILE]  # written atomically, no temp left
    np.savez(path, epoch=np.array(1), w0=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError):
        head_fit.load_head(path)


def test_the_head_file_lies_beside_the_checkpoint():
    assert head_fit.head_path("/runs/a/best.keras") == head_fit.Path("/runs/a/head.npz")
    assert head_fit.head_path(None) is None and head_fit.head_path("") is None


def test_a_one_step_cosine_run_ends_at_zero():
    rate = fitter(lr=0.5, schedule="cosine", steps=1, epochs=1).optimizer._learning_rate
    assert float(rate(0)) == pytest.approx(0.5) and float(rate(1)) == pytest.approx(0.0, abs=1e-6)


def test_labels_of_any_integer_type_train():
    xt, yt = features(16, 0)
    xv, yv = features(6, 1)
    history = fitter().fit(xt, yt.astype(np.int32), xv, yv.astype(np.int32), epochs=1, batch_size=8, seed=0,
                           reporter=Recorder())
    same = fitter().fit(xt, yt, xv, yv, epochs=1, batch_size=8, seed=0, reporter=Recorder())
    assert history == same


def test_a_single_training_image_counts_as_one():
    xt, yt = features(1, 0)
    fit, rec = fitter(), Recorder()
    last = fit.model.layers[-1]
    kernel, bias = (np.zeros_like(w) for w in last.get_weights())
    bias[yt[0]] = 5.0  # the head gets this one image right
    last.set_weights([kernel, bias])
    history = fit.fit(xt, yt, xt[:0], yt[:0], epochs=1, batch_size=8, seed=0, reporter=rec)
    assert history["accuracy"][0] == 1.0 and history["loss"][0] == pytest.approx(rec.batch_losses[0])


def test_a_validation_image_given_zero_probability_costs_a_bounded_loss():
    fit = fitter()
    last = fit.model.layers[-1]
    kernel, bias = (np.zeros_like(w) for w in last.get_weights())
    bias[:] = [-200.0, 0.0, 0.0]  # class 0 underflows to probability 0
    last.set_weights([kernel, bias])
    xv = np.zeros((2, 6), np.float32)
    yv = np.array([0, 1])
    assert fit.predict(xv)[0, 0] == 0.0
    logs = Recorder()
    fit.fit(xv, yv, xv, yv, epochs=1, batch_size=8, seed=0, reporter=logs)
    loss = logs.events[-1][2]["val_loss"]
    assert np.isfinite(loss) and loss == pytest.approx((-np.log(1e-7) - np.log(fit.predict(xv)[1, 1])) / 2, rel=1e-3)
