"""The model card's weights actions — download, import, replace, remove — and its file checks.

Every action is the engine's own call (:func:`engine.model_weights.import_weights` proves the file
loads, keeps its format and keeps the import it replaces; :func:`engine.model_weights.remove_import`
brings that one back) run on the ``long`` lane; a refusal is shown as an error with the
engine's message, never as a success.  When weights change, the built model of that variant
is dropped (in the job) and the Predict controller re-predicts.  The card's status checks
(hashing a file the first time) run on the ``files`` lane, never on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine.models import ModelRequest

from ..i18n.words import fmt, translate
from ..runtime import settings
from ..runtime.worker import EngineClient
from ..widgets.error_dialog import show_error
from . import tasks

DOWNLOAD, IMPORT, REPLACE, REMOVE = "download", "import", "replace", "remove"
ACTIONS = (DOWNLOAD, IMPORT, REPLACE, REMOVE)


def weights_filter() -> str:
    return (translate("WeightsController", "Keras weights (*.h5 *.weights.h5)") + ";;"
            + translate("WeightsController", "All files (*)"))


def _what(request: ModelRequest) -> str:
    if request.variant.include_top:
        return request.name
    return fmt(translate("WeightsController", "{model} (no top, for training)"), model=request.name)


def _no_predict(request: ModelRequest):
    """A no-top file changed: predictions do not use it, so nothing to re-run."""
    return None if request.variant.include_top else (lambda: None)


def _imports(request: ModelRequest):
    """(current import, the one Remove would bring back) of a variant, from the app's index only."""
    from engine import model_weights
    from engine.weights import importing

    known = model_weights.manifest_file(request.name, request.variant)  # no TensorFlow
    if known is None:
        return None, None
    filename = known[1].filename
    prev = importing.previous(filename)
    if prev is not None and not (importing.previous_dir() / prev.file).is_file():
        prev = None
    return importing.current(filename), prev


class WeightsController(QObject):
    note = Signal(str, str)  # what was done, for the status bar, and its tooltip
    checked = Signal()  # a file check came back: the card can show its verdict
    failed = Signal(str)  # an action was refused (the error dialog is shown)

    def __init__(self, client: EngineClient, window: QWidget, offline_dirs: Callable[[], Sequence[str]],
                 arrived: Callable[[str, Optional[Callable]], None]):
        super().__init__(window)
        self.client, self.window = client, window
        self._offline_dirs = offline_dirs
        self._arrived = arrived  # (model name, then): the Predict controller's "weights changed"
        self._checking: set = set()
        self._running: list = []  # downloads and imports under way (closing the window asks first)
        client.job_finished.connect(lambda job: job in self._running and self._running.remove(job))

    # -- actions ---------------------------------------------------------------------
    def act(self, request: ModelRequest, choice: str, mirror: str = "", then=None) -> None:
        """``then`` is called once the weights are here instead of re-predicting (the Train tab's)."""
        what = _what(request)
        then = then or _no_predict(request)
        if choice == DOWNLOAD:
            self._running.append(self.client.run(
                tasks.download_weights(request, mirror), fmt(self.tr("Download {what}"), what=what), lane="long",
                on_result=lambda _: self._arrived(request.name, then),
                on_error=lambda m, d, e: self._refused(self.tr("Download failed"), m, d)))
        elif choice in (IMPORT, REPLACE):
            path, _ = QFileDialog.getOpenFileName(self.window, fmt(self.tr("Weights file for {what}"), what=what),
                                                  settings.last_dir("weights"), weights_filter())
            if path:
                settings.remember_dir("weights", path)
                self._running.append(self.client.run(
                    tasks.import_weights(request, path, replace=choice == REPLACE),
                    fmt(self.tr("Import weights for {what}"), what=what),
                    lane="long", on_result=lambda rec: self._imported(request, rec, choice, then),
                    on_error=lambda m, d, e: self._refused(self.tr("Import refused"), m, d)))
        elif choice == REMOVE:
            self._remove(request)

    def running_titles(self) -> list[str]:
        """What downloads or imports are under way ("Download MobileNetV2")."""
        return [job.title for job in self._running]

    def cancel_running(self) -> None:
        for job in self._running:
            job.cancel()

    def _imported(self, request: ModelRequest, rec, choice: str, then) -> None:
        kind = "Keras 3" if rec.format == "keras3" else self.tr("legacy")
        details = (self.tr("Imported {file} for {what} ({format} format, proven to load; Remove brings back the one "
                           "it replaced).") if choice == REPLACE else
                   self.tr("Imported {file} for {what} ({format} format, proven to load)."))
        self.note.emit(fmt(self.tr("Imported weights for {what}"), what=_what(request)),
                       fmt(details, file=Path(rec.source).name, what=_what(request), format=kind))
        self._arrived(request.name, then)

    def _remove(self, request: ModelRequest) -> None:
        current, prev = _imports(request)
        name = Path(current.source).name if current is not None else self.tr("the imported file")
        after = (fmt(self.tr("The earlier import from {file} ({date}) will be used again."),
                     file=Path(prev.source).name, date=prev.imported_at[:10]) if prev is not None else
                 self.tr("Nothing imported is left for it then: the weights are looked for in the usual places."))
        question = fmt(self.tr("Remove the weights imported from {file} for {what}?"), file=name, what=_what(request))
        answer = QMessageBox.question(self.window, self.tr("Remove imported weights"), f"{question}\n\n{after}")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.client.run(tasks.remove_weights(request), fmt(self.tr("Remove weights of {what}"), what=_what(request)),
                        lane="long", on_result=lambda result: self._removed(request, result),
                        on_error=lambda m, d, e: self._refused(self.tr("Cannot remove the weights"), m, d))

    def _removed(self, request: ModelRequest, result) -> None:
        gone = Path(result.removed.source).name or result.removed.file
        if result.restored is not None:
            details = fmt(self.tr("Removed the weights imported from {file} for {what}; in use again: the earlier "
                                  "import from {earlier}."), file=gone, what=_what(request),
                          earlier=Path(result.restored.source).name)
        else:
            details = fmt(self.tr("Removed the weights imported from {file} for {what}."), file=gone,
                          what=_what(request))
        self.note.emit(fmt(self.tr("Removed the imported weights of {what}"), what=_what(request)), details)
        self._arrived(request.name, _no_predict(request))

    def _refused(self, title: str, message: str, details: str) -> None:
        show_error(self.window, title, message, details)
        self.failed.emit(message)

    # -- checks for the card -----------------------------------------------------------
    def check(self, spec, variants) -> None:
        """Verify the files the card shows as "checking…"; ``checked`` when they are remembered."""
        key = (spec.name, tuple(v.describe() for v in variants))
        if key in self._checking:
            return
        self._checking.add(key)

        def done(_result=None) -> None:
            self._checking.discard(key)
            self.checked.emit()

        self.client.run(tasks.check_weights(spec, list(self._offline_dirs()), list(variants)),
                        fmt(self.tr("Checking {model}'s weights"), model=spec.name), lane="files", quiet=True,
                        on_result=done, on_error=lambda m, d, e: done())
