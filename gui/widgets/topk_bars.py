"""Top-k classes as labelled horizontal bars with probabilities."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class TopKBars(QWidget):
    ROW = 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, float]] = []
        self._banner = ""
        self._status = "No prediction yet."
        self.setMinimumWidth(260)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_status(self, text: str) -> None:
        self._status = text
        self._rows = []
        self._banner = ""
        self._refresh()

    def set_prediction(self, rows: list[tuple[str, float]], banner: Optional[str] = None) -> None:
        self._rows = list(rows)
        self._banner = banner or ""
        self._status = ""
        self._refresh()

    def rows(self) -> list[tuple[str, float]]:
        return list(self._rows)

    def banner(self) -> str:
        return self._banner

    def _refresh(self) -> None:
        extra = 1 if self._banner else 0
        self.setMinimumHeight(max(60, (len(self._rows) + extra) * self.ROW + 16))
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        y = 8
        w = self.width() - 16
        if self._status:
            p.setPen(pal.placeholderText().color())
            p.drawText(QRectF(8, 8, w, 40), Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap, self._status)
            return
        if self._banner:
            p.fillRect(QRectF(8, y, w, self.ROW - 6), QColor("#fff3cd"))
            p.setPen(QColor("#7a5a00"))
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            p.drawText(QRectF(14, y, w - 12, self.ROW - 6), Qt.AlignmentFlag.AlignVCenter, self._banner)
            p.setFont(self.font())
            y += self.ROW
        for i, (name, prob) in enumerate(self._rows):
            bar = QRectF(8, y + 16, max(2.0, w * prob), 8)
            p.fillRect(QRectF(8, y + 16, w, 8), pal.alternateBase())
            p.fillRect(bar, QColor("#2f7ed8") if i == 0 else QColor("#8fb8e8"))
            p.setPen(pal.text().color())
            font = QFont(self.font())
            font.setBold(i == 0)
            p.setFont(font)
            p.drawText(QRectF(8, y, w - 70, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            p.drawText(QRectF(8, y, w, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{prob * 100:.1f}%")
            y += self.ROW
