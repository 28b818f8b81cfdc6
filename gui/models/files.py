"""Model files opened with File ▸ Open model file…: the preprocessing question, the picker's
"Files" group and the Train tab's bases.  The files opened recently are listed again at the
next start (only those still there, unchanged since their preprocessing was chosen), and one
can be taken off the list — the file itself is never touched."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from engine.sources import preprocessing, remembered

from ..runtime import settings

MODEL_FILTER = ("Model files (*.keras *.h5 *.hdf5 *.tflite *.onnx saved_model.pb);;Keras models (*.keras *.h5 *.hdf5);;"
                "TensorFlow Lite (*.tflite);;SavedModel (saved_model.pb);;ONNX (*.onnx);;All files (*)")


class ModelFiles(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._removed: set[str] = set()  # taken off the list before the restored list came back
        window.picker.preprocess_requested.connect(self.ask_preprocessing)
        window.picker.file_remove_requested.connect(self.remove)

    def open(self, path: str = "") -> None:
        """A .keras or Keras 2 .h5 classifier: ask its preprocessing, list it under Files, pick it."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self.window, "Open a model file", settings.last_dir("model_files"),
                                                  MODEL_FILTER)
        if not path:
            return
        path = os.path.abspath(path)  # the form the store keeps (on Windows: backslashes)
        if Path(path).name == "saved_model.pb":
            path = str(Path(path).parent)  # a SavedModel is its folder
        settings.remember_dir("model_files", path)
        self.ask_preprocessing(path, select=True)

    def ask_preprocessing(self, path: str, select: bool = False) -> None:
        """The preprocessing dialog (open, or the card's button), its default what the file gives
        away (read in the files lane); a model this app wrote needs no question.  The answer is
        remembered per file."""
        from engine.sources import guess

        self.window.client.run(lambda ctx: guess.for_file(path), "Reading the model file", lane="files", quiet=True,
                               on_result=lambda g: self._ask(path, select, g))

    def _ask(self, path: str, select: bool, found):
        from .preprocess_dialog import PreprocessDialog

        w = self.window
        if found.certain:
            remembered.remember(path, found.choice)
            self._chosen(path, found.choice, select)
            w.status.note(f"{Path(path).name}: {found.reason}")
            return None
        dialog = PreprocessDialog(Path(path).name, remembered.preprocessing(path), w, guess=found)

        def done(result) -> None:
            if result != PreprocessDialog.DialogCode.Accepted:
                return
            remembered.remember(path, dialog.choice())
            self._chosen(path, dialog.choice(), select)

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _chosen(self, path: str, choice: str, select: bool) -> None:
        w = self.window
        self._list(path, choice)
        if select:
            w.picker.select(path)
        if path == w.controller.model_name:
            w.controller.refresh_model()  # the request (and its key) changed: predict again

    def restore(self) -> None:
        """List the recently opened files again.  Looking at them runs in the files lane: a
        file on a network share that went away can block for a long time."""
        self.window.client.run(lambda ctx: remembered.recent(), "Listing recent model files", lane="files",
                               quiet=True, on_result=self._restored)

    def _restored(self, entries) -> None:
        listed = {os.path.normcase(p) for p in self.window.picker.model_files()} | self._removed
        for path, choice in entries:
            if os.path.normcase(path) not in listed:
                self._list(path, choice)

    def _list(self, path: str, choice: str) -> None:
        self.window.picker.set_model_file(path, preprocessing.describe(choice))
        self.window.train_panel.form.add_model_file(path)  # train on it too (fine-tune it further)

    def remove(self, path: str) -> None:
        """Off the list, forgotten at the next start; the file stays where it is."""
        w = self.window
        self._removed.add(os.path.normcase(path))
        remembered.forget(path)
        w.picker.remove_model_file(path)
        w.train_panel.form.remove_model_file(path)
        if w.controller.model_name == path:
            w.picker.select(w.controller.prefs.default_model)
        w.status.note(f"{Path(path).name} taken off the list (the file itself is untouched)")
