"""Views of the Train tab's results: thumbnails per class (the dataset preview), the
confusion matrix as a clickable table, and the images of the chosen cell."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
                               QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..i18n.words import fmt
from ..widgets.images import to_pixmap
from ..widgets.rich_text import breakable

PATH_ROLE = Qt.ItemDataRole.UserRole


class DatasetPreview(QWidget):
    """One block per class: its name and image count, then as many of its thumbnails as the
    width holds (the others hidden, never scrolled to sideways)."""

    SPACING = 6

    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 4, 0, 4)
        self.rows: list[list[QLabel]] = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_classes(self, counts: dict, thumbs: dict) -> None:
        while self.box.count():
            item = self.box.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.rows = []
        for name, count in counts.items():
            label = QLabel(f"<b>{breakable(name)}</b> <small>"
                           + html.escape(self.tr("%n image(s)", "", count)) + "</small>")
            label.setObjectName("previewClass")
            label.setWordWrap(True)
            self.box.addWidget(label)
            strip = QWidget()
            row = QHBoxLayout(strip)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(self.SPACING)
            pictures = []
            for pixels in thumbs.get(name, []):
                pic = QLabel()
                pic.setPixmap(to_pixmap(pixels))
                pic.setObjectName("previewThumb")
                row.addWidget(pic)
                pictures.append(pic)
            row.addStretch(1)
            self.box.addWidget(strip)
            self.rows.append(pictures)
        self._fit()

    def thumbnail_count(self) -> int:
        return len(self.findChildren(QLabel, "previewThumb"))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Show the thumbnails that fit the width (at least one per class)."""
        for pictures in self.rows:
            used = 0
            for i, pic in enumerate(pictures):
                used += pic.pixmap().width() + (self.SPACING if i else 0)
                pic.setVisible(i == 0 or used <= self.width())


class ConfusionTable(QTableWidget):
    """Rows: true class, columns: predicted class; a click shows that cell's images."""

    cell_chosen = Signal(int, int)  # true, predicted

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip(self.tr("Rows: the true class (its folder); columns: what the model predicted. Click a cell "
                                "to see its images."))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.cellClicked.connect(lambda r, c: self.cell_chosen.emit(r, c))

    def set_matrix(self, classes, matrix) -> None:
        n = len(classes)
        self.clear()
        self.setRowCount(n)
        self.setColumnCount(n)
        self.setHorizontalHeaderLabels([f"→ {c}" for c in classes])
        self.setVerticalHeaderLabels(list(classes))
        top = max((v for row in matrix for v in row), default=0) or 1
        for r, row in enumerate(matrix):
            for c, v in enumerate(row):
                item = QTableWidgetItem(str(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                shade = int(40 + 160 * v / top) if v else 0
                color = QColor(60, 160, 80, shade) if r == c else QColor(210, 60, 60, shade)
                item.setBackground(QBrush(color))
                item.setToolTip(fmt(self.tr("{true} predicted as {predicted}: %n image(s)", "", v), true=classes[r],
                                    predicted=classes[c]))
                self.setItem(r, c, item)
        height = self.horizontalHeader().height() + sum(self.rowHeight(i) for i in range(n)) + 4
        self.setFixedHeight(min(height + 2, 260))


class CellImages(QListWidget):
    """Thumbnails of the images of one confusion-matrix cell (double-click: open in Predict)."""

    SIZE = 96

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.IconMode)
        self.setIconSize(QSize(self.SIZE, self.SIZE))
        self.setGridSize(QSize(self.SIZE + 24, self.SIZE + 30))
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setMinimumHeight(self.SIZE + 40)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def set_paths(self, paths) -> None:
        self.clear()
        for p in paths:
            item = QListWidgetItem(Path(p).name)
            item.setData(PATH_ROLE, p)
            item.setToolTip(p)
            self.addItem(item)

    def set_thumbnail(self, path: str, pixels) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(PATH_ROLE) == path and pixels is not None:
                item.setIcon(QIcon(to_pixmap(pixels)))

    def paths(self) -> list[str]:
        return [self.item(i).data(PATH_ROLE) for i in range(self.count())]

    def selected_paths(self) -> list[str]:
        return [i.data(PATH_ROLE) for i in self.selectedItems()]

    def replace_path(self, old: str, new: str, note: str) -> None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(PATH_ROLE) == old:
                item.setData(PATH_ROLE, new)
                item.setText(f"{Path(new).name}\n{note}" if note else Path(new).name)
                item.setToolTip(new)
