"""Every numeric argument is checked at the command line, before any work, with a message
that names the option and the allowed values; the Train tab offers the same ranges."""

from __future__ import annotations

import pytest

from engine.cli import main, parser
from engine.train import limits, trainer
from engine.errors import StudioError

pytestmark = pytest.mark.faults

PREDICT = ["predict", "x.jpg", "--model", "MobileNet"]
TRAIN = ["train", "data", "--model", "MobileNet"]
BAD = [
    (PREDICT, "--batch-size", ["0", "-3", "abc", "1.5"]),
    (PREDICT, "--top", ["0", "1e9"]),
    (PREDICT, "--alpha", ["0", "-1", "nan", "inf", "x"]),
    (PREDICT, "--input-size", ["0", "5", "99999"]),
    (TRAIN, "--epochs", ["0", "-1", "1e400"]),
    (TRAIN, "--finetune-epochs", ["-1", "0"]),
    (TRAIN, "--unfreeze", ["0"]),
    (TRAIN, "--lr", ["0", "-0.1", "nan", "Infinity", "5"]),
    (TRAIN, "--batch-size", ["0"]),
    (TRAIN, "--val-split", ["-0.1", "1", "nan"]),
    (TRAIN, "--early-stopping", ["-1"]),
    (TRAIN, "--seed", ["-1", "99999999999"]),
    (TRAIN, "--dense", ["0", "256,-1", "a,b"]),
    (["explain", "x.jpg", "--model", "MobileNet", "--out", "o.png"], "--opacity", ["2", "-0.5", "nan"]),
    (["activations", "x.jpg", "--model", "MobileNet", "--layer", "l", "--out", "o.png"], "--count", ["0"]),
    (["filters", "--model", "MobileNet", "--layer", "l", "--out", "o.png"], "--filters", ["abc", "5-1", "-3", "0-99999"]),
    (["filters", "--model", "MobileNet", "--layer", "l", "--out", "o.png"], "--steps", ["0"]),
    (["benchmark", "--models", "MobileNet"], "--batch", ["0", "", "x"]),
]


@pytest.mark.parametrize("base, option, values", BAD, ids=[f"{b[0]} {o}" for b, o, _ in BAD])
def test_bad_numbers_are_refused_with_the_option_named(base, option, values, capsys):
    for value in values:
        with pytest.raises(SystemExit) as info:
            parser().parse_args(base + [option, value])
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert f"argument {option}" in err and "Traceback" not in err, (option, value, err)


def test_good_values_still_parse():
    args = parser().parse_args(TRAIN + ["--epochs", "3", "--lr", "0.01", "--dense", "256,128", "--val-split", "0"])
    assert (args.epochs, args.lr, args.dense, args.val_split) == (3, 0.01, [256, 128], 0.0)


def test_epochs_zero_never_reaches_training(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["train", str(tmp_path), "--model", "MobileNet", "--epochs", "0"])
    assert "--epochs" in capsys.readouterr().err


def test_engine_callers_get_the_same_check():
    with pytest.raises(StudioError, match="epochs"):
        limits.check(trainer.TrainSettings(epochs=0))
    with pytest.raises(StudioError, match="batch_size"):
        limits.check(trainer.TrainSettings(batch_size=0))
    limits.check(trainer.TrainSettings())


def test_train_tab_spin_boxes_offer_the_command_lines_ranges(qtbot):
    from gui.train.panel import TrainPanel

    panel = TrainPanel()
    qtbot.addWidget(panel)
    assert (panel.epochs.minimum(), panel.epochs.maximum()) == limits.EPOCHS
    assert (panel.unfreeze.minimum(), panel.unfreeze.maximum()) == limits.UNFREEZE
    assert (panel.patience.minimum(), panel.patience.maximum()) == limits.EARLY_STOPPING
    finetune = panel.form.finetune_epochs
    assert (finetune.minimum(), finetune.maximum()) == limits.FINETUNE_EPOCHS
