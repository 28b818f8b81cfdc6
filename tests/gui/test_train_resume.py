"""Resume after a cancel, as the Train tab shows it: the epochs go on from the kept one (the
curves, the status bar and the saved model's history count on), and the curves mark where the
run resumed."""

from __future__ import annotations

import re

import pytest
from PIL import Image

from engine.train import bundle


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "shapes"
    for c, col in {"red": (200, 30, 30), "blue": (30, 30, 200)}.items():
        (data / c).mkdir(parents=True)
        for i in range(6):
            Image.new("RGB", (40, 40), tuple(v + 5 * i for v in col)).save(data / c / f"{i}.png")
    return data


def test_resume_numbers_the_epochs_on_and_marks_where_it_resumed(window, qtbot, shapes, monkeypatch):
    from gui.train import curves

    drawn = []
    original = curves.draw
    monkeypatch.setattr(curves, "draw", lambda fig, *a: (original(fig, *a), drawn.append(fig))[0])
    panel, tc = window.train_panel, window.trainer
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    panel.mode.setCurrentIndex(panel.mode.findData("extract"))
    total = 300  # head epochs take milliseconds: enough of them to cancel during the run
    panel.epochs.setValue(total)
    panel.patience.setValue(0)
    cancel = tc.epoch_logged.connect(lambda e, logs: e >= 4 and tc.job.cancel())
    with qtbot.waitSignal(tc.cancelled, timeout=240_000) as got:
        panel.start.click()
    tc.epoch_logged.disconnect(cancel)
    kept = got.args[0]
    best = kept.best_epoch
    assert best >= 1 and f"epoch {best} (validation" in panel.message.text()

    epochs, messages, live = [], [], []
    tc.epoch_logged.connect(lambda e, logs: epochs.append(e))
    tc.curves_drawn.connect(lambda _n: tc.is_training() and live.append(len(tc.epochs_seen)))
    window.client.job_progress.connect(lambda job, f, m, eta: messages.append(m))
    with qtbot.waitSignal(tc.trained, timeout=240_000) as got:
        panel.resume.click()
    result, folder = got.args
    assert epochs == list(range(best + 1, total + 1))  # on from the kept epoch, not from 1
    assert live  # the curves were drawn while the run went on (epochs of milliseconds starved them)
    assert tc.epochs_seen == list(range(1, total + 1))
    counted = [int(m.group(1)) for m in map(re.compile(r"^epoch (\d+) of (\d+)").match, messages) if m]
    assert counted and min(counted) == best + 1 and all(f"of {total}," in m for m in messages if m.startswith("epoch"))
    assert panel.message.text().startswith(f"Resumed from epoch {best}")
    assert len(bundle.load(folder)[1]["history"]["loss"]) == total  # the kept epochs, then the resumed ones
    qtbot.waitUntil(lambda: drawn and any(ln.get_label() == f"resumed from epoch {best}"
                                          for ln in drawn[-1].axes[0].lines), timeout=30_000)
    loss = next(ln for ln in drawn[-1].axes[0].lines if ln.get_label() == "loss")
    assert list(loss.get_xdata()) == list(range(1, total + 1))


def test_curves_keep_drawing_while_epochs_come_faster_than_a_render(qtbot, monkeypatch):
    """Epochs of a few milliseconds: each render is finished and shown, the epochs that came
    meanwhile drawn next — not every render cancelled by the next epoch (the curves stayed blank)."""
    import time

    import numpy as np

    from gui.runtime.worker import EngineClient
    from gui.train import live_curves, tasks as train_tasks
    from gui.train.chart_image import Chart
    from gui.train.panel import TrainPanel

    def slow_render(history, *args):
        def run(ctx):
            time.sleep(0.15)  # a matplotlib render on a loaded machine
            return Chart(np.zeros((4, 4, 4), np.uint8), 2)
        return run

    monkeypatch.setattr(train_tasks, "render_curves", slow_render)
    client = EngineClient()
    panel = TrainPanel()
    qtbot.addWidget(panel)
    epochs = []
    curves = live_curves.LiveCurves(client, panel, lambda: ({"loss": list(epochs)}, [], None, list(epochs), 0))
    shown = []
    curves.drawn.connect(lambda n: shown.append(len(epochs)))
    try:
        for e in range(60):  # 60 epochs, one every 10 ms
            epochs.append(e)
            curves.draw()
            qtbot.wait(10)
        during = list(shown)
        qtbot.waitUntil(lambda: shown and shown[-1] == 60, timeout=10_000)
    finally:
        client.shutdown()
    assert len(during) >= 2  # the curves followed the run, not only its end
    assert len(shown) <= 10  # requests that came during a render were drawn together, once
