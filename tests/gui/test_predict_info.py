"""The Predict tab's footer: a file name shows as itself and wraps instead of widening the panel."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from gui.predict.panel import _breakable


def test_markup_in_a_name_is_shown_not_rendered_and_long_names_wrap(qtbot):
    name = "<img src=x>_" + "mobilenet_v2_1.0_224_imagenet_from_coral_tflite.h5"
    text = _breakable(f"{name} · width 0.25, 160 px")
    assert "<img" not in text and "&lt;img" in text
    assert "width 0.25, 160 px" in text  # short words are left alone
    label = QLabel(text + "<br>x")
    label.setWordWrap(True)
    qtbot.addWidget(label)
    label.setFixedWidth(220)
    label.adjustSize()
    assert "<img" not in label.text()
    assert label.heightForWidth(220) > 2 * label.fontMetrics().height()  # the name wrapped onto lines
    assert label.minimumSizeHint().width() <= 220
