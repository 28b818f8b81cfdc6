"""The Train tab's live curves: drawn on the charts lane, one render at a time.

A head on cached features trains an epoch in milliseconds.  When each epoch asked for a new
render and a new request cancelled the one under way, no render ever finished until the run
ended: the curves stayed blank.  Now a request made while a render runs is remembered and
drawn, once, with everything that came meanwhile, when that render is done."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from . import tasks as train_tasks
from .chart_image import ChartImage


class LiveCurves(QObject):
    drawn = Signal(int)  # number of plots

    def __init__(self, client, panel, data, parent=None):
        """``data()`` gives (history, batches, phase start, epochs, resumed at) to draw."""
        super().__init__(parent)
        self.client, self.panel, self.data = client, panel, data
        self.image = None  # ChartImage, made at the first draw
        self._drawing = None  # the render on the charts lane
        self._again = False
        client.job_finished.connect(self._finished)

    def draw(self) -> None:
        if self.image is None:
            self.image = ChartImage()
            self.image.setObjectName("trainCurves")
            self.image.wanted.connect(lambda w, h: self.draw())
            self.panel.curves_hint.hide()
            self.panel.curves_box.addWidget(self.image)
        if self._drawing is not None:
            self._again = True
            return
        history, batches, phase, epochs, resumed_at = self.data()
        size = self.image.size() if self.image.isVisible() else self.panel.views.size()
        job = train_tasks.render_curves(history, batches, phase, max(320, size.width()), max(260, size.height()),
                                        epochs, resumed_at)
        self._drawing = self.client.run(job, "Drawing the curves", lane="charts", quiet=True, on_result=self._shown)

    def _shown(self, chart) -> None:
        self.image.set_chart(chart)
        self.drawn.emit(chart.axes)

    def _finished(self, job) -> None:
        """Drawn, failed or cancelled: draw what came meanwhile."""
        if job is not self._drawing:
            return
        self._drawing = None
        if self._again:
            self._again = False
            self.draw()
