"""The Predict tab: canvas (with thumbnails) on the left, top-k bars on the right."""

from __future__ import annotations

import html
import re
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSplitter, QVBoxLayout, QWidget

from engine.images import LoadedImage
from engine.predict import Prediction

from ..widgets.image_canvas import ImageCanvas
from .thumbnails import ThumbnailStrip
from .topk_bars import TopKBars

UNTRAINED = "⚠ untrained weights: these predictions mean nothing"
UNREADABLE = "Cannot open {name}: {reason}"


class PredictPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.canvas = ImageCanvas()
        self.thumbs = ThumbnailStrip()
        self.thumbs.hide()
        self.bars = TopKBars()
        self.bars.set_status("Drop an image to see what the model predicts.")
        self.model_view = QCheckBox("Show what the model sees")
        self.model_view.setToolTip("The image after resizing (and cropping) to the model's input size")
        self.model_view.toggled.connect(self._show_current)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setStyleSheet("color: gray")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.canvas, 1)
        lv.addWidget(self.thumbs)
        right = QWidget()
        right.setMinimumWidth(230)
        right.setMaximumWidth(420)
        rv = QVBoxLayout(right)
        title = QLabel("<b>Prediction</b>")
        rv.addWidget(title)
        rv.addWidget(self.bars)
        rv.addWidget(self.model_view)
        rv.addWidget(self.info)
        rv.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("predictSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([700, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.image: Optional[LoadedImage] = None
        self.prediction: Optional[Prediction] = None

    def show_image(self, image: LoadedImage) -> None:
        self.image = image
        self.prediction = None
        self.model_view.setEnabled(False)
        self._show_current()
        notes = f" — {', '.join(image.notes)}" if image.notes else ""
        self.info.setText(f"{image.name}: {image.size[0]}×{image.size[1]}{notes}")

    def show_unreadable(self, name: str, reason: str) -> None:
        """The chosen image cannot be read: no picture, no prediction, and why (nothing of the last one)."""
        self.image = None
        self.prediction = None
        self.model_view.setEnabled(False)
        text = UNREADABLE.format(name=name, reason=reason)
        self.canvas.set_pixels(None, problem=text)
        self.bars.set_status(text)
        self.info.setText("")

    def set_pending(self, text: str) -> None:
        self.bars.set_status(text)
        if self.image is not None:
            self.info.setText(f"{self.image.name}: {self.image.size[0]}×{self.image.size[1]}")

    def set_prediction(self, pred: Prediction, model_label: str) -> None:
        self.prediction = pred
        self.bars.set_prediction([(c.name, c.probability) for c in pred.top], UNTRAINED if pred.untrained else None)
        self.model_view.setEnabled(pred.model_input is not None)
        ms = pred.seconds * 1000
        notes = f" — {', '.join(self.image.notes)}" if self.image and self.image.notes else ""
        size = f"{self.image.size[0]}×{self.image.size[1]}" if self.image else ""
        lines = [f"{self.image.name if self.image else ''}: {size}{notes}",
                 f"{model_label} · {ms:.0f} ms" + (" · untrained weights" if pred.untrained else "")]
        extra = [t for t in (pred.backend, getattr(pred, "note", "")) if t]  # the note: e.g. logits shown as softmax
        self.info.setText("<br>".join(_breakable(line) for line in lines + extra))
        if self.model_view.isChecked():
            self._show_current()

    def _show_current(self) -> None:
        if self.image is None:
            self.canvas.set_pixels(None)
            return
        if self.model_view.isChecked() and self.prediction is not None and self.prediction.model_input is not None:
            self.canvas.set_pixels(self.prediction.model_input.pixels)
        else:
            self.canvas.set_pixels(self.image.pixels)


def _breakable(text: str) -> str:
    """Rich text that wraps inside a long file name (after _ . - /, in words over 24
    characters) and shows a name's markup characters as themselves."""
    def soften(word: re.Match) -> str:
        return re.sub(r"([_.\-/])", "\\1\u200b", word.group(0))

    return re.sub(r"\S{25,}", soften, html.escape(text, quote=False))
