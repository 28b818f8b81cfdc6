"""What happens during the epochs: nothing is traced twice, a cancel in each mode keeps the
best epoch's model (its predictions, not merely a loadable file), and early stopping and
the cosine schedule each change the run."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from engine import models
from engine.jobs import CancelToken
from engine.train import dataset, features, head_fit, layers, trainer

from .test_train import own_home, settings, synthetic  # noqa: F401  (fixtures)


class _Watch:
    """Captures the run's base and head so an epoch callback can snapshot the model."""

    def __init__(self, monkeypatch):
        self.base = self.head = self.spec = None
        self.fitters = []
        real_build, real_head, real_fit = trainer.build_base, layers.head, head_fit.HeadFit
        watch = self

        def build_base(*a, **kw):
            base, spec = real_build(*a, **kw)
            watch.base, watch.spec = base, spec
            return base, spec

        def head(*a, **kw):
            watch.head = real_head(*a, **kw)
            return watch.head

        class Fit(real_fit):
            def __init__(self, *a, **kw):
                super().__init__(*a, **kw)
                watch.fitters.append(self)

        monkeypatch.setattr(trainer, "build_base", build_base)
        monkeypatch.setattr(layers, "head", head)
        monkeypatch.setattr(head_fit, "HeadFit", Fit)

    def predictions(self, pixels):
        model = trainer.full_model(self.base.model, self.head, self.spec, self.base.input_size)
        return np.asarray(model(pixels.astype("float32"), training=False))


def test_nothing_is_traced_twice(synthetic, monkeypatch):  # noqa: F811
    watch = _Watch(monkeypatch)
    r = dataset.scan(synthetic)
    assert len(r.train) % 32 and len(r.train) % 20  # a last, smaller batch while caching and training
    before = models.TRACES["compiled_call"]
    trainer.train(r, settings("extract", epochs=4, batch_size=20))
    assert models.TRACES["compiled_call"] - before == 1  # the base's batch call, once, for every batch size
    assert watch.fitters[-1].traces == 2  # the head's step and its scorer, once each over 4 epochs
    files = [s.path for s in r.train + r.val][:33]  # batches of 32 and of 1
    before = models.TRACES["compiled_call"]
    features.FeatureCache("other", None, 48, "stretch", max_bytes=1 << 30).features(watch.base, files)
    assert models.TRACES["compiled_call"] == before  # not even for a last batch of one image
    before = models.TRACES["compiled_call"]
    trainer.train(r, settings("extract", epochs=2, batch_size=20))  # everything cached: the base never runs
    assert models.TRACES["compiled_call"] == before


@pytest.mark.parametrize("mode", ["extract", "augment", pytest.param("finetune", marks=pytest.mark.slow)])
def test_a_cancel_keeps_the_best_epochs_model(synthetic, tmp_path, monkeypatch, mode):  # noqa: F811
    watch = _Watch(monkeypatch)
    r = dataset.scan(synthetic)
    probe = np.random.default_rng(5).integers(0, 255, (6, 32, 32, 3), dtype=np.uint8)
    token, seen, val_loss = CancelToken(), {}, {}
    stop = {"extract": 5, "augment": 3, "finetune": 3}[mode]

    def on_epoch(epoch, logs):
        seen[epoch] = watch.predictions(probe)
        val_loss[epoch] = logs["val_loss"]
        if epoch == stop:
            token.cancel()

    ckpt = tmp_path / "run" / "checkpoint.keras"
    kw = dict(epochs=stop if mode == "finetune" else 10, finetune_epochs=3, learning_rate=2e-2,
              model="MobileNet", alpha=0.25, input_size=32)  # small and fast: the base runs every epoch
    with pytest.raises(trainer.TrainingCancelled) as info:
        trainer.train(r, settings(mode, **kw), checkpoint=str(ckpt), cancel=token, on_epoch=on_epoch)
    finished = [e for e in sorted(val_loss) if e <= stop]
    best = min(finished, key=lambda e: (val_loss[e], e))  # the first epoch with the lowest validation loss
    assert info.value.best_epoch == best, (val_loss, info.value.best_epoch)
    kept = keras.saving.load_model(ckpt, safe_mode=True)
    np.testing.assert_allclose(np.asarray(kept(probe.astype("float32"), training=False)), seen[best], atol=1e-5)


def _fit_head(xt, yt, **kw):
    """A small head trained by HeadFit on fixed features; returns (history, fitter, weights per epoch)."""
    keras.utils.set_random_seed(0)
    model = layers.head((8,), 3, "flatten", [], 0.0)
    epochs = kw.pop("epochs", 8)
    fitter = head_fit.HeadFit(model, kw.pop("lr", 0.05), kw.pop("schedule", "constant"), int(np.ceil(len(xt) / 8)),
                              epochs)
    weights = []

    rep = trainer._callback_class()(None, None, lambda e, logs: weights.append(model.get_weights()[0].copy()),
                                    epochs, None)
    history = fitter.fit(xt, yt, *kw.pop("val"), epochs=epochs, batch_size=8, seed=0, reporter=rep, **kw)
    return history, fitter, weights


def _features(n, seed, noise=1.0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    x = rng.normal(0, noise, (n, 8)).astype("float32")
    x[np.arange(n), y] += 1.0
    return x, y


def test_early_stopping_stops_and_restores_the_best_epoch():
    xt, yt = _features(48, 0)
    xv, yv = _features(30, 1, noise=3.0)  # a noisy validation set: its loss turns up early (overfitting)
    full, _, _ = _fit_head(xt, yt, val=(xv, yv), epochs=30, patience=0, lr=0.2)
    assert len(full["loss"]) == 30
    stopped, fitter, _ = _fit_head(xt, yt, val=(xv, yv), epochs=30, patience=2, lr=0.2)
    n = len(stopped["val_loss"])
    assert n < 30, stopped["val_loss"]
    best = int(np.argmin(stopped["val_loss"]))
    # patience 2 is raised to a quarter of the 30 epochs (8); no stop before epoch 10
    assert n == max(best + 1 + 8, 10)
    probs = fitter.predict(xv)
    now = float(-np.log(np.clip(probs[np.arange(len(yv)), yv], 1e-7, 1.0)).mean())
    assert now == pytest.approx(min(stopped["val_loss"]), abs=1e-6)  # the best epoch's weights are back


def test_the_cosine_schedule_winds_the_learning_rate_down():
    xt, yt = _features(48, 0)
    xv, yv = _features(12, 1)

    def last_step(schedule):
        _, _, w = _fit_head(xt, yt, val=(xv, yv), epochs=6, schedule=schedule)
        return np.abs(w[-1] - w[-2]).max(), np.abs(w[1] - w[0]).max()

    const_last, const_early = last_step("constant")
    cos_last, cos_early = last_step("cosine")
    assert cos_early > 0.5 * const_early  # it starts near the given rate ...
    assert cos_last < 0.2 * const_last  # ... and the last epoch barely moves the weights
