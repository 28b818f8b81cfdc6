"""The inference backend in the Preferences dialog: the saved choice shown, bf16 listed only
where the CPU has it, the choice returned."""

from __future__ import annotations

from engine import preferences
from engine.backends import select


def test_preferences_dialog_offers_the_backends_this_cpu_has(qtbot, monkeypatch):
    from gui.shell.preferences_dialog import PreferencesDialog

    monkeypatch.setattr(select, "openvino_installed", lambda: True)
    monkeypatch.setattr(select, "bf16_available", lambda: False)
    dialog = PreferencesDialog(preferences.Preferences(inference_backend="keras"), ["MobileNetV2"])
    qtbot.addWidget(dialog)
    offered = [dialog.backend.itemData(i) for i in range(dialog.backend.count())]
    assert offered == ["auto", "keras", "openvino"] and dialog.backend.currentData() == "keras"
    dialog.backend.setCurrentIndex(offered.index("openvino"))
    assert dialog.result_preferences().inference_backend == "openvino"

    monkeypatch.setattr(select, "bf16_available", lambda: True)
    fast = PreferencesDialog(preferences.Preferences(inference_backend="openvino-bf16"), ["MobileNetV2"])
    qtbot.addWidget(fast)
    assert fast.backend.currentText() == "OpenVINO fast (bf16)"
    assert fast.result_preferences().inference_backend == "openvino-bf16"
