"""Split execution in the augment and fine-tune modes: the frozen part of the base on
OpenVINO, the rest in Keras.  The numbers must stay those of the Keras-only run with the
same seed (loss curves within 1e-3 per epoch, the same validation accuracy), the saved
model must predict like the one in memory, a prefix that cannot run on OpenVINO must fall
back to Keras saying why, and cancel, resume and continue must work as before.

The real MobileNet (alpha 0.25) base and the fixture's cat/dog/hotdog photos, augmented
into folders; 96 px inputs keep the default suite quick (fine-tuning's two phases, bf16, the
fallbacks of a prefix that does not convert or disagrees are marked slow; the explain tests
check the same fallback by default).
"""

from __future__ import annotations

import numpy as np
import pytest

from engine.backends import convert
from engine.jobs import CancelToken
from engine.train import bundle, dataset, resume, trainer

from ..conftest import MOBILENET_025_NO_TOP, needs_fixtures
from .test_train import _augmented_fixture_folders

pytestmark = needs_fixtures


@pytest.fixture(scope="module")
def pets(tmp_path_factory):
    train_dir, val_dir = _augmented_fixture_folders(tmp_path_factory.mktemp("pets"))
    return dataset.scan(train_dir, val_folder=val_dir)


@pytest.fixture(autouse=True)
def own_home(tmp_path_factory, monkeypatch):
    # one converted-model cache for the module: a second run reads the conversion from disk
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path_factory.getbasetemp() / "split-home"))


def settings(mode="augment", backend="openvino", **kw):
    base = dict(model="MobileNet", alpha=0.25, input_size=96, weights=str(MOBILENET_025_NO_TOP), mode=mode,
                epochs=2, finetune_epochs=2, unfreeze=6, learning_rate=2e-3, finetune_learning_rate=1e-4,
                early_stopping=0, batch_size=16, backend=backend)
    base.update(kw)
    return trainer.TrainSettings(**base)


_runs: dict = {}


def run(report, **kw):
    key = tuple(sorted(kw.items()))
    if key not in _runs:
        _runs[key] = trainer.train(report, settings(**kw))
    return _runs[key]


def _curves_agree(a, b, tol=1e-3):
    for k in ("loss", "val_loss", "accuracy", "val_accuracy"):
        assert len(a.history[k]) == len(b.history[k]), k
        np.testing.assert_allclose(a.history[k], b.history[k], atol=tol, err_msg=k)


def test_augment_mode_split_trains_like_keras_only(pets):
    keras_only = run(pets, backend="keras")
    split = run(pets)
    assert keras_only.execution == ["every layer on Keras (TensorFlow, CPU)"]
    assert split.execution == ["MobileNet base on OpenVINO f32, the head on Keras (split execution)"]
    _curves_agree(split, keras_only)
    assert split.history["loss"][-1] < split.history["loss"][0]  # it did learn
    assert split.evaluation.accuracy == keras_only.evaluation.accuracy
    assert split.evaluation.confusion == keras_only.evaluation.confusion


def test_the_saved_model_predicts_like_the_one_in_memory(pets, tmp_path):
    split = run(pets)
    folder = bundle.save(split.model, trainer.metadata(split, pets, "MobileNet"), tmp_path / "models" / "pets")
    loaded = bundle.load_as_loaded_model(folder)
    x = np.random.default_rng(1).integers(0, 255, (4, 96, 96, 3), dtype=np.uint8)
    np.testing.assert_allclose(loaded.run(x), np.asarray(split.model(x.astype("float32"), training=False)),
                               atol=1e-5)
    meta = bundle.load(folder)[1]
    assert meta["execution"] == split.execution


