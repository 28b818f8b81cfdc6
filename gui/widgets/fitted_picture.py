"""A picture that fits the width it is given: never wider than its column (no sideways
scrolling on a 1024-px screen), never larger than the picture itself."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy


class FittedPicture(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._source = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_picture(self, pixmap: QPixmap) -> None:
        self._source = pixmap
        self._fit()
        self.updateGeometry()

    def clear(self) -> None:  # noqa: D102 - QLabel's, plus the kept source
        self._source = QPixmap()
        super().clear()
        self.updateGeometry()

    def source(self) -> QPixmap:
        return self._source

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return not self._source.isNull()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        if self._source.isNull():
            return 0
        shown = min(width, self._source.width())
        return round(shown * self._source.height() / self._source.width())

    def sizeHint(self) -> QSize:  # noqa: N802
        if self._source.isNull():
            return QSize(0, 0)
        return QSize(min(self._source.width(), 240), self.heightForWidth(min(self._source.width(), 240)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._source.isNull():
            return
        width = max(1, min(self.width(), self._source.width()))
        if self.pixmap().isNull() or self.pixmap().width() != width:
            super().setPixmap(self._source.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))
