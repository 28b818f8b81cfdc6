"""The image canvas: zoom and pan, drop files or folders, and an inviting empty state."""

from __future__ import annotations

from typing import Optional

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from .images import to_pixmap


class _EmptyState(QWidget):
    sample_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.problem = QLabel()  # why the chosen image is not shown ("Cannot open …")
        self.problem.setObjectName("canvasProblem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { background: #fff4ce; color: #5c4400; padding: 6px; }")
        self.problem.hide()
        layout.addWidget(self.problem)
        title = QLabel("<h2>Drop images or a folder here</h2>")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel("or use File ▸ Open (Ctrl+O), or paste an image (Ctrl+V)")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_button = QPushButton("Try a sample")
        self.sample_button.setObjectName("trySample")
        self.sample_button.clicked.connect(self.sample_requested)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)


class ImageCanvas(QGraphicsView):
    files_dropped = Signal(list)
    sample_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform | QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAcceptDrops(True)
        self.empty = _EmptyState(self)
        self.empty.sample_requested.connect(self.sample_requested)
        self._fit = True
        self._has_image = False

    # -- content -------------------------------------------------------------------
    def set_pixels(self, pixels: Optional[np.ndarray], keep_view: bool = False, problem: str = "") -> None:
        """Show ``pixels``; None shows the empty state, with ``problem`` (why there is no image) above it."""
        self.empty.problem.setText(problem)
        self.empty.problem.setVisible(bool(problem))
        if pixels is None:
            self._item.setPixmap(to_pixmap(np.zeros((1, 1, 3), np.uint8)))
            self._has_image = False
            self.empty.show()
            return
        self._item.setPixmap(to_pixmap(pixels))
        self.scene().setSceneRect(self._item.boundingRect())
        self._has_image = True
        self.empty.hide()
        if not keep_view:
            self.fit()

    def has_image(self) -> bool:
        return self._has_image

    def shown_size(self) -> tuple[int, int]:
        """(width, height) of the picture on the canvas; (0, 0) when there is none."""
        pix = self._item.pixmap()
        return (pix.width(), pix.height()) if self._has_image else (0, 0)

    # -- zoom ----------------------------------------------------------------------
    def fit(self) -> None:
        self._fit = True
        self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self._fit = False
        self.scale(factor, factor)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if not self._has_image:
            return
        self.zoom(1.25 if event.angleDelta().y() > 0 else 0.8)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.empty.setGeometry(self.viewport().geometry())
        if self._fit and self._has_image:
            self.fit()

    # -- drop ----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
