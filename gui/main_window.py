"""The main window: composes the picker, the Predict and Folder tabs, menus and the status
bar.  Behaviour lives in :mod:`gui.controller`; engine work in :mod:`gui.worker`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QTabWidget

from engine import images, paths, preferences, zoo
from engine.errors import ImageLoadError

from . import settings, tasks
from .compare_controller import CompareController
from .controller import PredictController
from .inside_controller import InsideController
from .train_controller import TrainController
from .explain_controller import ExplainController
from .dialogs.about import show_about
from .dialogs.preferences_dialog import PreferencesDialog
from .panels.batch_panel import BatchPanel
from .panels.compare_panel import ComparePanel
from .panels.explain_panel import ExplainPanel
from .panels.inside_panel import InsidePanel
from .panels.train_panel import TrainPanel
from .panels.predict_panel import PredictPanel
from .widgets.error_dialog import show_error
from .widgets.images import from_qimage
from .widgets.job_status import JobStatus
from .widgets.model_picker import ModelPicker
from .worker import EngineClient

IMAGE_FILTER = "Images (" + " ".join(f"*{e}" for e in images.IMAGE_EXTENSIONS) + ");;All files (*)"


class MainWindow(QMainWindow):
    engine_ready = Signal(object)  # tasks.Ready

    def __init__(self, client: EngineClient | None = None):
        super().__init__()
        self.setWindowTitle("Pretrained Studio")
        self.resize(1280, 800)
        self.client = client or EngineClient(self)
        self.device = None
        self.picker = ModelPicker(status_fn=lambda n: tasks.weights_status(n, self.controller.prefs.offline_weights_dirs))
        self.picker.set_models(zoo.catalog())  # from the data file: no TensorFlow yet
        dock = QDockWidget("Models", self)
        dock.setObjectName("modelsDock")
        dock.setWidget(self.picker)
        self.picker.setMinimumWidth(250)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.predict_panel = PredictPanel()
        self.batch_panel = BatchPanel()
        self.tabs = QTabWidget()
        self.explain_panel = ExplainPanel()
        self.tabs.addTab(self.predict_panel, "Predict")
        self.tabs.addTab(self.explain_panel, "Explain")
        self.inside_panel = InsidePanel()
        self.tabs.addTab(self.inside_panel, "Inside")
        self.tabs.addTab(self.batch_panel, "Folder")
        self.train_panel = TrainPanel()
        self.tabs.addTab(self.train_panel, "Train")
        self.compare_panel = ComparePanel()
        self.tabs.addTab(self.compare_panel, "Compare")
        self.setCentralWidget(self.tabs)
        self.status = JobStatus()
        self.statusBar().addPermanentWidget(self.status, 1)
        self.controller = PredictController(self.client, self.predict_panel, self.batch_panel, self)
        self.explainer = ExplainController(self.client, self.explain_panel, self.controller, self)
        self.comparer = CompareController(self.client, self.compare_panel, self)
        self.inside = InsideController(self.client, self.inside_panel, self.controller, self.explain_panel, self)
        self.trainer = TrainController(self.client, self.train_panel, self.picker, self.controller, self)
        self.trainer.set_models([s.name for s in zoo.catalog()])
        self.tabs.currentChanged.connect(self._tab_changed)
        self._wire()
        self._menus()
        self.picker.select(self.controller.model_name)
        settings.restore_layout(self, self._splitters())

    # -- wiring --------------------------------------------------------------------
    def _wire(self) -> None:
        c = self.controller
        self.picker.model_chosen.connect(c.set_model)
        self.picker.weights_action.connect(lambda name, choice: c.weights_choice(c.request(name), choice))
        canvas = self.predict_panel.canvas
        canvas.files_dropped.connect(self._dropped)
        canvas.sample_requested.connect(self.open_sample)
        self.predict_panel.thumbs.image_chosen.connect(c.show_path)
        self.batch_panel.row_activated.connect(self._show_from_table)
        self.batch_panel.cancel_requested.connect(c.cancel_batch)
        self.batch_panel.export_requested.connect(self.export_results)
        c.weights_changed.connect(lambda _name: self.picker.refresh_card())
        c.prediction_shown.connect(lambda pred: self.status.set_backend(pred.backend))
        self.client.job_progress.connect(lambda job, f, m, eta: self.status.running(job.title, f, m, eta))
        self.client.job_started.connect(lambda job: self.status.running(job.title, 0.0, "", -1))
        self.client.job_finished.connect(self._job_finished)
        self.status.cancel.clicked.connect(self._cancel_running)

    def _menus(self) -> None:
        def act(menu, text, slot, shortcut=None, name=None):
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(shortcut)
            if name:
                a.setObjectName(name)
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        f = self.menuBar().addMenu("&File")
        act(f, "&Open image(s)…", self.open_images, QKeySequence.StandardKey.Open)
        act(f, "Open &folder…", self.open_folder, QKeySequence("Ctrl+Shift+O"))
        act(f, "&Paste image", self.paste_image, QKeySequence.StandardKey.Paste)
        act(f, "Try a &sample", self.open_sample)
        f.addSeparator()
        act(f, "&Export results…", self.export_results, QKeySequence("Ctrl+E"))
        f.addSeparator()
        act(f, "P&references…", self.edit_preferences, QKeySequence.StandardKey.Preferences)
        act(f, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        v = self.menuBar().addMenu("&View")
        act(v, "Zoom &in", lambda: self.predict_panel.canvas.zoom(1.25), QKeySequence.StandardKey.ZoomIn)
        act(v, "Zoom &out", lambda: self.predict_panel.canvas.zoom(0.8), QKeySequence.StandardKey.ZoomOut)
        act(v, "&Fit to window", self.predict_panel.canvas.fit, QKeySequence("Ctrl+0"))
        h = self.menuBar().addMenu("&Help")
        act(h, "&About", lambda: show_about(self, self.device))

    # -- engine start --------------------------------------------------------------
    def start_engine(self) -> None:
        self.status.set_device("Loading TensorFlow…")
        self.client.run(tasks.start_engine, "Loading TensorFlow", lane="interactive",
                        on_result=self._engine_started,
                        on_error=lambda m, d, e: show_error(self, "TensorFlow failed to start", m, d))

    def _engine_started(self, ready) -> None:
        self.device = ready.device
        d = ready.device
        self.status.set_device(f"{d.summary()} · TF {d.tensorflow} · Keras {d.keras}", d.note)
        self.picker.set_models(ready.models)
        self.comparer.set_specs(ready.models)
        self.picker.refresh_card()
        self.controller.engine_ready = True
        self.controller.predict_current()
        self.engine_ready.emit(ready)

    # -- actions -------------------------------------------------------------------
    def _dropped(self, paths_: list[str]) -> None:
        if any(Path(p).is_dir() for p in paths_):
            self.tabs.setCurrentWidget(self.batch_panel)
        self.controller.open_paths(paths_)

    def _show_from_table(self, path: str) -> None:
        self.tabs.setCurrentWidget(self.predict_panel)
        self.controller.show_path(path)

    def open_images(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open images", "", IMAGE_FILTER)
        if files:
            self.controller.open_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of images")
        if folder:
            self.tabs.setCurrentWidget(self.batch_panel)
            self.controller.open_paths([folder])

    def open_sample(self) -> None:
        samples = sorted(str(p) for p in (paths.resources_dir() / "samples").glob("*.*") if p.suffix != ".md")
        if samples:
            self.predict_panel.thumbs.set_paths(samples)
            self.controller.show_path(samples[0])
            self.predict_panel.thumbs.select(samples[0])

    def paste_image(self) -> None:
        clip = QGuiApplication.clipboard()
        mime = clip.mimeData()
        if mime is not None and mime.hasUrls():
            local = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
            if local:
                self.controller.open_paths(local)
                return
        qimage = clip.image()
        if qimage.isNull():
            show_error(self, "Nothing to paste", "The clipboard holds no image.")
            return
        try:
            self.controller.show_image(images.from_array(from_qimage(qimage), "pasted image"))
        except ImageLoadError as exc:
            show_error(self, "Cannot paste", str(exc))

    def export_results(self) -> None:
        if not self.batch_panel.results:
            show_error(self, "Nothing to export", "Run a folder batch first (drop a folder on the canvas).")
            return
        target, _ = QFileDialog.getSaveFileName(self, "Export results", "predictions.csv", "CSV (*.csv)")
        if target:
            from engine import fileio

            fileio.write_text(target, self.batch_panel.csv_text())
            self.status.idle(f"Exported {len(self.batch_panel.results)} rows to {target}")

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.controller.prefs, self.picker.names(), self)
        if dialog.exec():
            prefs = dialog.result_preferences()
            preferences.save(prefs)
            self.controller.set_prefs(prefs)
            self.picker.refresh_card()

    def _cancel_running(self) -> None:
        for job in self.client.active_jobs():
            job.cancel()

    def _job_finished(self, job) -> None:
        if not any(not j.token.cancelled for j in self.client.active_jobs()):
            self.status.idle("Cancelled" if job.token.cancelled else "")

    def _splitters(self):
        return [self.predict_panel.splitter, self.explain_panel.splitter, self.compare_panel.splitter,
                self.inside_panel.splitter, self.train_panel.splitter]

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        self.explainer.set_active(current is self.explain_panel)
        self.inside.set_active(current is self.inside_panel)
        if current is self.compare_panel:
            self.comparer.ensure_charts()

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        settings.save_layout(self, self._splitters())
        self.client.shutdown()
        super().closeEvent(event)
