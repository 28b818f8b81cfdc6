"""The main window: composes the picker, the Predict and Folder tabs, menus and the status
bar.  Behaviour lives in :mod:`gui.predict.controller`; engine work in :mod:`gui.runtime.worker`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QToolButton

from engine import images, paths, preferences, zoo
from engine.errors import ImageLoadError

from ..compare.controller import CompareController
from ..compare.panel import ComparePanel
from ..explain.controller import ExplainController
from ..explain.panel import ExplainPanel
from ..folder.panel import BatchPanel
from ..inside.controller import InsideController
from ..inside.panel import InsidePanel
from ..models import tasks as model_tasks
from ..models.files import ModelFiles
from ..models.picker import ModelPicker
from ..predict.controller import PredictController
from ..predict.panel import PredictPanel
from ..runtime import settings, tasks
from ..runtime.worker import EngineClient
from ..train.controller import TrainController
from ..train.panel import TrainPanel
from ..widgets.error_dialog import message_box, show_error
from ..widgets.images import from_qimage
from ..widgets.scrolling import PageTabs
from .about import show_about
from .closing import CloseGuard
from .help import show_guide, show_shortcuts
from .job_status import JobStatus
from .preferences_dialog import PreferencesDialog

IMAGE_FILTER = "Images (" + " ".join(f"*{e}" for e in images.IMAGE_EXTENSIONS) + ");;All files (*)"


class MainWindow(QMainWindow):
    engine_ready = Signal(object)  # tasks.Ready

    def __init__(self, client: EngineClient | None = None):
        super().__init__()
        self.setWindowTitle("Pretrained Studio")
        self._fit_screen(1280, 800)
        self.client = client or EngineClient(self)
        self.device = None
        self.picker = ModelPicker(status_fn=lambda spec, variant: model_tasks.weights_status(
            spec, self.controller.prefs.offline_weights_dirs, variant))
        self.picker.set_models(zoo.catalog())  # from the data file: no TensorFlow yet
        self.dock = dock = QDockWidget("Models", self)
        dock.setObjectName("modelsDock")
        dock.setWidget(self.picker)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.predict_panel = PredictPanel()
        self.batch_panel = BatchPanel()
        self.tabs = PageTabs()  # pages scroll instead of growing the window
        self.explain_panel = ExplainPanel()
        self.tabs.addPage(self.predict_panel, "Predict")
        self.tabs.addPage(self.explain_panel, "Explain")
        self.inside_panel = InsidePanel()
        self.tabs.addPage(self.inside_panel, "Inside")
        self.tabs.addPage(self.batch_panel, "Folder")
        self.train_panel = TrainPanel()
        self.tabs.addPage(self.train_panel, "Train")
        self.compare_panel = ComparePanel()
        self.tabs.addPage(self.compare_panel, "Compare")
        self.models_button = QToolButton()
        self.models_button.setObjectName("toggleModels")
        self.models_button.setToolTip("Show or hide the model list (Ctrl+M)")
        self.tabs.setCornerWidget(self.models_button, Qt.Corner.TopLeftCorner)
        self.setCentralWidget(self.tabs)
        self.status = JobStatus()
        self.statusBar().addPermanentWidget(self.status, 1)
        self.controller = PredictController(self.client, self.predict_panel, self.batch_panel, self)
        self.explainer = ExplainController(self.client, self.explain_panel, self.controller, self)
        self.comparer = CompareController(self.client, self.compare_panel, self)
        self.inside = InsideController(self.client, self.inside_panel, self.controller, self.explain_panel, self)
        self.trainer = TrainController(self.client, self.train_panel, self.picker, self.controller, self)
        self.trainer.set_models(zoo.catalog())
        self.model_files = ModelFiles(self)
        self.close_guard = CloseGuard(self)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._wire()
        self._menus()
        self._restore_model()
        self.model_files.restore()  # the files opened last time, listed again when checked
        settings.restore_layout(self, self._splitters())
        self._sync_models_button()
        self.preferences_notice = self._preferences_notice()

    def _preferences_notice(self):
        """Bad fields in the preferences file were replaced by defaults, or a state file of the app
        could not be used and was set aside: say which, once."""
        from engine import safefiles

        problems = preferences.load_report()[1]
        others = [n for n in safefiles.notices() if n not in problems]
        if not problems and not others:
            return None
        text = ("Some preferences could not be used; their defaults apply until you save Preferences again:\n\n"
                + "\n".join(f"• {p}" for p in problems)) if problems else ""
        if others:
            text += ("\n\n" if text else "") + "Files of the app that could not be used:\n\n" + "\n".join(
                f"• {n}" for n in others)
        box = message_box(self, QMessageBox.Icon.Warning, "Preferences", text)
        box.setModal(False)
        box.show()
        return box

    # -- wiring --------------------------------------------------------------------
    def _wire(self) -> None:
        c = self.controller
        self.picker.model_chosen.connect(c.set_model)
        self.picker.model_chosen.connect(lambda _: self.status.clear_note())  # a note was about the last model
        self.picker.variant_chosen.connect(lambda *_: self.status.clear_note())
        self.picker.model_chosen.connect(lambda name: settings.save_json("picker/model", name))
        self.picker.variant_chosen.connect(c.set_variant)
        self.picker.variant_chosen.connect(lambda *_: settings.save_json(
            "picker/variants", {n: asdict(v) for n, v in self.picker.variants().items()}))
        self.dock.visibilityChanged.connect(lambda _: self._sync_models_button())
        self.models_button.clicked.connect(lambda: self._models_shown(self.dock.isHidden()))
        self.batch_panel.open_requested.connect(self.open_folder)
        self.trainer.show_tab.connect(self._show_tab)
        self.trainer.open_image.connect(self._open_from_train)
        self.trainer.note.connect(self.status.note)
        self.picker.weights_action.connect(c.card_choice)
        self.picker.weights_check_needed.connect(c.weights.check)  # verified on a worker lane
        c.weights.checked.connect(lambda: self.picker.refresh_card(ask=False))
        c.weights.note.connect(self.status.note)
        canvas = self.predict_panel.canvas
        canvas.files_dropped.connect(self.open_paths)
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
        act(f, "Open &model file…", self.open_model_file, name="openModelFile")
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
        v.addSeparator()
        act(v, "&Model list", lambda: self._models_shown(self.dock.isHidden()), QKeySequence("Ctrl+M"),
            name="toggleModelList")
        for i, name in enumerate(("Predict", "Explain", "Inside", "Folder", "Train", "Compare")):
            act(v, f"Go to {name}", lambda _=False, i=i: self.tabs.setCurrentIndex(i), QKeySequence(f"Alt+{i + 1}"))
        h = self.menuBar().addMenu("&Help")
        act(h, "&Getting started", lambda: show_guide(self), QKeySequence.StandardKey.HelpContents)
        act(h, "&Keyboard shortcuts", lambda: show_shortcuts(self, self.menuBar()))
        act(h, "&About", lambda: show_about(self, self.device))

    # -- engine start --------------------------------------------------------------
    def start_engine(self) -> None:
        self.status.set_device("")  # the job line says "Loading TensorFlow…"
        self.client.run(tasks.start_engine, "Loading TensorFlow", lane="interactive",
                        on_result=self._engine_started,
                        on_error=lambda m, d, e: show_error(self, "TensorFlow failed to start", m, d))

    def _engine_started(self, ready) -> None:
        self.device = ready.device
        d = ready.device
        self.status.set_device(d.summary(), f"{d.summary()} · TF {d.tensorflow} · Keras {d.keras}"
                               + (f"\n{d.note}" if d.note else ""))
        self.picker.set_models(ready.models)
        self.comparer.set_specs(ready.models)
        self.picker.refresh_card()
        self.controller.engine_ready = True
        self.client.run(tasks.warm_charts, "Preparing charts", lane="charts", quiet=True)
        self.controller.predict_current()
        self.engine_ready.emit(ready)

    # -- actions -------------------------------------------------------------------
    def open_paths(self, paths_: list[str]) -> None:
        """Images or folders dropped on the window or named on the command line ("Open with")."""
        if any(Path(p).is_dir() for p in paths_):
            self.tabs.setCurrentWidget(self.batch_panel)
        self.controller.open_paths(paths_)

    def _show_from_table(self, path: str) -> None:
        self.tabs.setCurrentWidget(self.predict_panel)
        self.controller.show_path(path)

    def open_images(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Open images", settings.last_dir("images"), IMAGE_FILTER)
        if files:
            settings.remember_dir("images", files[0])
            self.controller.open_paths(files)

    def open_model_file(self, path: str = "") -> None:
        self.model_files.open(path)

    def ask_preprocessing(self, path: str, select: bool = False):
        return self.model_files.ask_preprocessing(path, select)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of images", settings.last_dir("folders"))
        if folder:
            settings.remember_dir("folders", folder)
            self.tabs.setCurrentWidget(self.batch_panel)
            self.controller.open_paths([folder])

    def open_sample(self) -> None:
        samples = sorted(str(p) for p in (paths.resources_dir() / "samples").glob("*.*") if p.suffix != ".md")
        if samples:
            self.predict_panel.thumbs.set_paths(samples)
            self.controller.show_path(samples[0])

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

    def export_results(self) -> bool:
        """The folder results as CSV, where the user says; True when written."""
        if not self.batch_panel.results:
            show_error(self, "Nothing to export", "Run a folder batch first (drop a folder on the canvas).")
            return False
        start = settings.export_start("predictions.csv")
        target, _ = QFileDialog.getSaveFileName(self, "Export results", start, "CSV (*.csv)")
        if target:
            from engine import fileio

            settings.remember_dir("export", target)
            fileio.write_text(target, self.batch_panel.csv_text())
            self.status.note(f"Exported {len(self.batch_panel.results)} rows to {Path(target).name}", target)
        return bool(target)

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
        if job.quiet:
            return
        if not any(not (j.token.cancelled or j.quiet) for j in self.client.active_jobs()):
            self.status.idle("Cancelled" if job.token.cancelled else "")

    def _splitters(self):
        return [self.predict_panel.splitter, self.explain_panel.splitter, self.compare_panel.splitter,
                self.inside_panel.splitter, self.train_panel.splitter, self.picker.split]

    # -- layout --------------------------------------------------------------------
    def _fit_screen(self, width: int, height: int) -> None:
        """The first size: 1280×800, or less on a smaller screen (a 1024×768 projector)."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            avail = screen.availableGeometry()
            width, height = min(width, avail.width()), min(height, avail.height())
        self.resize(width, height)

    def _models_shown(self, shown: bool) -> None:
        self.dock.setVisible(shown)
        self._sync_models_button()

    def _sync_models_button(self) -> None:
        shown = not self.dock.isHidden()
        self.models_button.setText("◀ Models" if shown else "▶ Models")

    def _restore_model(self) -> None:
        """The model the user had last time (also one of "My models"), else the preferences' default."""
        self.picker.set_variants(_variants(settings.load_json("picker/variants", {})))
        self.controller.variants.update(self.picker.variants())
        last = settings.load_json("picker/model")
        if not (isinstance(last, str) and self.picker.select(last)):
            self.picker.select(self.controller.model_name)

    def _show_tab(self, name: str) -> None:
        panel = {"predict": self.predict_panel, "explain": self.explain_panel}.get(name)
        if panel is not None:
            self.tabs.setCurrentWidget(panel)

    def _open_from_train(self, path: str, tab: str) -> None:
        self._show_tab(tab)
        self.controller.show_path(path)

    def _tab_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        self.explainer.set_active(current is self.explain_panel)
        self.inside.set_active(current is self.inside_panel)
        self.trainer.set_active(current is self.train_panel)
        if current is self.compare_panel:
            self.comparer.ensure_charts()

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.close_guard.allow_close():  # training, a batch or a download runs: asked first
            event.ignore()
            return
        settings.save_layout(self, self._splitters())
        self.trainer.shutdown()
        self.predict_panel.thumbs.stop()
        self.client.shutdown()
        super().closeEvent(event)


def _variants(saved) -> dict:
    """{model: Variant} from the settings; entries that no longer fit are dropped."""
    out = {}
    for name, fields in (saved or {}).items() if isinstance(saved, dict) else ():
        try:
            out[name] = zoo.Variant(**fields)
        except TypeError:
            continue
    return out
