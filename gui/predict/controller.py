"""What happens when the user opens an image, picks a model or drops a folder.

Holds the current image, model and weights choice; hands every engine call to the
worker lanes (interactive: the current image, latest wins; long: folder batches and
weight downloads) and routes results back into the panels.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from engine import images, preferences, sources, zoo
from engine.errors import ImageLoadError, WeightsMissingError
from engine.models import ModelRequest
from engine.sources import model_file, remembered

from ..folder import tasks as folder_tasks
from ..folder.panel import BatchPanel
from ..models.missing_weights import RANDOM, MissingWeightsDialog
from ..models.picker import TRAIN_PREFIX
from ..models.weights_controller import ACTIONS, WeightsController
from ..runtime import tasks as runtime_tasks
from ..runtime.worker import EngineClient, Job
from ..widgets.error_dialog import show_error
from . import tasks
from .panel import PredictPanel


def bundle_name(folder: str) -> str:
    """A trained model's display name, from its metadata (the folder name if unreadable), escaped."""
    return sources.display_name(sources.bundle_request(folder))


class _Relay(QObject):
    """Carries folder rows from the worker thread to the GUI thread."""

    row = Signal(int, object)


class PredictController(QObject):
    prediction_shown = Signal(object)  # Prediction
    batch_finished = Signal(str)  # "done", "cancelled", "failed"
    error_shown = Signal(str)
    weights_changed = Signal(str)  # a model's weights changed (download, import, replace, remove)
    image_changed = Signal(object)  # LoadedImage

    def __init__(self, client: EngineClient, predict: PredictPanel, batch: BatchPanel, window: QWidget):
        super().__init__(window)
        self.client, self.predict_panel, self.batch_panel, self.window = client, predict, batch, window
        self.prefs = preferences.load()
        self.model_name = self.prefs.default_model
        self.random_weights: set[str] = set()  # models the user chose to run untrained
        self.weights_files: dict[str, str] = {}  # model -> a weights file chosen for it
        self.variants: dict[str, zoo.Variant] = {}  # model -> the variant picked on its card
        self.ask_on_missing = True  # False in the self-test: missing weights is a failure
        self.image: Optional[images.LoadedImage] = None
        self.engine_ready = False
        self.batch_job: Optional[Job] = None
        self.last_error: Optional[str] = None
        self._relay = _Relay()
        self._relay.row.connect(self._on_row)
        self.weights = WeightsController(client, window, lambda: self.prefs.offline_weights_dirs,
                                         self._weights_arrived)

    # -- requests ------------------------------------------------------------------
    def request(self, name: Optional[str] = None) -> ModelRequest:
        name = name or self.model_name
        if model_file.is_model_path(name):  # a model file or SavedModel folder (its remembered preprocessing)
            return sources.file_request(name)
        if Path(name).is_dir():  # one of the user's trained models
            return sources.bundle_request(name)
        variant = self.variants.get(name, zoo.Variant())
        if name in self.random_weights:
            return ModelRequest(name, variant, None)
        return ModelRequest(name, variant, self.weights_files.get(name, "imagenet"))

    def model_label(self, request: Optional[ModelRequest] = None) -> str:
        """The current model for people: its name and variant, or a trained model's name (not a path)."""
        request = request or self.request()
        if sources.kind(request) == sources.BUNDLE:
            return bundle_name(request.name)
        if sources.kind(request) == sources.FILE:
            return sources.display_name(request)
        from ..models.variant_options import describe

        extra = describe(request.variant)
        label = f"{request.name} ({extra})" if extra else request.name
        if request.weights not in (None, "imagenet"):
            label += f", weights from {Path(request.weights).name}"
        return label

    def set_model(self, name: str) -> None:
        if name == self.model_name and self.predict_panel.prediction is not None:
            return
        self.model_name = name
        self._model_changed()

    def set_variant(self, name: str, variant: zoo.Variant) -> None:
        """The card's width / input size / minimalistic changed: a different model to build."""
        if self.variants.get(name, zoo.Variant()) == variant:
            return
        self.variants[name] = variant
        if name == self.model_name:
            self._model_changed()

    def refresh_model(self) -> None:
        """The current model's settings changed (a model file's preprocessing): predict again."""
        self._model_changed()

    def _model_changed(self) -> None:
        self.predict_current()
        if self.image is not None:
            self.image_changed.emit(self.image)  # views of the image (heatmaps) are stale now

    def current_class_names(self) -> list[str]:
        """Class names of the current model (ImageNet for zoo models, the bundle's for trained ones)."""
        from engine import labels

        from engine.pathnames import printable  # names from a file: shown escaped, as file names are

        if model_file.is_model_path(self.model_name):
            from engine.errors import StudioError
            from engine.sources import class_names

            labels_txt = class_names.beside(self.model_name)
            try:
                names = class_names.parse(labels_txt.read_text(encoding="utf-8")) if labels_txt else []
            except (OSError, UnicodeDecodeError, StudioError):
                return []
            return [printable(n) for n in names]
        meta = Path(self.model_name) / "metadata.json"
        if meta.is_file():
            from engine.errors import StudioError
            from engine.sources.bundle_checks import read_metadata

            try:
                names = list(read_metadata(meta).get("class_names") or [])
            except StudioError:
                return []
            return [printable(n) for n in names if isinstance(n, str)]
        return [c.display for c in labels.classes()]

    def set_prefs(self, prefs: preferences.Preferences) -> None:
        self.prefs = prefs
        runtime_tasks.refresh_policy()
        self.predict_current()

    # -- images --------------------------------------------------------------------
    def open_paths(self, paths: list[str]) -> None:
        files, folders = [], []
        for p in paths:
            (folders if Path(p).is_dir() else files).append(p)
        for folder in folders:
            files_in = [str(f) for f in images.list_images(folder)]
            if not files_in:
                self._error("Empty folder", f"The folder '{folder}' holds no image files.")
                continue
            files.extend(files_in)
            self.start_batch(files_in)
        if files:
            self.predict_panel.thumbs.set_paths(files)
            self.show_path(files[0])

    def show_path(self, path: str) -> None:
        """Show the image at ``path``: canvas, bars and the strip's highlight all follow it, also
        when it cannot be read (then nothing of the previous image stays on screen)."""
        self.predict_panel.thumbs.select(path)
        try:
            image = images.load_image(path)
        except ImageLoadError as exc:
            self.image = None
            self.predict_panel.show_unreadable(Path(path).name, exc.reason)
            self.image_changed.emit(None)
            self._error("Cannot open image", str(exc))
            return
        self._show(image)

    def show_image(self, image: images.LoadedImage) -> None:
        """An image from no file of the strip (pasted): no thumbnail is highlighted."""
        self.predict_panel.thumbs.select(None)
        self._show(image)

    def _show(self, image: images.LoadedImage) -> None:
        self.image = image
        self.predict_panel.show_image(image)
        self.image_changed.emit(image)
        self.predict_current()

    # -- prediction ----------------------------------------------------------------
    def predict_current(self) -> None:
        if self.image is None:
            return
        if not self.engine_ready:
            self.predict_panel.set_pending("Waiting for TensorFlow to load…")
            return
        request = self.request()
        self.predict_panel.set_pending(f"Predicting with {self.model_label(request)}…")
        image = self.image
        self.client.run(tasks.predict_image(request, image, self.prefs.top_k, self.prefs.resize_policy),
                        f"Predict ({self.model_label(request)})", lane="interactive", slot="predict",
                        on_result=lambda pred: self._on_prediction(pred, image),
                        on_error=lambda m, d, e: self._on_predict_error(request, m, d, e))

    def _on_prediction(self, pred, image=None) -> None:
        if image is not None and image is not self.image:
            return  # made for an image no longer shown
        self.predict_panel.set_prediction(pred, self.model_label())
        self.prediction_shown.emit(pred)

    def _on_predict_error(self, request: ModelRequest, message: str, details: str, exc) -> None:
        if isinstance(exc, sources.PreprocessingUnknown) and hasattr(self.window, "ask_preprocessing"):
            self.predict_panel.set_pending("Choose the model file's preprocessing.")
            self.window.ask_preprocessing(exc.path)  # the file changed since its choice was remembered
            return
        if isinstance(exc, WeightsMissingError) and self.ask_on_missing:
            self.predict_panel.set_pending("ImageNet weights missing for this model.")
            self.ask_missing_weights(request, message)
            return
        self.predict_panel.set_pending("The prediction failed (see the message).")
        if sources.kind(request) == sources.FILE:
            remembered.forget(request.name)  # a file that does not open is not listed again at the next start
        self._error("Prediction failed", message, details)

    # -- missing weights -----------------------------------------------------------
    def ask_missing_weights(self, request: ModelRequest, message: str) -> MissingWeightsDialog:
        dialog = MissingWeightsDialog(request.name, message, self.window)
        dialog.finished.connect(lambda _: self.weights_choice(request, dialog.choice))
        dialog.open()
        return dialog

    def weights_choice(self, request: ModelRequest, choice: str, then=None) -> None:
        """Act on the user's answer to missing weights (from the dialog or the model card):
        random, or download / import / replace / remove (:class:`WeightsController`).

        ``then`` (the Train tab's) is called once the weights are here instead of predicting;
        random weights are then the caller's business."""
        if choice == RANDOM and then is None:
            self.random_weights.add(request.name)
            self.predict_current()
        elif choice in ACTIONS:
            self.weights.act(request, choice, self.prefs.weights_mirror, then)

    def card_choice(self, name: str, choice: str) -> None:
        """A weights button of the model card; ``notop_…`` ones act on the no-top file (training)."""
        request = self.request(name)
        if choice.startswith(TRAIN_PREFIX):
            request = ModelRequest(name, dataclasses.replace(request.variant, include_top=False))
            choice = choice[len(TRAIN_PREFIX):]
        self.weights_choice(request, choice)

    def _weights_arrived(self, name: str, then=None) -> None:
        self.weights_changed.emit(name)
        if then is not None:
            then()
            return
        self.random_weights.discard(name)
        if name == self.model_name:
            self._model_changed()  # the built model was dropped: predict (and explain) again

    # -- folder batch --------------------------------------------------------------
    def start_batch(self, files: list[str]) -> None:
        if self.batch_job is not None:
            self.batch_job.cancel()
        request = self.request()
        self.batch_panel.start(len(files), self.model_label(request) + (" (untrained)" if request.untrained else ""))
        job_box: dict = {}
        fn = folder_tasks.predict_folder(request, files, self.prefs.top_k, self.prefs.resize_policy,
                                         lambda r: self._relay.row.emit(job_box["id"], r))
        job = Job(fn, f"Folder ({len(files)} images)", lane="long",
                  on_result=lambda _: self._batch_done(job, "done"),
                  on_error=lambda m, d, e: self._batch_failed(job, request, m, d, e))
        job_box["id"] = job.id
        self.batch_job = job
        self.client.job_finished.connect(self._maybe_cancelled)
        self.client.submit(job)

    def cancel_batch(self) -> None:
        if self.batch_job is not None:
            self.batch_job.cancel()

    def _on_row(self, job_id: int, result) -> None:
        if self.batch_job is not None and job_id == self.batch_job.id:
            self.batch_panel.add_result(result)

    def _maybe_cancelled(self, job) -> None:
        if job is self.batch_job and job.token.cancelled:
            self._batch_done(job, "cancelled")

    def _batch_done(self, job, state: str) -> None:
        if job is not self.batch_job:
            return
        self.batch_job = None
        try:
            self.client.job_finished.disconnect(self._maybe_cancelled)
        except (RuntimeError, TypeError):
            pass
        self.batch_panel.finish(state)
        self.batch_finished.emit(state)

    def _batch_failed(self, job, request, message, details, exc) -> None:
        self._batch_done(job, "failed")
        if isinstance(exc, WeightsMissingError):
            self.ask_missing_weights(request, message)
        else:
            self._error("Folder batch failed", message, details)

    # -- errors --------------------------------------------------------------------
    def _error(self, title: str, message: str, details: str = "") -> None:
        self.last_error = message
        show_error(self.window, title, message, details)
        self.error_shown.emit(message)
