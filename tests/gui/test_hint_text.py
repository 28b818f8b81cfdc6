"""The Train tab's hints wrap in a narrow column instead of being cut after a few words."""

from __future__ import annotations

import numpy as np

from gui.widgets.hint_text import HintTextBrowser


def _ink_rows(widget) -> np.ndarray:
    """Rows of the viewport holding text (pixels darker than the background)."""
    from PySide6.QtGui import QImage

    image = widget.viewport().grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    bits = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height).reshape(height, -1)[:, :width]
    background = np.median(bits)
    return np.flatnonzero((np.abs(bits.astype(int) - background) > 40).any(axis=1))


def _lines(rows: np.ndarray) -> int:
    return 0 if rows.size == 0 else 1 + int((np.diff(rows) > 1).sum())


def test_the_placeholder_wraps_to_the_width_and_goes_once_there_is_text(qtbot):
    view = HintTextBrowser()
    qtbot.addWidget(view)
    hint = "Choose a training folder: its classes, a few images of each and any problems show here."
    view.setPlaceholderText(hint)
    view.resize(220, 160)
    view.show()
    qtbot.wait(20)
    assert view.placeholderText() == hint
    assert _lines(_ink_rows(view)) >= 3  # the whole sentence, on several lines
    view.setHtml("<b>3 classes</b>")
    qtbot.wait(20)
    assert _lines(_ink_rows(view)) == 1  # the report alone: the hint is gone
