"""A strip of thumbnails for the images the user opened; clicking one shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImageReader, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem


class ThumbnailStrip(QListWidget):
    image_chosen = Signal(str)
    SIZE = 72

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(self.SIZE, self.SIZE))
        self.setFixedHeight(self.SIZE + 34)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMovement(QListWidget.Movement.Static)
        self.setGridSize(QSize(self.SIZE + 24, self.SIZE + 28))
        self.setUniformItemSizes(True)
        self.currentItemChanged.connect(self._changed)

    def set_paths(self, paths: list[str]) -> None:
        self.blockSignals(True)
        self.clear()
        for p in paths:
            item = QListWidgetItem(self._icon(p), Path(p).name)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.addItem(item)
        self.blockSignals(False)
        self.setVisible(len(paths) > 1)

    def paths(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def select(self, path: str) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == path:
                self.blockSignals(True)
                self.setCurrentRow(i)
                self.blockSignals(False)
                return

    def _icon(self, path: str) -> QIcon:
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(self.SIZE, self.SIZE, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        return QIcon(QPixmap.fromImage(image)) if not image.isNull() else QIcon()

    def _changed(self, current, _previous) -> None:
        if current is not None:
            self.image_chosen.emit(current.data(Qt.ItemDataRole.UserRole))
