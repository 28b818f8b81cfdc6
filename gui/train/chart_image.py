"""A chart rendered off the GUI thread, shown as an image that fits its space.

matplotlib on the GUI thread froze the window: seconds for its first import, 0.1-0.5 s for
every redraw of the training curves.  Here the figure is drawn in the ``charts`` worker
lane into pixels (:func:`render`), and this label only scales and shows them; when the
label is resized it asks for a new rendering at the new size (``wanted``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy


@dataclass
class Chart:
    pixels: np.ndarray  # (H, W, 4) uint8 RGBA
    axes: int  # how many plots the figure has (for tests and captions)


def render(draw, width: int, height: int, dpi: int = 100) -> Chart:
    """Call ``draw(figure)`` on a new matplotlib figure and return it as pixels (any thread)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(max(width, 120) / dpi, max(height, 100) / dpi), dpi=dpi)
    canvas = FigureCanvasAgg(fig)
    draw(fig)
    canvas.draw()
    return Chart(np.asarray(canvas.buffer_rgba()).copy(), len(fig.axes))


class ChartImage(QLabel):
    wanted = Signal(int, int)  # a rendering of this size, please (after a resize)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(240, 200)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.wanted.emit(self.width(), self.height()))

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        h, w = chart.pixels.shape[:2]
        image = QImage(chart.pixels.data, w, h, 4 * w, QImage.Format.Format_RGBA8888).copy()
        self._pixmap = QPixmap.fromImage(image)
        self._show()

    def _show(self) -> None:
        if self.chart is not None:
            self.setPixmap(self._pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 400)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._show()
        if self.chart is not None:
            self._debounce.start()
