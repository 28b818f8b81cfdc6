"""A grid of heatmap tiles with a readable title and a score line under each, sortable by
score: the method comparison and the class comparison of the Explain tab.  Tiles are Qt
widgets (not text painted into one big image), so names stay legible at any size."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QVBoxLayout, QWidget)

from ..widgets.images import to_pixmap

# Tiles are sorted by their margin over random maps of the same smoothness, never by raw areas:
# a class the model gives 0.1% has a deletion area near 0 whatever its map, which put such
# classes above the top class.  The margin says how much better than random each map is.
SORTS = [("As computed", None, ""),
         ("Deletion vs random", "deletion",
          "Sorted by how much lower each map's deletion area is than that of random maps as smooth (the "
          "signed number under each tile): the first map shows best what the model uses. Raw areas are not "
          "compared: a class the model gives almost nothing has tiny areas whatever its map."),
         ("Insertion vs random", "insertion",
          "Sorted by how much higher each map's insertion area is than that of random maps as smooth (the "
          "signed number under each tile): the first map shows best what the model uses. Raw areas are not "
          "compared: a class the model gives almost nothing has tiny areas whatever its map.")]


@dataclass
class _Tile:
    key: object
    pixels: np.ndarray
    frame: QFrame
    image: QLabel
    caption: QLabel
    order: int
    values: dict = field(default_factory=dict)


class HeatmapGrid(QWidget):
    back_requested = Signal()
    tile_chosen = Signal(object)  # the tile's key

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.sort = QComboBox()
        for text, _key, _desc in SORTS:
            self.sort.addItem(text)
        self.sort.setToolTip("Order the tiles by how much better than random maps they score")
        self.sort.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sort.setMinimumContentsLength(16)  # the grid may be narrow: the combo shrinks, the window does not grow
        self.sort.currentIndexChanged.connect(self._relayout)
        back = QPushButton("Back to the heatmap")
        back.setToolTip("Show the current heatmap again (or click a tile to open that one)")
        back.setObjectName("gridBack")
        back.clicked.connect(self.back_requested)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Sort by"))
        bar.addWidget(self.sort)
        bar.addStretch(1)
        bar.addWidget(back)
        self.inner = QWidget()
        self.cells = QGridLayout(self.inner)
        self.cells.setSpacing(8)
        self.cells.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # tiles follow the width
        self.area.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.sort_note = QLabel()
        self.sort_note.setObjectName("sortNote")
        self.sort_note.setWordWrap(True)
        self.sort_note.setStyleSheet("color: gray")
        self.sort_note.hide()
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.sort_note)
        layout.addWidget(self.area, 1)
        self.tiles: list[_Tile] = []
        self._columns = 0

    # -- content -------------------------------------------------------------------
    def show_tiles(self, title: str, tiles: list[tuple[object, np.ndarray, str]]) -> None:
        """``tiles``: (key, RGB pixels, heading) each; scores come later with :meth:`set_score`."""
        for t in self.tiles:
            t.frame.deleteLater()
        self.tiles = []
        self.title.setText(title)
        for i, (key, pixels, heading) in enumerate(tiles):
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            frame.setCursor(Qt.CursorShape.PointingHandCursor)
            v = QVBoxLayout(frame)
            v.setContentsMargins(4, 4, 4, 4)
            image = QLabel()
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            name = QLabel(f"<b>{heading}</b>")
            name.setWordWrap(True)
            caption = QLabel("")
            caption.setWordWrap(True)
            caption.setObjectName("tileCaption")
            caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            v.addWidget(image)
            v.addWidget(name)
            v.addWidget(caption)
            tile = _Tile(key, pixels, frame, image, caption, i)
            frame.mousePressEvent = lambda _e, k=key: self.tile_chosen.emit(k)
            self.tiles.append(tile)
        self._columns = 0
        self._relayout()

    def set_score(self, key, caption: str, values: Optional[dict] = None) -> None:
        """``values``: each score's margin over random maps (positive: better than random)."""
        for t in self.tiles:
            if t.key == key:
                t.caption.setText(caption)
                t.values = dict(values or {})
        self._relayout()

    def keys_in_order(self) -> list:
        return [t.key for t in self._sorted()]

    def caption(self, key) -> str:
        return next((t.caption.text() for t in self.tiles if t.key == key), "")

    # -- layout --------------------------------------------------------------------
    def _sorted(self) -> list[_Tile]:
        _text, by, _meaning = SORTS[self.sort.currentIndex()]
        if by is None:
            return sorted(self.tiles, key=lambda t: t.order)
        missing = [t for t in self.tiles if by not in t.values]
        scored = sorted((t for t in self.tiles if by in t.values), key=lambda t: (-t.values[by], t.order))
        return scored + sorted(missing, key=lambda t: t.order)

    def _geometry(self) -> tuple[int, int]:
        """(columns, tile width): up to three columns of tiles at least 170 px wide."""
        margins = self.cells.contentsMargins()
        width = self.area.viewport().width() - margins.left() - margins.right() - 2
        columns = max(1, min(3, width // 170))
        return columns, max(100, (width - self.cells.spacing() * (columns - 1)) // columns - 12)

    def _relayout(self) -> None:
        meaning = SORTS[self.sort.currentIndex()][2]
        self.sort_note.setText(meaning)
        self.sort_note.setVisible(bool(meaning))
        columns, tile_w = self._geometry()
        for t in self.tiles:
            self.cells.removeWidget(t.frame)
        for i, t in enumerate(self._sorted()):
            self.cells.addWidget(t.frame, i // columns, i % columns)
            h, w = t.pixels.shape[:2]
            t.image.setPixmap(to_pixmap(t.pixels).scaled(tile_w, max(1, round(tile_w * h / w)),
                                                         Qt.AspectRatioMode.KeepAspectRatio,
                                                         Qt.TransformationMode.SmoothTransformation))
            t.frame.setFixedWidth(tile_w + 12)
        self._columns = columns

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.tiles:
            self._relayout()
