"""Runs the Train tab: dataset check and training on the long lane (so predictions of a
dropped image still answer during a run), live curves, results, the new model in the picker."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from engine import paths
from engine.train import bundle, features
from engine.train.trainer import TrainSettings

from . import tasks
from .panels.train_panel import TrainPanel
from .widgets.error_dialog import show_error


class _EpochRelay(QObject):
    epoch = Signal(int, dict)
    batch = Signal(float, float)


class TrainController(QObject):
    reported = Signal(object)  # DatasetReport
    trained = Signal(object, str)  # TrainResult, bundle folder
    epoch_logged = Signal(int, dict)
    picture_shown = Signal(str)  # "preview" or "misclassified"

    def __init__(self, client, panel: TrainPanel, picker, predict_controller, window):
        super().__init__(window)
        self.client, self.panel, self.picker, self.pc, self.window = client, panel, picker, predict_controller, window
        self.report = None
        self.job = None
        self.bundle_path = None
        self.history: dict = {}
        self.canvas = None
        self._relay = _EpochRelay()
        self._relay.epoch.connect(self._epoch)
        self._relay.batch.connect(self._batch)
        self.batches: list[tuple[float, float]] = []
        self.evaluation = None
        panel.scan_requested.connect(self.scan)
        panel.train_requested.connect(self.start)
        panel.cancel_requested.connect(lambda: self.job and self.job.cancel())
        panel.clear_cache_requested.connect(self.clear_cache)
        panel.use_model_requested.connect(self.use_model)
        panel.preview_requested.connect(self.preview)
        client.job_finished.connect(self._finished)
        window.engine_ready.connect(lambda ready: panel.show_gpu_option(len(ready.device.gpus)))
        self.refresh_models()

    def set_models(self, names) -> None:
        self.panel.model.clear()
        self.panel.model.addItems(names)
        self.panel.model.setCurrentText("MobileNetV2")

    def refresh_models(self) -> None:
        self.picker.set_user_models(bundle.user_models())
        self.panel.cache.setText(f"Feature cache: {features.cache_size_bytes() / 1e6:.1f} MB")

    # -- dataset -------------------------------------------------------------------
    def scan(self, then_train: bool = False) -> None:
        folder = self.panel.folder.text().strip()
        if not folder:
            show_error(self.window, "No data", "Choose a folder with one subfolder per class.")
            return
        self.client.run(tasks.scan_dataset(folder, self.panel.val_folder.text().strip()), "Checking dataset",
                        lane="long", on_result=lambda r: self._reported(r, then_train),
                        on_error=lambda m, d, e: show_error(self.window, "Dataset problem", m, d))

    def _reported(self, report, then_train: bool) -> None:
        self.report = report
        rows = "".join(f"<tr><td>{html.escape(c)}</td><td align=right>{n}</td></tr>" for c, n in report.counts.items())
        warn = "".join(f"<li>{html.escape(w)}</li>" for w in report.warnings)
        bad = "".join(f"<li>{html.escape(p)}: {html.escape(r)}</li>" for p, r in report.unreadable[:20])
        self.panel.report.setHtml(
            f"<b>{len(report.classes)} classes</b>, {len(report.train)} training and {len(report.val)} validation "
            f"images (split seed {report.seed})<table>{rows}</table>"
            + (f"<p><b>Warnings</b><ul>{warn}</ul></p>" if warn else "")
            + (f"<p><b>Unreadable (skipped)</b><ul>{bad}</ul></p>" if bad else ""))
        self.reported.emit(report)
        if then_train:
            self.start()

    # -- training ------------------------------------------------------------------
    def settings(self) -> TrainSettings:
        pooling, dense = self.panel.head.currentData()
        return TrainSettings(model=self.panel.model.currentText() or "MobileNetV2", alpha=self.panel.alpha.currentData(),
                             mode=self.panel.mode.currentData(), epochs=self.panel.epochs.value(),
                             unfreeze=self.panel.unfreeze.value(), pooling=pooling, dense=list(dense),
                             augmentations=self.panel.augmentations(), resize_policy=self.pc.prefs.resize_policy,
                             lr_schedule=self.panel.schedule.currentData(), early_stopping=self.panel.patience.value(),
                             weights=None if self.panel.model.currentText() in self.pc.random_weights else "imagenet",
                             devices="all" if self.panel.all_gpus.isChecked() else "one")

    def start(self) -> None:
        if self.report is None or self.report.root != self.panel.folder.text().strip():
            self.scan(then_train=True)
            return
        s = self.settings()
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{s.model}-{Path(self.report.root).name}-{s.mode}")
        out = str(paths.user_models_dir() / name)
        self.history = {}
        self.batches = []
        self.evaluation = None
        self.panel.set_running(True)
        self.job = self.client.run(tasks.train_model(self.report, s, out,
                                                     lambda e, logs: self._relay.epoch.emit(e, dict(logs)),
                                                     lambda x, loss: self._relay.batch.emit(x, loss)),
                                   f"Training {s.model} ({s.mode})", lane="long", on_result=self._trained,
                                   on_error=self._failed)

    def _epoch(self, epoch: int, logs: dict) -> None:
        for k, v in logs.items():
            self.history.setdefault(k, []).append(float(v))
        self.draw_curves()
        self.epoch_logged.emit(epoch, logs)

    def _batch(self, x: float, loss: float) -> None:
        self.batches.append((x, loss))

    def draw_curves(self) -> None:
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.canvas = FigureCanvasQTAgg(Figure(figsize=(6, 6)))
            self.panel.curves_hint.hide()
            self.panel.curves_box.addWidget(self.canvas)
        fig = self.canvas.figure
        fig.clear()
        rows = 3 if self.evaluation is not None else 2
        for i, metric in enumerate(("loss", "accuracy")):
            ax = fig.add_subplot(rows, 1, i + 1)
            if metric == "loss" and self.batches:
                xs, ys = zip(*self.batches)
                smooth, acc = [], ys[0]
                for y in ys:  # exponential moving average: per-batch loss without the noise
                    acc = 0.8 * acc + 0.2 * y
                    smooth.append(acc)
                ax.plot(xs, smooth, "-", color="gray", alpha=0.6, lw=1, label="batch loss (smoothed)")
            for key, style in ((metric, "-o"), (f"val_{metric}", "--s")):
                if key in self.history:
                    ys = self.history[key]
                    ax.plot(range(1, len(ys) + 1), ys, style, label=key.replace("_", " "))
            ax.set_ylabel(metric)
            ax.legend(fontsize=8)
            ax.grid(alpha=0.3)
        fig.axes[1].set_xlabel("epoch")
        if self.evaluation is not None:
            ax = fig.add_subplot(rows, 1, 3)
            cm = self.evaluation.confusion
            ax.imshow(cm, cmap="Blues")
            names = self.report.classes
            ax.set_xticks(range(len(names)), names, fontsize=7, rotation=30)
            ax.set_yticks(range(len(names)), names, fontsize=7)
            ax.set_xlabel("predicted")
            ax.set_ylabel("true")
            for r, row in enumerate(cm):
                for c, v in enumerate(row):
                    ax.text(c, r, str(v), ha="center", va="center", fontsize=8)
            ax.set_title("Confusion matrix (validation)", fontsize=9)
        fig.tight_layout()
        self.canvas.draw_idle()

    def _trained(self, result) -> None:
        res, folder = result
        self.bundle_path = folder
        ev = res.evaluation
        self.evaluation = ev
        self.draw_curves()
        classes = self.report.classes
        per = "".join(f"<tr><td>{html.escape(c)}</td><td>{p * 100:.0f}%</td><td>{r * 100:.0f}%</td></tr>"
                      for c, p, r in zip(classes, ev.precision, ev.recall))
        cm = "".join("<tr><td>" + html.escape(c) + "</td>" + "".join(f"<td align=right>{v}</td>" for v in row) + "</tr>"
                     for c, row in zip(classes, ev.confusion))
        wrong = "".join(f"<li>{html.escape(Path(p).name)}: {html.escape(classes[t])} taken for "
                        f"{html.escape(classes[q])} ({pr * 100:.0f}%)</li>" for p, t, q, pr in ev.misclassified[:15])
        self.panel.report.append(
            f"<h3>Validation accuracy {ev.accuracy * 100:.1f}%</h3><table><tr><th>class</th><th>precision</th>"
            f"<th>recall</th></tr>{per}</table><p><b>Confusion matrix</b> (rows: true)</p><table>{cm}</table>"
            + (f"<p><b>Misclassified</b><ul>{wrong}</ul></p>" if wrong else "")
            + f"<p>Saved: {html.escape(folder)} ({res.seconds:.0f} s)</p>")
        self.panel.use.setEnabled(True)
        self.refresh_models()
        self.trained.emit(res, folder)
        if ev.misclassified:
            self.client.run(tasks.misclassified_gallery(folder, ev.misclassified, classes, self.pc.prefs.resize_policy),
                            "Grad-CAM of misclassified images", lane="long",
                            on_result=lambda g: self._picture(g, "misclassified"),
                            on_error=lambda m, d, e: show_error(self.window, "Gallery failed", m, d))

    def preview(self) -> None:
        """Show the chosen augmentations on a training image (or a bundled sample)."""
        sample = self.report.train[0].path if self.report and self.report.train else str(
            sorted((paths.resources_dir() / "samples").glob("*.png"))[0])
        self.client.run(tasks.augmentation_preview(sample, self.panel.augmentations()), "Augmentation preview",
                        lane="interactive", slot="augment-preview", on_result=lambda g: self._picture(g, "preview"),
                        on_error=lambda m, d, e: show_error(self.window, "Preview failed", m, d))

    def _picture(self, grid, kind: str) -> None:
        if grid is not None:
            self.panel.show_picture(grid)
            self.picture_shown.emit(kind)

    def _failed(self, message, details, exc) -> None:
        show_error(self.window, "Training failed", message, details)

    def _finished(self, job) -> None:
        if job is self.job:
            self.panel.set_running(False)
            if job.token.cancelled:
                self.panel.report.append("<p><b>Cancelled.</b> The best checkpoint so far was kept beside the models "
                                         "folder.</p>")

    def use_model(self) -> None:
        if self.bundle_path:
            self.picker.select(self.bundle_path)

    def clear_cache(self) -> None:
        features.clear_cache()
        self.refresh_models()
