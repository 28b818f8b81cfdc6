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

from ..runtime import settings
from ..runtime.worker import EngineClient
from ..widgets.error_dialog import show_error
from . import tasks

DOWNLOAD, IMPORT, REPLACE, REMOVE = "download", "import", "replace", "remove"
ACTIONS = (DOWNLOAD, IMPORT, REPLACE, REMOVE)
WEIGHTS_FILTER = "Keras weights (*.h5 *.weights.h5);;All files (*)"


def _what(request: ModelRequest) -> str:
    return f"{request.name} (no top, for training)" if not request.variant.include_top else request.name


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
                tasks.download_weights(request, mirror), f"Download {what}", lane="long",
                on_result=lambda _: self._arrived(request.name, then),
                on_error=lambda m, d, e: self._refused("Download failed", m, d)))
        elif choice in (IMPORT, REPLACE):
            path, _ = QFileDialog.getOpenFileName(self.window, f"Weights file for {what}",
                                                  settings.last_dir("weights"), WEIGHTS_FILTER)
            if path:
                settings.remember_dir("weights", path)
                self._running.append(self.client.run(
                    tasks.import_weights(request, path, replace=choice == REPLACE), f"Import weights for {what}",
                    lane="long", on_result=lambda rec: self._imported(request, rec, choice, then),
                    on_error=lambda m, d, e: self._refused("Import refused", m, d)))
        elif choice == REMOVE:
            self._remove(request)

    def running_titles(self) -> list[str]:
        """What downloads or imports are under way ("Download MobileNetV2")."""
        return [job.title for job in self._running]

    def cancel_running(self) -> None:
        for job in self._running:
            job.cancel()

    def _imported(self, request: ModelRequest, rec, choice: str, then) -> None:
        kept = "; Remove brings back the one it replaced" if choice == REPLACE else ""
        fmt = "Keras 3" if rec.format == "keras3" else "legacy"
        self.note.emit(f"Imported weights for {_what(request)}",
                       f"Imported {Path(rec.source).name} for {_what(request)} ({fmt} format, proven to load{kept}).")
        self._arrived(request.name, then)

    def _remove(self, request: ModelRequest) -> None:
        current, prev = _imports(request)
        name = Path(current.source).name if current is not None else "the imported file"
        after = (f"The earlier import from {Path(prev.source).name} ({prev.imported_at[:10]}) will be used again."
                 if prev is not None else
                 "Nothing imported is left for it then: the weights are looked for in the usual places.")
        answer = QMessageBox.question(self.window, "Remove imported weights",
                                      f"Remove the weights imported from {name} for {_what(request)}?\n\n{after}")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.client.run(tasks.remove_weights(request), f"Remove weights of {_what(request)}", lane="long",
                        on_result=lambda result: self._removed(request, result),
                        on_error=lambda m, d, e: self._refused("Cannot remove the weights", m, d))

    def _removed(self, request: ModelRequest, result) -> None:
        gone = Path(result.removed.source).name or result.removed.file
        back = (f"; in use again: the earlier import from {Path(result.restored.source).name}"
                if result.restored is not None else "")
        self.note.emit(f"Removed the imported weights of {_what(request)}",
                       f"Removed the weights imported from {gone} for {_what(request)}{back}.")
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
                        f"Checking {spec.name}'s weights", lane="files", quiet=True,
                        on_result=done, on_error=lambda m, d, e: done())
