"""A file that turns bad after the dataset check (replaced, cut short) is skipped and listed
by every training mode and by the evaluation — never cached as missing, never trained on
or scored as a black image."""

from __future__ import annotations

import os

import numpy as np
import pytest

from engine.train import dataset, pixel_data, samples, trainer

from .hostile import jpeg_bytes

pytestmark = pytest.mark.faults


@pytest.fixture
def report_with_two_spoiled(tmp_path, home):
    for cls, colour in (("red", (200, 40, 40)), ("blue", (40, 40, 200))):
        (tmp_path / "d" / cls).mkdir(parents=True)
        for i in range(5):
            (tmp_path / "d" / cls / f"{i}.jpg").write_bytes(jpeg_bytes((40, 40), colour))
    report = dataset.scan(tmp_path / "d", seed=3)
    assert not report.unreadable
    spoiled = [report.train[0].path, report.val[0].path]
    for path in spoiled:  # after the check: cut short
        data = open(path, "rb").read()
        open(path, "wb").write(data[: len(data) // 2])
    return report, {os.path.basename(p) for p in spoiled}


@pytest.mark.parametrize("mode", ["extract", "augment"])
def test_a_file_spoiled_after_the_check_is_skipped_and_listed(report_with_two_spoiled, mode):
    report, spoiled = report_with_two_spoiled
    settings = trainer.TrainSettings(model="MobileNet", alpha=0.25, input_size=32, weights=None, mode=mode,
                                     epochs=1, early_stopping=0, batch_size=4, augmentations=["flip"])
    result = trainer.train(report, settings)
    listed = " ".join(message for _, message in result.skipped)
    assert all(name in listed for name in spoiled), listed
    assert "truncated" in listed
    scored = int(np.sum(result.evaluation.confusion))
    assert scored == len(report.val) - 1  # the spoiled validation image is not scored


def test_the_spoiled_file_weighs_nothing_in_training_batches(report_with_two_spoiled):
    report, spoiled = report_with_two_spoiled
    skipped: list = []
    data = pixel_data.from_samples(samples.ordered(report.train, False, 0), 32, "stretch", 4, skipped)
    weights = np.concatenate([w for _, _, w in data.batches(0)])
    again = np.concatenate([w for _, _, w in data.batches(1)])  # the next epoch reads the kept pixels
    np.testing.assert_array_equal(weights, again)
    paths = [s.path for s in report.train]
    assert [p for p, w in zip(paths, weights) if w == 0] == [report.train[0].path]  # the one spoiled
    assert weights.sum() == len(paths) - 1 and len(skipped) == 1
