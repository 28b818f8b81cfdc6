"""After a run: fix the data where the mistakes are, and export.

A click on a confusion-matrix cell shows its validation images; the selected one opens in
Predict or Explain with the trained model, or moves to the class folder it belongs in
(after a confirmation; undoable) so the next run learns from it.  Export writes the
trained model into a new folder the user picks the place of."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from engine.errors import StudioError
from engine.train import relabel

from ..runtime import settings as gui_settings
from ..widgets.error_dialog import show_error
from . import tasks as train_tasks
from . import text as train_text


class TrainReview:
    def __init__(self, controller):
        self.tc = controller
        self.panel = controller.panel
        self.report = None
        self.evaluation = None
        self.cell = None  # (true, predicted)
        self.moves: list[relabel.Move] = []
        self.export_job = None
        controller.client.job_finished.connect(self._job_finished)
        p = self.panel
        p.confusion.cell_chosen.connect(self.show_cell)
        p.open_requested.connect(self.open_selected)
        p.cell_images.itemDoubleClicked.connect(lambda _item: self.open_selected("predict"))
        p.cell_images.itemSelectionChanged.connect(self._selection_changed)
        p.move_requested.connect(self.move_selected)
        p.undo_requested.connect(self.undo_move)
        p.export_requested.connect(self.export)

    def show_results(self, report, evaluation) -> None:
        self.report, self.evaluation = report, evaluation
        self.panel.confusion.set_matrix(report.classes, evaluation.confusion)
        self.panel.confusion.show()
        self.panel.cell_title.setText("Click a cell of the confusion matrix to see its images.")

    # -- one cell ---------------------------------------------------------------------
    def show_cell(self, true: int, pred: int) -> None:
        if self.evaluation is None:
            return
        self.cell = (true, pred)
        paths = train_text.cell_paths(self.report, self.evaluation, true, pred)
        p = self.panel
        p.cell_title.setText(train_text.cell_title(self.report.classes, true, pred, len(paths)))
        p.cell_images.set_paths(paths)
        p.cell_images.setVisible(bool(paths))
        p.cell_actions.setVisible(bool(paths))
        p.set_move_targets([c for c in self.report.classes if c != self.report.classes[true]],
                           suggested=self.report.classes[pred] if pred != true else "")
        if paths:
            p.cell_images.setCurrentRow(0)
            self.tc.client.run(train_tasks.image_thumbnails(paths, p.cell_images.SIZE), "Thumbnails",
                               lane="charts", slot="cell-thumbnails", quiet=True, on_result=self._thumbnails)
        self._selection_changed()

    def _thumbnails(self, items) -> None:
        for path, pixels in items:
            self.panel.cell_images.set_thumbnail(path, pixels)

    def _selection_changed(self) -> None:
        chosen = bool(self.panel.cell_images.selected_paths())
        for w in (self.panel.open_predict, self.panel.open_explain, self.panel.move_button):
            w.setEnabled(chosen)

    def open_selected(self, tab: str) -> None:
        chosen = self.panel.cell_images.selected_paths()
        if not chosen:
            return
        if self.tc.bundle_path:
            self.tc.picker.select(self.tc.bundle_path)  # the model that made the mistake
        self.tc.open_image.emit(chosen[0], tab)

    # -- moving images between class folders -------------------------------------------
    def move_selected(self, class_name: str) -> None:
        chosen = self.panel.cell_images.selected_paths()
        if not chosen:
            return
        names = ", ".join(Path(p).name for p in chosen[:3]) + (f" and {len(chosen) - 3} more" if len(chosen) > 3 else "")
        answer = QMessageBox.question(
            self.tc.window, "Move to another class",
            f"Move {names} from the folder '{Path(chosen[0]).parent.name}' to the folder '{class_name}'?\n\n"
            "The file is moved, not copied (nothing is overwritten); Undo move puts it back.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        done = []
        for path in chosen:
            try:
                move = relabel.move_to_class(path, class_name)
            except StudioError as exc:
                show_error(self.tc.window, "Cannot move the image", str(exc))
                break
            self.moves.append(move)
            done.append(move)
            self.panel.cell_images.replace_path(move.source, move.target, f"→ {class_name}")
        if done:
            self._dataset_changed(train_text.moved_text(done[-1]) if len(done) == 1 else
                                  f"Moved {len(done)} images to the folder '{class_name}'. "
                                  "The next Train checks the dataset again.")

    def undo_move(self) -> None:
        if not self.moves:
            return
        move = self.moves[-1]
        try:
            back = relabel.undo(move)
        except StudioError as exc:
            show_error(self.tc.window, "Cannot undo the move", str(exc))
            return
        self.moves.pop()
        self.panel.cell_images.replace_path(move.target, back.target, "")
        self._dataset_changed(f"Moved {Path(back.target).name} back to '{Path(back.target).parent.name}'.")

    def _dataset_changed(self, text: str) -> None:
        self.panel.undo.setEnabled(bool(self.moves))
        self.panel.message.setText(text)
        self.tc.note.emit(text.split(". ")[0], text)  # the first sentence; all of it as the tooltip
        self.tc.report = None  # the folders changed: the next Train scans them again

    # -- export -------------------------------------------------------------------------
    def export(self, deploy: bool) -> None:
        folder = self.tc.bundle_path
        if not folder:
            return
        parent = QFileDialog.getExistingDirectory(self.tc.window, "Export the trained model into (a new folder is made "
                                                  "inside)", gui_settings.last_dir("export"))
        if not parent:
            return
        gui_settings.remember_dir("export", parent)
        samples = [s.path for s in (self.report.val or self.report.train)] if self.report else []
        what = "Keras, SavedModel and TFLite" if deploy else "Keras model"
        self.export_job = self.tc.client.run(
            train_tasks.export_trained(folder, parent, deploy, samples[:8]), f"Export ({what})", lane="long",
            on_result=self._exported, on_error=lambda m, d, e: show_error(self.tc.window, "Export failed", m, d))

    def _job_finished(self, job) -> None:
        if job is self.export_job:
            self.export_job = None

    def running_titles(self) -> list[str]:
        return [self.export_job.title] if self.export_job is not None else []

    def cancel_running(self) -> None:
        if self.export_job is not None:
            self.export_job.cancel()

    def _exported(self, exported) -> None:
        text = f"Exported to {exported.folder} ({', '.join(exported.files)})"
        self.panel.message.setText(text)
        self.tc.note.emit(f"Exported the trained model to {Path(exported.folder).name}", text)
        self.tc.exported = exported
