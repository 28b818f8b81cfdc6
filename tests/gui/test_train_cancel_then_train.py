"""The kept checkpoint of a cancelled run is discarded when a fresh Train starts instead of
Resume: the file goes, the Use/Discard/Resume row goes, and the new run starts from the zoo
base, not from the cancelled one (and leaves no checkpoint of its own behind)."""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image


def test_a_fresh_train_after_a_cancel_discards_the_kept_checkpoint(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "shapes"
    for c, col in {"red": (200, 30, 30), "blue": (30, 30, 200)}.items():
        (data / c).mkdir(parents=True)
        for i in range(4):
            Image.new("RGB", (32, 32), tuple(v + i for v in col)).save(data / c / f"{i}.png")
    panel, tc = window.train_panel, window.trainer
    panel.folder.setText(str(data))
    panel.model.setCurrentText("MobileNet")
    panel.mode.setCurrentIndex(panel.mode.findData("extract"))
    panel.epochs.setValue(1000)  # head epochs take milliseconds: cancel during the run
    panel.patience.setValue(0)
    cancel = tc.epoch_logged.connect(lambda e, logs: tc.job.cancel())
    with qtbot.waitSignal(tc.cancelled, timeout=240_000) as got:
        panel.start.click()
    tc.epoch_logged.disconnect(cancel)
    kept = got.args[0]
    assert kept is not None and Path(kept.checkpoint).is_file() and not panel.kept_box.isHidden()

    panel.epochs.setValue(1)
    with qtbot.waitSignal(tc.trained, timeout=240_000) as got:
        panel.start.click()
    assert not Path(kept.checkpoint).exists() and tc.kept is None and panel.kept_box.isHidden()
    result, folder = got.args
    assert not result.cancelled and result.settings.continued_from == "" and result.settings.epochs == 1
    models = Path(os.environ["PRETRAINED_STUDIO_HOME"]) / "models"
    assert [p.name for p in models.iterdir()] == [Path(folder).name]  # no checkpoint left beside it
