"""Training under MirroredStrategy on a CPU split into two logical devices (the only way to
run the multi-device path without GPUs): the same accuracy band as one device, mirrored
variables, and a saved bundle that loads and predicts.  TensorFlow's devices are fixed at
its start, so each run happens in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from engine.train import distribute

from ..conftest import MOBILENET_025_NO_TOP, ROOT, needs_fixtures

SCRIPT = r"""
import json, sys, time
t0 = time.perf_counter()
import tensorflow as tf
cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
import numpy as np
from engine.models import from_keras
from engine.train import bundle, dataset, distribute, samples, trainer

data, weights, out, mode, runs = sys.argv[1:6]
report = dataset.scan(data, seed=3)
# TensorFlow splits a last partial batch greedily, so a replica can get no images, and the
# CPU (oneDNN) convolution mishandles an empty batch (it returns its input).  GPU kernels
# take empty batches; on this CPU stand-in both sets must split into non-empty halves.
assert len(report.train) % 12 in (0, 7, 8, 9, 10, 11) and len(report.val) % 12 in (0, 7, 8, 9, 10, 11), \
    (len(report.train), len(report.val))
facts = {"devices": distribute.training_devices(),
         "extract_strategy": distribute.strategy_for("all", "extract") is not None,
         "one_strategy": distribute.strategy_for("one", mode) is not None}
for devices in runs.split(","):
    settings = trainer.TrainSettings(model="MobileNet", alpha=0.25, input_size=64, weights=weights, mode=mode,
                                     epochs=4 if mode == "augment" else 2, finetune_epochs=1, unfreeze=4,
                                     learning_rate=1e-2, finetune_learning_rate=1e-4, early_stopping=0, batch_size=12,
                                     augmentations=["flip"], devices=devices)
    messages = []
    t = time.perf_counter()
    result = trainer.train(report, settings, progress=lambda f, m: messages.append(m))
    kinds = {type(w.value).__name__ for w in result.model.trainable_weights}
    facts[devices] = {"accuracy": result.evaluation.accuracy, "variables": sorted(kinds), "first_message": messages[0],
                      "epochs": len(result.history["loss"]), "seconds": time.perf_counter() - t}
    if devices == "all":
        bundle.save(result.model, trainer.metadata(result, report, "MobileNet"), out)
        loaded = bundle.load_as_loaded_model(out)
        probs = samples.predict_samples(loaded, report.val, "stretch")[0]
        want = samples.predict_samples(from_keras(result.model, lambda x: x), report.val, "stretch")[0]
        facts["bundle_max_diff"] = float(np.abs(probs - want).max())
        facts["bundle_accuracy"] = float(np.mean(probs.argmax(1) == [s.label for s in report.val]))
        facts["bundle_classes"] = loaded.class_names
facts["total_seconds"] = time.perf_counter() - t0
print("FACTS" + json.dumps(facts))
"""


def _colour_squares(root, per_class: int = 20):
    rng = np.random.default_rng(0)
    for name, colour in {"red": (200, 40, 40), "blue": (40, 40, 200), "green": (40, 200, 40)}.items():
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            a = rng.normal(120, 30, (64, 64, 3)).clip(0, 255)
            y, x = rng.integers(0, 40, 2)
            a[y:y + 24, x:x + 24] = colour
            Image.fromarray(a.astype(np.uint8)).save(root / name / f"{i}.png")
    return root


def _run(tmp_path, mode: str, runs: str) -> dict:
    data = _colour_squares(tmp_path / "data")
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(data), str(MOBILENET_025_NO_TOP), str(tmp_path / "bundle"),
                          mode, runs], capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
    assert out.returncode == 0, out.stderr[-4000:]
    facts = json.loads(out.stdout.split("FACTS", 1)[1])
    assert len(facts["devices"]) == 2 and not facts["extract_strategy"] and not facts["one_strategy"]
    mirrored = facts["all"]
    assert mirrored["variables"] == ["MirroredVariable"] and "2 devices" in mirrored["first_message"]
    assert facts["bundle_max_diff"] < 1e-5 and facts["bundle_accuracy"] == mirrored["accuracy"]
    assert facts["bundle_classes"] == ["blue", "green", "red"]
    return facts


def test_one_device_uses_no_strategy_and_unknown_choices_are_refused():
    assert distribute.strategy_for("one", "augment") is None
    assert distribute.strategy_for("all", "augment") is None  # this process has one CPU device
    with pytest.raises(ValueError):
        distribute.strategy_for("every", "augment")


@pytest.mark.slow  # two logical CPUs under a strategy; the one-device path is checked by default
@needs_fixtures
def test_two_logical_devices_train_like_one_and_the_bundle_predicts(tmp_path):
    facts = _run(tmp_path, "augment", "all,one")
    mirrored, single = facts["all"], facts["one"]
    print(f"\naugment: accuracy on 2 logical devices {mirrored['accuracy']:.3f} ({mirrored['seconds']:.0f} s), on one "
          f"{single['accuracy']:.3f} ({single['seconds']:.0f} s); {facts['total_seconds']:.0f} s in the child")
    assert "MirroredVariable" not in single["variables"]
    assert mirrored["epochs"] == single["epochs"] == 4
    assert mirrored["accuracy"] >= 0.75 and single["accuracy"] >= 0.75  # chance is 0.33
    assert abs(mirrored["accuracy"] - single["accuracy"]) <= 0.2


@pytest.mark.slow
@needs_fixtures
def test_fine_tuning_under_the_strategy_unfreezes_recompiles_and_keeps_its_accuracy(tmp_path):
    facts = _run(tmp_path, "finetune", "all")
    mirrored = facts["all"]
    print(f"\nfinetune on 2 logical devices: accuracy {mirrored['accuracy']:.3f} ({mirrored['seconds']:.0f} s)")
    assert mirrored["epochs"] == 3  # both phases ran
    assert mirrored["accuracy"] >= 0.75


def test_cli_devices_all_reaches_the_trainer_and_one_device_says_it_trains_without_the_strategy(tmp_path, monkeypatch):
    from engine.cli import main, train_cmd
    from engine.errors import StudioError

    seen = []

    def fake_train(report, settings, **kwargs):
        seen.append(settings)
        raise StudioError("stop here: the wiring is what this test checks")

    monkeypatch.setattr(train_cmd.trainer, "train", fake_train)
    data = _colour_squares(tmp_path / "data", per_class=2)
    assert main(["train", str(data), "--model", "MobileNet", "--mode", "augment", "--devices", "all"]) == 1
    assert [s.devices for s in seen] == ["all"]
    messages = []
    with distribute.scope("all", "augment", lambda f, m: messages.append(m)) as strategy:
        assert strategy is None  # this process has one CPU device
    with distribute.scope("all", "extract", lambda f, m: messages.append(m)):
        pass
    assert messages == ["One device visible: training without MirroredStrategy",
                        "Feature extraction trains on one device (its epochs run on cached features)"]
