"""Runs the Train tab: the dataset check and training on the long lane (so predictions of a
dropped image still answer during a run), live curves, why a run stopped, what a cancel
kept, the results, the new model in the picker.  The confusion-matrix review (images,
move to another class, undo) and the export are in :mod:`gui.train.review`."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from engine import paths, zoo
from engine.errors import StudioError, WeightsMissingError
from engine.models import ModelRequest
from engine.sources import remembered
from engine.train import bundle, checkpoint, features, output
from engine.train.trainer import TrainSettings

from ..models.missing_weights import RANDOM, MissingWeightsDialog
from ..runtime import settings as gui_settings
from ..widgets.error_dialog import show_error
from . import tasks as train_tasks
from . import text as train_text
from .live_curves import LiveCurves
from .panel import TrainPanel
from .review import TrainReview
from .run_history import RunHistory


class _Relay(QObject):
    """Carries what the training thread reports to the GUI thread."""

    epoch = Signal(int, dict)
    batch = Signal(float, float)
    kept = Signal(object)  # TrainingCancelled: the checkpoint a cancel kept


class TrainController(QObject):
    reported = Signal(object)  # DatasetReport
    trained = Signal(object, str)  # TrainResult, bundle folder
    epoch_logged = Signal(int, dict)
    picture_shown = Signal(str)  # "preview" or "misclassified"
    curves_drawn = Signal(int)  # number of plots
    cancelled = Signal(object)  # the TrainingCancelled with what was kept, or None
    show_tab = Signal(str)  # "predict" or "explain": the window switches to it
    open_image = Signal(str, str)  # path, tab
    note = Signal(str, str)  # a lasting status-bar message ("Saved …") and its tooltip (the folder)
    adopt_failed = Signal(str)  # saving a cancelled run's kept epoch failed (the message)

    def __init__(self, client, panel: TrainPanel, picker, predict_controller, window):
        super().__init__(window)
        self.client, self.panel, self.picker, self.pc, self.window = client, panel, picker, predict_controller, window
        self.report = None
        self.job = None
        self.run_job = None  # the training run on the long lane (not the saving of a kept epoch)
        self.bundle_path = None
        self.run = RunHistory()  # epochs, curves' data, numbered across a resume
        self.run_settings: TrainSettings | None = None
        self.run_folder = ""
        self.kept = None
        self.adopted_epoch = 0  # the kept epoch being made the trained model
        self.exported = None  # the last ExportedModel
        self.untrained: set[str] = set()  # base models the user chose to train from random weights
        self.live = LiveCurves(client, panel, self._curve_data, self)
        self.live.drawn.connect(self.curves_drawn)
        self._relay = _Relay()
        self._relay.epoch.connect(self._epoch)
        self._relay.batch.connect(self._batch)
        self._relay.kept.connect(self._kept)
        self.evaluation = None
        self.review = TrainReview(self)
        panel.scan_requested.connect(self.scan)
        panel.train_requested.connect(self.start)
        panel.cancel_requested.connect(lambda: self.job and self.job.cancel())
        panel.clear_cache_requested.connect(self.clear_cache)
        panel.use_model_requested.connect(self.use_model)
        panel.preview_requested.connect(self.preview)
        panel.adopt_requested.connect(self.adopt_kept)
        panel.discard_requested.connect(self.discard_kept)
        panel.resume_requested.connect(self.resume_kept)
        panel.continue_requested.connect(self.pick_model_to_continue)
        self.start_from: str | None = None  # "Continue training…": the model the next run starts from
        self._report_pending = False
        client.job_finished.connect(self._finished)
        window.engine_ready.connect(lambda ready: panel.show_gpu_option(len(ready.device.gpus)))
        self.refresh_models()

    def set_models(self, specs) -> None:
        self.panel.form.set_models(specs)
        self.panel.form.restore(gui_settings.load_json("train/form", {}))
        self._report_pending = bool(self.panel.folder.text().strip())  # shown when the tab is first shown

    def set_active(self, active: bool) -> None:
        """The Train tab is shown: a training folder remembered from last time gets its report."""
        folder = self.panel.folder.text().strip()
        if active and self._report_pending and self.report is None and folder and Path(folder).is_dir():
            self.scan()
        if active:
            self._report_pending = False

    def remember_form(self) -> None:
        gui_settings.save_json("train/form", self.panel.form.state())

    def refresh_models(self) -> None:
        self.picker.set_user_models(bundle.user_models())
        self.panel.cache.setText(f"Feature cache: {features.cache_size_bytes() / 1e6:.1f} MB")

    # -- dataset -------------------------------------------------------------------
    def scan(self, then_train: bool = False) -> None:
        folder = self.panel.folder.text().strip()
        if not folder:
            show_error(self.window, "No data", "Choose a folder with one subfolder per class.")
            return
        self.client.run(train_tasks.scan_dataset(folder, self.panel.val_folder.text().strip()), "Checking dataset",
                        lane="long", on_result=lambda r: self._reported(r, then_train),
                        on_error=lambda m, d, e: show_error(self.window, "Dataset problem", m, d))

    def _reported(self, result, then_train: bool) -> None:
        report, thumbs = result
        self.report = report
        self.panel.dataset_text.setHtml(train_text.dataset_html(report))
        self.panel.preview.set_classes(report.counts, thumbs)
        if not then_train:
            self.panel.views.setCurrentIndex(0)
        self.reported.emit(report)
        if then_train:
            self.start()

    # -- training ------------------------------------------------------------------
    def settings(self) -> TrainSettings:
        pooling, dense = self.panel.head.currentData()
        model = self.panel.model.currentText() or "MobileNetV2"
        path = self.panel.form.model_file()
        if path:  # a model file: fine-tune it further, with the preprocessing chosen for it
            model = Path(path).stem
        variant = self.panel.form.variant.variant()
        untrained = model in self.untrained or model in self.pc.random_weights
        return TrainSettings(model=model, alpha=variant.alpha, input_size=variant.input_size,
                             mode=self.panel.mode.currentData(), epochs=self.panel.epochs.value(),
                             finetune_epochs=self.panel.form.finetune_epochs.value(),
                             unfreeze=self.panel.unfreeze.value(), pooling=pooling, dense=list(dense),
                             augmentations=self.panel.augmentations(), resize_policy=self.pc.prefs.resize_policy,
                             lr_schedule=self.panel.schedule.currentData(), early_stopping=self.panel.patience.value(),
                             weights=None if untrained else "imagenet",
                             devices="all" if self.panel.all_gpus.isChecked() else "one", model_file=path,
                             preprocess=remembered.preprocessing(path) if path else None)

    def start(self) -> None:
        self.remember_form()
        if self.report is None or self.report.root != self.panel.folder.text().strip():
            self.scan(then_train=True)
            return
        self.discard_kept()
        s = self.settings()
        try:  # a new folder: the Train tab never replaces an earlier model (NAME-2, NAME-3, ...)
            out = str(output.plan(None, name=output.default_name(s.model, self.report.root, s.mode),
                                  data_dirs=[self.report.root, self.panel.val_folder.text().strip()]))
        except StudioError as exc:
            show_error(self.window, "Cannot save the trained model", str(exc))
            return
        start_from, self.start_from = self.start_from, None  # one run continues the picked model
        self._launch(s, out, start_from)

    @property
    def history(self) -> dict:
        return self.run.history

    @property
    def epochs_seen(self) -> list[int]:
        return self.run.epochs

    @property
    def batches(self) -> list:
        return self.run.batches

    def _launch(self, s: TrainSettings, out: str, start_from: str | None = None, drop: str | None = None,
                resumed_at: int = 0) -> None:
        """Train on the long lane; ``start_from``: a model or kept checkpoint to continue
        (loaded in the worker), ``drop``: a kept checkpoint to remove once the run is under way,
        ``resumed_at``: the kept epoch a resumed run goes on from (its epochs are numbered on)."""
        self.run.start(resumed_at)
        self.evaluation = None
        self.run_settings, self.run_folder = s, out
        self.panel.clear_results()
        self.panel.set_running(True)
        self.panel.views.setCurrentIndex(1)
        r = self._relay
        what = "Resuming" if resumed_at else "Continuing" if start_from else "Training"
        self.job = self.client.run(train_tasks.train_model(self.report, s, out, r.epoch.emit, r.batch.emit,
                                                           r.kept.emit, start_from=start_from, drop=drop,
                                                           history_before=self.run.before(),
                                                           renumber=self.run.renumber),
                                   f"{what} {s.model} ({s.mode})", lane="long", on_result=self._trained,
                                   on_error=self._failed)
        self.run_job = self.job

    def is_training(self) -> bool:
        """A training run is under way (closing the window asks first)."""
        return self.run_job is not None

    def pick_model_to_continue(self) -> None:
        """"Continue training…": the next Train starts from a trained model of this app."""
        folder = QFileDialog.getExistingDirectory(self.window, "Continue training which model?",
                                                  str(paths.user_models_dir()))
        if not folder:
            return
        if not bundle.is_bundle(folder):
            show_error(self.window, "Cannot continue this folder",
                       f"'{folder}' is not a model trained by this app (a folder with model.keras and "
                       "metadata.json). Pick one from your models folder.")
            return
        self.start_from = folder
        self.panel.message.setText(f"Train continues <b>{escape(Path(folder).name)}</b>: its base and head, "
                                   "on the images of the training folder (new classes grow the head).")

    def _epoch(self, epoch: int, logs: dict) -> None:
        epoch = self.run.add_epoch(epoch, logs)
        self.draw_curves()
        self.epoch_logged.emit(epoch, logs)

    def _batch(self, x: float, loss: float) -> None:
        self.run.add_batch(x, loss)

    def draw_curves(self) -> None:
        """Ask the charts lane for the curves at the view's size (one render at a time)."""
        self.live.draw()

    @property
    def curves(self):
        """The curves' ChartImage (None before the first epoch)."""
        return self.live.image

    def _curve_data(self):
        run = self.run
        return ({k: list(v) for k, v in run.history.items()}, list(run.batches), run.phase_start(self.run_settings),
                list(run.epochs), run.resumed_at)

    def _trained(self, result) -> None:
        res, folder = result
        self.kept = None
        self.bundle_path = folder
        self.evaluation = res.evaluation
        if self.history:
            self.draw_curves()
        classes = self.report.classes
        self.panel.results_text.setHtml(train_text.results_html(res.evaluation, classes, folder, res.seconds))
        if res.cancelled:
            why = f"Epoch {self.adopted_epoch} of the cancelled run is now the trained model."
        else:
            why = train_text.stop_reason(res.settings, *self.run.this_run(), offset=self.run.resumed_at)
        if self.run.resumed_at and not res.cancelled:
            why = train_text.resumed_text(self.run.resumed_at, self.epochs_seen[-1] if self.epochs_seen else 0,
                                          why)
        self.panel.message.setText(why or f"Trained {len(self.epochs_seen)} epochs.")
        self.review.show_results(self.report, res.evaluation)
        self.panel.use.setEnabled(True)
        self.panel.export.setEnabled(True)
        self.panel.views.setCurrentIndex(2)
        self.refresh_models()
        self.note.emit(*train_text.saved_note(folder))
        self.trained.emit(res, folder)
        if res.evaluation.misclassified:
            self.client.run(train_tasks.misclassified_gallery(folder, res.evaluation.misclassified, classes,
                                                              self.pc.prefs.resize_policy),
                            "Grad-CAM of misclassified images", lane="long",
                            on_result=lambda g: self._picture(g, "misclassified"),
                            on_error=lambda m, d, e: show_error(self.window, "Gallery failed", m, d))

    def preview(self) -> None:
        """Show the chosen augmentations on a training image (or a bundled sample)."""
        sample = self.report.train[0].path if self.report and self.report.train else str(
            sorted((paths.resources_dir() / "samples").glob("*.png"))[0])
        self.client.run(train_tasks.augmentation_preview(sample, self.panel.augmentations()), "Augmentation preview",
                        lane="interactive", slot="augment-preview", on_result=lambda g: self._picture(g, "preview"),
                        on_error=lambda m, d, e: show_error(self.window, "Preview failed", m, d))

    def _picture(self, grid, kind: str) -> None:
        if grid is not None:
            target = self.panel.augment_picture if kind == "preview" else self.panel.pictures
            self.panel.show_picture(grid, target)
            if kind == "preview":
                self.panel.views.setCurrentIndex(0)
            self.picture_shown.emit(kind)

    def _failed(self, message, details, exc) -> None:
        if isinstance(exc, WeightsMissingError) and self.run_settings is not None:
            self.ask_missing_weights(message)
            return
        self.panel.message.setText("<b>Training failed</b> (see the message).")
        show_error(self.window, "Training failed", message, details)

    # -- missing weights: the same choices as Predict --------------------------------
    def ask_missing_weights(self, message: str) -> MissingWeightsDialog:
        s = self.run_settings
        self.panel.message.setText(f"The ImageNet weights {s.model} needs for training are not on this computer.")
        request = ModelRequest(s.model, zoo.Variant(alpha=s.alpha, include_top=False, input_size=s.input_size))
        dialog = MissingWeightsDialog(s.model, message, self.window)
        dialog.finished.connect(lambda _: self._weights_choice(request, dialog.choice))
        dialog.open()
        return dialog

    def _weights_choice(self, request: ModelRequest, choice: str) -> None:
        if choice == RANDOM:
            self.untrained.add(request.name)
            self.start()
        else:  # download or import the no-top file, then train
            self.pc.weights_choice(request, choice, then=self.start)

    # -- cancel: what was kept -------------------------------------------------------
    def _kept(self, kept) -> None:
        self.kept = kept

    def _finished(self, job) -> None:
        if job is self.run_job:
            self.run_job = None
        if job is not self.job:
            return
        self.panel.set_running(False)
        if job.token.cancelled:
            self.panel.message.setText(train_text.kept_html(self.kept, len(self.epochs_seen), self.run.resumed_at))
            self.panel.kept_box.setVisible(self.kept is not None)
            self.panel.resume.setVisible(self.can_resume())
            if self.kept is not None:  # the choices in view, not below the form (once laid out)
                QTimer.singleShot(0, lambda: self.panel.left_area.ensureWidgetVisible(self.panel.kept_box))
            self.cancelled.emit(self.kept)

    def adopt_kept(self) -> None:
        kept, s = self.kept, self.run_settings
        if kept is None or s is None:
            return
        self.panel.kept_box.hide()
        self.adopted_epoch = kept.best_epoch + self.run.resumed_at  # as the user counts the epochs
        self.job = self.client.run(train_tasks.adopt_checkpoint(kept, self.report, s, self.run_folder,
                                                                dict(self.history), self.adopted_epoch),
                                   "Saving the kept model", lane="long", on_result=self._trained,
                                   on_error=self._adopt_failed)

    def _adopt_failed(self, message, details, _exc) -> None:
        show_error(self.window, "Cannot use the kept model", message, details)
        self.adopt_failed.emit(message)

    def discard_kept(self) -> None:
        if self.kept is not None:
            checkpoint.discard(self.kept.checkpoint)
            self.kept = None
            self.panel.kept_box.hide()
            self.panel.message.setText("The kept checkpoint was discarded.")

    def can_resume(self) -> bool:
        """A cancelled run's kept checkpoint can be trained on (the "Resume" button)."""
        return self.kept is not None and self.run_settings is not None and self.report is not None

    def resume_kept(self) -> None:
        """Train on from the kept epoch, same settings, for the epochs that were left."""
        if not self.can_resume():
            return
        kept, s = self.kept, self.run_settings
        self.kept = None
        self.panel.kept_box.hide()
        self._launch(replace(s, epochs=max(1, s.epochs - kept.best_epoch)), self.run_folder,
                     start_from=kept.checkpoint, drop=kept.checkpoint, resumed_at=self.run.resumed_at + kept.best_epoch)

    # -- the trained model -----------------------------------------------------------
    def use_model(self) -> None:
        if self.bundle_path:
            self.picker.select(self.bundle_path)
            self.show_tab.emit("predict")

    def clear_cache(self) -> None:
        features.clear_cache()
        self.refresh_models()

    def shutdown(self) -> None:
        """The window closes: remember the form, leave no checkpoint behind."""
        self.remember_form()
        self.discard_kept()
