"""What a training run says while it runs: fine-tuning names its phase and counts its own
epochs (it said "epoch 12 of 15"); the kept checkpoint's epoch is remembered."""

from __future__ import annotations

from engine.train.trainer import _callback_class


def _reporter(**kw):
    messages = []
    rep = _callback_class()(lambda f, m: messages.append((f, m)), None, None, 15, None, **kw)
    rep.set_params({"steps": 4})
    return rep, messages


def test_fine_tuning_progress_names_its_phase():
    rep, messages = _reporter(start_epoch=10, phase="fine-tuning", phase_epochs=5)
    rep.on_epoch_begin(1)
    rep.on_train_batch_end(0, {"loss": 0.5})
    fraction, text = messages[-1]
    assert text == "fine-tuning: epoch 2 of 5, batch 1 of 4, loss 0.500"
    assert abs(fraction - (10 + 1 + 0.25) / 15) < 1e-9  # the bar still counts the whole run


def test_single_phase_progress_counts_the_whole_run():
    rep, messages = _reporter()
    rep.on_epoch_begin(2)
    rep.on_train_batch_end(3, {"loss": 0.25})
    assert messages[-1][1] == "epoch 3 of 15, batch 4 of 4, loss 0.250"


def test_the_best_epoch_is_remembered_across_phases(tmp_path):
    """The best epoch is the lowest validation loss (what early stopping watches); its
    accuracy is remembered beside it, and a better accuracy alone does not replace it."""
    saved = []
    rep, _ = _reporter(start_epoch=10, best=0.6, best_epoch=4, best_accuracy=0.5)
    rep.checkpoint = str(tmp_path / "c.keras")
    rep.saver = lambda: type("M", (), {"save": lambda self, p: saved.append(p)})()
    rep.on_epoch_begin(0)
    rep.on_epoch_end(0, {"val_loss": 0.7, "val_accuracy": 0.9})  # worse than the head phase's best: nothing saved
    assert rep.best_epoch == 4 and not saved and rep.best_accuracy == 0.5
    rep.on_epoch_begin(1)
    rep.on_epoch_end(1, {"val_loss": 0.55, "val_accuracy": 0.4, "loss": 0.9})
    assert rep.best_epoch == 12 and rep.best == 0.55 and rep.best_accuracy == 0.4 and len(saved) == 1
    rep.on_epoch_begin(2)
    rep.on_epoch_end(2, {"loss": 0.1, "val_accuracy": 1.0})  # no validation loss: the training loss counts
    assert rep.best_epoch == 13 and rep.best == 0.1 and len(saved) == 2


def test_fast_batches_are_reported_at_a_bounded_rate():
    rep, messages = _reporter()
    rep.set_params({"steps": 2000})
    rep.on_epoch_begin(0)
    for b in range(2000):  # a head on cached features: thousands of batches a second
        rep.on_train_batch_end(b, {"loss": 0.5})
    assert len(rep.batch_losses) == 2000
    assert 1 <= len(messages) < 200 and messages[-1][1].startswith("epoch 1 of 15, batch 2000 of 2000")
