"""Fills the Compare tab: the table, the charts (matplotlib, embedded lazily), the on-machine
benchmark on the long lane (progress and cancel between models) and the exports."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from engine import zoo
from engine.compare import bench, charts, table

from ..runtime import settings
from ..widgets.error_dialog import show_error
from .panel import ComparePanel

CHARTS = [("Inference time", "time"), ("Size and parameters", "size"), ("Accuracy vs latency", "pareto")]


class CompareController(QObject):
    benchmarked = Signal(list)  # BenchRecords

    def __init__(self, client, panel: ComparePanel, window):
        super().__init__(window)
        self.client, self.panel, self.window = client, panel, window
        self.specs = list(zoo.catalog())
        self.canvases: dict = {}
        self.points = []
        self.job = None
        source, protocol = zoo.figures_source()
        # One line on screen (five at 1024 px squeezed the table); the whole protocol in the tooltip.
        panel.source.setText(f"Published figures: {source.split(',')[0]} (hover for how they were measured). "
                             "Coloured columns were measured here.")
        panel.source.setToolTip(f"{source}. {protocol}")
        panel.benchmark_requested.connect(self.run_benchmark)
        panel.export_csv.connect(self.save_csv)
        panel.export_chart.connect(self.save_chart)
        panel.chart_changed.connect(self.draw)
        panel.charts.currentChanged.connect(lambda _: self.draw())
        client.job_finished.connect(self._job_finished)
        self.refresh()

    def set_specs(self, specs) -> None:
        self.specs = list(specs)
        self.refresh()

    def rows(self):
        records = bench.load_records()
        return table.rows(self.specs, bench.latest_by_model(records),
                          bench.latest_by_model(records, backend="openvino"),
                          bench.latest_by_model(records, backend="openvino-bf16"))

    def refresh(self) -> None:
        self.panel.set_rows(self.rows(), sorted({s.family for s in self.specs}))
        if self.canvases:
            self.draw()

    # -- charts --------------------------------------------------------------------
    def ensure_charts(self) -> None:
        if self.canvases:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        for label, key in CHARTS:
            canvas = FigureCanvasQTAgg(Figure(figsize=(8, 6)))
            self.canvases[key] = canvas
            self.panel.charts.addTab(canvas, label)
        self.canvases["pareto"].mpl_connect("motion_notify_event", self._hover)
        self.draw()

    def current_chart(self) -> str:
        return CHARTS[max(0, self.panel.charts.currentIndex())][1]

    def chart_rows(self):
        """The rows the charts draw: those the table shows (its family filter)."""
        family = self.panel.family_filter()
        return [r for r in self.rows() if not family or r.family == family]

    def draw(self) -> None:
        if not self.canvases:
            return
        key = self.current_chart()
        canvas = self.canvases[key]
        rows = self.chart_rows()
        if key == "time":
            charts.time_chart(rows, canvas.figure)
        elif key == "size":
            charts.size_chart(rows, canvas.figure)
        else:
            _, self.points = charts.pareto_chart(rows, self.panel.latency_key(), canvas.figure)
            self._tip = None
        canvas.draw_idle()

    def _hover(self, event) -> None:
        fig = self.canvases["pareto"].figure
        if event.inaxes is None or not self.points:
            return
        ax = event.inaxes
        best, dist = None, 12.0
        for p in self.points:
            x, y = ax.transData.transform((p.x, p.y * 100))
            d = ((x - event.x) ** 2 + (y - event.y) ** 2) ** 0.5
            if d < dist:
                best, dist = p, d
        tip = getattr(self, "_tip", None)
        if tip is not None:
            tip.remove()
            self._tip = None
        if best is not None:
            self._tip = ax.annotate(f"{best.model}\n{best.y * 100:.1f}%, {best.x:g} ms", (best.x, best.y * 100),
                                    xytext=(10, -24), textcoords="offset points", fontsize=8,
                                    bbox={"boxstyle": "round", "fc": "lightyellow"})
        fig.canvas.draw_idle()

    # -- benchmark -----------------------------------------------------------------
    def run_benchmark(self, names: list, protocol: str) -> None:
        from . import tasks

        self.job = self.client.run(tasks.benchmark_models(names, protocol), f"Benchmark ({len(names)} models)",
                                   lane="long", on_result=self._benchmarked,
                                   on_error=lambda m, d, e: show_error(self.window, "Benchmark failed", m, d))

    def _job_finished(self, job) -> None:
        if job is self.job and job.token.cancelled:
            self.refresh()  # the models finished before the cancel were kept

    def _benchmarked(self, records) -> None:
        bench.save_records(records)
        self.refresh()
        self.benchmarked.emit(records)

    # -- export --------------------------------------------------------------------
    def save_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Export table", settings.export_start("models.csv"),
                                              "CSV (*.csv)")
        if path:
            settings.remember_dir("export", path)
            table.write_csv(path, self.rows())

    def save_chart(self, fmt: str) -> None:
        self.ensure_charts()
        path, _ = QFileDialog.getSaveFileName(self.window, "Export chart",
                                              settings.export_start(f"{self.current_chart()}.{fmt}", pictures=True),
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            settings.remember_dir("export", path)
            charts.save(self.canvases[self.current_chart()].figure, path)
