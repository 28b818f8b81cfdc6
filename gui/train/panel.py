"""The Train tab: the settings (:class:`TrainForm`) and the run's buttons and messages on
the left; on the right three pages — the dataset (report and thumbnails per class), the
live curves, and the results (confusion matrix whose cells open their images, the
misclassified images' Grad-CAM).  Widgets only; see gui.train.controller."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QLabel, QMenu, QPushButton, QSizePolicy,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

from ..i18n.words import fmt
from ..widgets.fitted_picture import FittedPicture
from ..widgets.hint_text import HintTextBrowser
from ..widgets.flow import flow_box
from ..widgets.scrolling import scrollable
from ..widgets.side_splitter import SideSplitter
from .form import TrainForm
from .views import CellImages, ConfusionTable, DatasetPreview


class TrainPanel(QWidget):
    train_requested = Signal()
    cancel_requested = Signal()
    use_model_requested = Signal()
    export_requested = Signal(bool)  # True: also SavedModel and TFLite
    adopt_requested = Signal()  # use a cancelled run's kept checkpoint
    discard_requested = Signal()
    resume_requested = Signal()  # train on from a cancelled run's kept checkpoint
    continue_requested = Signal()  # pick a trained model to continue
    open_requested = Signal(str)  # "predict" or "explain", for the selected cell image
    move_requested = Signal(str)  # class name
    undo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = TrainForm()
        f = self.form
        # The form's widgets, under the names the controller and tests use.
        self.folder, self.val_folder, self.model, self.mode = f.folder, f.val_folder, f.model, f.mode
        self.epochs, self.unfreeze, self.schedule, self.patience, self.head = (
            f.epochs, f.unfreeze, f.schedule, f.patience, f.head)
        self.augment, self.cache = f.augment, f.cache
        self.scan_requested, self.preview_requested = f.scan_requested, f.preview_requested
        self.clear_cache_requested = f.clear_cache_requested
        self.start = QPushButton(self.tr("Train"))
        self.start.setObjectName("trainStart")
        self.start.setDefault(True)
        self.start.setToolTip(self.tr("Check the dataset, then train with these settings"))
        self.start.clicked.connect(self.train_requested)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setEnabled(False)
        self.cancel.setToolTip(self.tr("Stop within one batch; the best epoch so far is kept"))
        self.cancel.clicked.connect(self.cancel_requested)
        self.use = QPushButton(self.tr("Use in Predict"))
        self.use.setEnabled(False)
        self.use.setToolTip(self.tr("Pick the trained model in the model list and switch to Predict"))
        self.use.clicked.connect(self.use_model_requested)
        self.export = QToolButton()
        self.export.setText(self.tr("Export ▾"))
        self.export.setObjectName("trainExport")
        self.export.setEnabled(False)
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.export.setToolTip(self.tr("Save the trained model with its class names (labels.txt) in a new folder"))
        menu = QMenu(self.export)
        menu.addAction(self.tr("Keras model (.keras)…"), lambda: self.export_requested.emit(False))
        menu.addAction(self.tr("Keras, SavedModel and TFLite…"), lambda: self.export_requested.emit(True))
        self.export.setMenu(menu)
        self.continue_from = QPushButton(self.tr("Continue training…"))
        self.continue_from.setObjectName("trainContinue")
        self.continue_from.setToolTip(self.tr("Pick a model trained here; Train then trains it on: more epochs, more "
                                              "images or new classes (the head grows, known classes are kept)"))
        self.continue_from.clicked.connect(self.continue_requested)
        # Side by side as the width holds (a longer language wraps them, never widens the form).
        buttons, _ = flow_box([self.start, self.cancel, self.use, self.export, self.continue_from])
        self.message = QLabel()
        self.message.setObjectName("trainMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.adopt = QPushButton(self.tr("Use the kept model"))
        self.adopt.setToolTip(self.tr("Evaluate the best epoch's checkpoint and save it as the trained model"))
        self.adopt.clicked.connect(self.adopt_requested)
        self.discard = QPushButton(self.tr("Discard"))
        self.discard.setToolTip(self.tr("Delete the kept checkpoint"))
        self.discard.clicked.connect(self.discard_requested)
        self.resume = QPushButton(self.tr("Resume"))
        self.resume.setToolTip(self.tr("Train on from the kept epoch with the same settings, for the epochs that were "
                                       "left"))
        self.resume.clicked.connect(self.resume_requested)
        self.kept_box, _ = flow_box([self.adopt, self.resume, self.discard])  # wraps: three did not fit 1024 px
        self.kept_box.hide()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(f)
        self.all_gpus = QCheckBox()  # shown only when more than one GPU is visible
        self.all_gpus.setToolTip(self.tr("Frozen-base and fine-tuning modes split each batch across the GPUs "
                                         "(tf.distribute.MirroredStrategy); feature extraction uses one device."))
        self.all_gpus.setVisible(False)
        lv.addWidget(self.all_gpus)
        lv.addWidget(buttons)
        lv.addWidget(self.message)
        lv.addWidget(self.kept_box)
        lv.addStretch(1)
        self.views = QTabWidget()
        self.views.setObjectName("trainViews")
        self.views.addTab(self._dataset_page(), self.tr("Dataset"))
        self.views.addTab(self._curves_page(), self.tr("Curves"))
        self.views.addTab(self._results_page(), self.tr("Results"))
        self.splitter = SideSplitter()  # the form widens to its whole choices where the window has room
        self.splitter.setObjectName("trainSplitter")
        left_area = scrollable(left, horizontal=False)
        left_area.setMinimumWidth(310)  # the form with "Advanced" open, never cut on the right
        self.left_area = left_area
        self.splitter.addWidget(left_area)
        self.splitter.addWidget(self.views)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # -- pages -----------------------------------------------------------------------
    def _dataset_page(self) -> QWidget:
        self.dataset_text = HintTextBrowser()
        self.dataset_text.setObjectName("datasetReport")
        self.dataset_text.setPlaceholderText(self.tr("Choose a training folder: its classes, a few images of each and "
                                                     "any problems show here."))
        self.dataset_text.setMinimumHeight(90)
        self.dataset_text.setMaximumHeight(170)
        self.preview = DatasetPreview()
        self.augment_picture = FittedPicture()
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.dataset_text)
        v.addWidget(self.preview)
        v.addWidget(self.augment_picture)
        v.addStretch(1)
        return scrollable(page, horizontal=False)  # everything fits the width: no sideways scrolling

    def _curves_page(self) -> QWidget:
        page = QWidget()
        self.curves_box = QVBoxLayout(page)
        self.curves_hint = QLabel(self.tr("Loss and accuracy curves appear here while training."))
        self.curves_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.curves_hint.setWordWrap(True)
        self.curves_box.addWidget(self.curves_hint)
        return page

    def _results_page(self) -> QWidget:
        self.results_text = HintTextBrowser()
        self.results_text.setObjectName("trainResults")
        self.results_text.setPlaceholderText(self.tr("Accuracy, per-class precision and recall, and the confusion "
                                                     "matrix appear here after training."))
        self.results_text.setMinimumHeight(120)
        self.results_text.setMaximumHeight(230)
        self.confusion = ConfusionTable()
        self.confusion.hide()
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_images = CellImages()
        self.cell_images.hide()
        self.open_predict = QPushButton(self.tr("Open in Predict"))
        self.open_predict.setToolTip(self.tr("Show the selected image in the Predict tab, with the trained model"))
        self.open_predict.clicked.connect(lambda: self.open_requested.emit("predict"))
        self.open_explain = QPushButton(self.tr("Open in Explain"))
        self.open_explain.setToolTip(self.tr("See where the trained model looked in the selected image"))
        self.open_explain.clicked.connect(lambda: self.open_requested.emit("explain"))
        self.move_button = QToolButton()
        self.move_button.setText(self.tr("Move to class ▾"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_button.setToolTip(self.tr("The image is in the wrong class folder? Move it to the right one (asks "
                                            "first; can be undone), so the next run learns from it"))
        self.move_button.setMenu(QMenu(self.move_button))
        self.undo = QPushButton(self.tr("Undo move"))
        self.undo.setEnabled(False)
        self.undo.clicked.connect(self.undo_requested)
        self.cell_actions, _ = flow_box((self.open_predict, self.open_explain, self.move_button, self.undo))
        self.cell_actions.hide()
        self.pictures = FittedPicture()  # the misclassified images' Grad-CAM
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(self.results_text)
        v.addWidget(self.confusion)
        v.addWidget(self.cell_title)
        v.addWidget(self.cell_images, 1)
        v.addWidget(self.cell_actions)
        v.addWidget(self.pictures)
        return scrollable(page, horizontal=False)

    # -- updates ---------------------------------------------------------------------
    def show_gpu_option(self, gpus: int) -> None:
        self.all_gpus.setText(fmt(self.tr("Train on all {count} GPUs"), count=gpus))
        self.all_gpus.setVisible(gpus > 1)
        self.all_gpus.setChecked(self.all_gpus.isChecked() and gpus > 1)

    def show_picture(self, pixels, target: FittedPicture = None) -> None:
        """A grid of images, as wide as the page allows (never wider than it is)."""
        from ..widgets.images import to_pixmap

        (target or self.pictures).set_picture(to_pixmap(pixels))

    def set_move_targets(self, classes, suggested: str = "") -> None:
        menu = self.move_button.menu()
        menu.clear()
        for c in sorted(classes, key=lambda c: c != suggested):
            text = self.tr("'{name}' folder  (predicted)") if c == suggested else self.tr("'{name}' folder")
            menu.addAction(fmt(text, name=c), lambda c=c: self.move_requested.emit(c))

    def augmentations(self) -> list[str]:
        return self.form.augmentations()

    def set_running(self, running: bool) -> None:
        self.start.setEnabled(not running)
        self.continue_from.setEnabled(not running)
        self.cancel.setEnabled(running)

    def clear_results(self) -> None:
        """A new run: nothing of the previous one stays on screen."""
        self.results_text.clear()
        self.confusion.hide()
        self.cell_title.clear()
        self.cell_images.clear()
        self.cell_images.hide()
        self.cell_actions.hide()
        self.pictures.clear()
        self.message.clear()
        self.kept_box.hide()
        self.use.setEnabled(False)
        self.export.setEnabled(False)