@pytest.mark.slow
def test_fine_tuning_splits_below_the_unfrozen_layers_and_trains_like_keras_only(pets):
    keras_only = run(pets, mode="finetune", backend="keras")
    split = run(pets, mode="finetune")
    head, tune = split.execution
    assert head.startswith("training the head: MobileNet base on OpenVINO f32")
    # unfreeze=6: conv_pw_13, conv_dw_13, conv_pw_12, conv_dw_12, conv_pw_11, conv_dw_11 train;
    # the cut is below conv_dw_11, whose input crosses
    assert tune.startswith("fine-tuning: MobileNet up to conv_pw_10_relu on OpenVINO f32, the unfrozen layers")
    _curves_agree(split, keras_only)
    assert split.evaluation.accuracy == keras_only.evaluation.accuracy


def few(report):
    """A third of the images: enough for the runs that only check where the layers ran."""
    import dataclasses

    return dataclasses.replace(report, train=report.train[::3], val=report.val[::3])


@pytest.mark.slow  # ~11 s (a Keras-only run of its own); test_explain_split.py checks the same fallback by default
def test_a_prefix_that_does_not_convert_falls_back_to_keras_with_a_notice(pets, monkeypatch):
    def refuse(*a, **kw):
        raise RuntimeError("unsupported operation FancyOp")

    monkeypatch.setattr(convert, "function_to_openvino", refuse)
    messages = []
    res = trainer.train(few(pets), settings(input_size=80, epochs=1), progress=lambda f, m: messages.append(m))
    (line,) = res.execution
    assert line.startswith("every layer on Keras") and "OpenVINO could not run MobileNet base" in line
    assert "FancyOp" in line and any("FancyOp" in m for m in messages)
    assert len(res.history["loss"]) == 1


@pytest.mark.slow  # ~14 s (a conversion of its own); the fallback itself is the test above's
def test_a_prefix_that_disagrees_with_keras_is_not_used(pets, monkeypatch):
    from engine.backends import prefix

    real = prefix.combined_check

    def off_by_a_lot(refs, outs, precision):
        return real(refs, [o + 1.0 for o in outs], precision)

    monkeypatch.setattr(prefix, "combined_check", off_by_a_lot)
    res = trainer.train(few(pets), settings(input_size=112, epochs=1))  # a size of its own: checked, not recalled
    (line,) = res.execution
    assert line.startswith("every layer on Keras") and "differ from Keras'" in line


def test_cancel_keeps_the_best_epoch_and_resume_continues_under_split(pets, tmp_path):
    token = CancelToken()
    ckpt = tmp_path / "run" / "checkpoint.keras"
    losses = {}

    def on_epoch(epoch, logs):
        losses[epoch] = logs.get("val_loss")
        if epoch == 2:
            token.cancel()

    with pytest.raises(trainer.TrainingCancelled) as info:
        trainer.train(pets, settings(epochs=6, learning_rate=5e-3), checkpoint=str(ckpt), cancel=token,
                      on_epoch=on_epoch)
    finished = {e: v for e, v in losses.items() if e <= 2}
    assert info.value.best_epoch == min(finished, key=lambda e: (finished[e], e))
    start = resume.load_start(ckpt)
    rest = trainer.train(pets, settings(epochs=2), start=start)
    assert rest.execution[0].startswith("MobileNet base on OpenVINO f32") and len(rest.history["loss"]) == 2
    # continued from the kept weights: its first epoch starts where the kept epoch ended, not from scratch
    fresh = run(pets)
    assert rest.history["val_loss"][0] < fresh.history["val_loss"][0]


def test_the_prefix_conversion_is_kept_and_reused(pets):
    run(pets)  # converted (or found) once for this base, size and cut
    before = convert.conversions
    again = trainer.train(few(pets), settings(epochs=1))
    assert convert.conversions == before and "split execution" in again.execution[0]


@pytest.mark.slow
def test_bf16_is_a_visible_choice_with_its_measured_difference(pets):
    from engine import backends

    res = trainer.train(pets, settings(backend="openvino-bf16", epochs=2))
    (line,) = res.execution
    if backends.bf16_available():
        assert "OpenVINO fast (bf16)" in line and "bf16: features within" in line
    else:
        assert "this CPU has no native bf16" in line and "OpenVINO f32" in line
