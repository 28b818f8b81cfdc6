"""A read-only rich-text view whose placeholder wraps.

Qt's text views draw their placeholder on one line: in a narrow column (the Train tab at
1024×768 with the model list open) the hint was cut after a few words.  This view draws the
placeholder itself, wrapped to the viewport, while the document is empty.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QTextBrowser


class HintTextBrowser(QTextBrowser):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._hint = ""

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._hint = text or ""
        super().setPlaceholderText("")  # Qt's own one-line drawing stays off
        self.viewport().update()

    def placeholderText(self) -> str:  # noqa: N802
        return self._hint

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._hint or not self.document().isEmpty():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = int(self.document().documentMargin())
        rect = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), self._hint)
