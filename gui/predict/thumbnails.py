"""A strip of thumbnails for the images the user opened; clicking one shows it.

The thumbnails are decoded in a background thread (a folder of a thousand photos decoded
on the GUI thread froze the window for seconds); each icon appears when it is ready."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle


class _Loaded(QObject):
    image = Signal(int, str, QImage)  # generation, path, scaled image


class _Loader(QRunnable):
    """Reads scaled QImages (thread-safe, unlike QPixmap) and hands them to the GUI thread."""

    def __init__(self, paths: list[str], size: int, generation: int, relay: _Loaded, stop: threading.Event):
        super().__init__()
        self.paths, self.size, self.generation, self.relay, self.stop = paths, size, generation, relay, stop

    def run(self) -> None:
        for p in self.paths:
            if self.stop.is_set():
                return
            reader = QImageReader(p)
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(self.size, self.size, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                self.relay.image.emit(self.generation, p, image)


class ThumbnailStrip(QListWidget):
    image_chosen = Signal(str)
    SIZE = 72

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(QSize(self.SIZE, self.SIZE))
        # Room for the caption under the icon and for the scroll bar: captions were cut off.
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.setFixedHeight(self.SIZE + 28 + bar + 2 * self.frameWidth() + 6)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMovement(QListWidget.Movement.Static)
        self.setGridSize(QSize(self.SIZE + 40, self.SIZE + 28))
        # Not uniform: a caption may use the whole cell width, not just the icon's.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "IMG_20…1234.jpg": both ends stay readable
        self.currentItemChanged.connect(self._changed)
        self._generation = 0
        self._stop = threading.Event()
        self._relay = _Loaded()
        self._relay.image.connect(self._icon_ready)
        self._rows: dict[str, int] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def set_paths(self, paths: list[str]) -> None:
        self._stop.set()  # the previous folder's loader stops at its next image
        self._stop = threading.Event()
        self._generation += 1
        self.blockSignals(True)
        self.clear()
        self._rows = {}
        for i, p in enumerate(paths):
            item = QListWidgetItem(Path(p).name)
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p)
            self.addItem(item)
            self._rows[p] = i
        self.blockSignals(False)
        self.setVisible(len(paths) > 1)
        if len(paths) > 1:
            self.pool.start(_Loader(list(paths), self.SIZE, self._generation, self._relay, self._stop))

    def _icon_ready(self, generation: int, path: str, image: QImage) -> None:
        row = self._rows.get(path)
        if generation == self._generation and row is not None:
            self.item(row).setIcon(QIcon(QPixmap.fromImage(image)))

    def loaded_icons(self) -> int:
        return sum(1 for i in range(self.count()) if not self.item(i).icon().isNull())

    def stop(self) -> None:
        """Stop loading (the window closes)."""
        self._stop.set()
        self.pool.waitForDone(2000)

    def paths(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())]

    def select(self, path: str | None) -> None:
        """Highlight the thumbnail of the image shown; none when it is not in the strip."""
        row = next((i for i in range(self.count()) if self.item(i).data(Qt.ItemDataRole.UserRole) == path), -1)
        self.blockSignals(True)
        if row >= 0:
            self.setCurrentRow(row)
        else:
            self.setCurrentItem(None)
            self.clearSelection()
        self.blockSignals(False)

    def selected_path(self) -> str | None:
        items = self.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _changed(self, current, _previous) -> None:
        if current is not None:
            self.image_chosen.emit(current.data(Qt.ItemDataRole.UserRole))
