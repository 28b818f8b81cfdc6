"""The Train tab offers "all GPUs" only when more than one is visible, and passes it on."""

from __future__ import annotations

from engine.device import DeviceInfo
from gui.runtime import tasks


def _ready(gpus: int) -> tasks.Ready:
    return tasks.Ready(DeviceInfo("GPU" if gpus else "CPU", "test", gpus=tuple(f"GPU {i}" for i in range(gpus))),
                       0.0, ())


def test_all_gpus_option_shows_only_with_several_gpus_and_reaches_the_settings(window):
    panel, tc = window.train_panel, window.trainer
    assert not panel.all_gpus.isVisibleTo(panel)  # this machine: no GPU
    assert tc.settings().devices == "one"
    window.engine_ready.emit(_ready(2))
    assert panel.all_gpus.isVisibleTo(panel) and "2 GPUs" in panel.all_gpus.text()
    assert tc.settings().devices == "one"  # offered, not chosen
    panel.all_gpus.setChecked(True)
    assert tc.settings().devices == "all"
    window.engine_ready.emit(_ready(1))
    assert not panel.all_gpus.isVisibleTo(panel) and tc.settings().devices == "one"
