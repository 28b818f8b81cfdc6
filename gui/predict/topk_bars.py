"""Top-k classes as labelled horizontal bars with probabilities."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget


class TopKBars(QWidget):
    ROW = 30

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[str, float]] = []
        self._banner = ""
        self._status = "No prediction yet."
        self.setMinimumWidth(200)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_status(self, text: str) -> None:
        self._status = text
        self._rows = []
        self._banner = ""
        self._refresh()

    def status_text(self) -> str:
        """The message shown instead of bars ("" while bars are shown)."""
        return "" if self._rows else self._status

    def set_prediction(self, rows: list[tuple[str, float]], banner: Optional[str] = None) -> None:
        self._rows = list(rows)
        self._banner = banner or ""
        self._status = ""
        self._refresh()

    def rows(self) -> list[tuple[str, float]]:
        return list(self._rows)

    def banner(self) -> str:
        return self._banner

    def _banner_height(self, width: int) -> int:
        """The banner wraps onto as many lines as the width needs (it was cut off at 1024 px)."""
        if not self._banner:
            return 0
        bold = QFont(self.font())
        bold.setBold(True)
        rect = QFontMetrics(bold).boundingRect(QRect(0, 0, max(40, width - 28), 1000),
                                               int(Qt.TextFlag.TextWordWrap), self._banner)
        return max(self.ROW - 6, rect.height() + 8)

    def _refresh(self) -> None:
        self.setToolTip(self._banner + ("\nThe weights were not trained on ImageNet: the classes shown are "
                                        "arbitrary." if self._banner else ""))
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        extra = self._banner_height(width) + 6 if self._banner else 0
        return max(60, len(self._rows) * self.ROW + extra + 16)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(300, self.heightForWidth(300))

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
            h = self._banner_height(self.width())
            p.fillRect(QRectF(8, y, w, h), QColor("#fff3cd"))
            p.setPen(QColor("#7a5a00"))
            bold = QFont(self.font())
            bold.setBold(True)
            p.setFont(bold)
            p.drawText(QRectF(14, y, w - 12, h), int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap),
                       self._banner)
            p.setFont(self.font())
            y += h + 6
        for i, (name, prob) in enumerate(self._rows):
            bar = QRectF(8, y + 16, max(2.0, w * prob), 8)
            p.fillRect(QRectF(8, y + 16, w, 8), pal.alternateBase())
            p.fillRect(bar, QColor("#2f7ed8") if i == 0 else QColor("#8fb8e8"))
            p.setPen(pal.text().color())
            font = QFont(self.font())
            font.setBold(i == 0)
            p.setFont(font)
            shown = QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, int(w - 70))
            p.drawText(QRectF(8, y, w - 70, 16), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            p.drawText(QRectF(8, y, w, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{prob * 100:.1f}%")
            y += self.ROW
