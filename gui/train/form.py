"""The Train tab's settings: the three things a first run needs (folder, base model, Train)
in view, everything else under "Advanced" with good defaults (feature extraction, early
stopping on).  Every setting has a tooltip; the form's state is a plain dict the window
remembers between runs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from engine import zoo
from engine.preferences import Preferences
from engine.train import limits

from ..i18n.words import QT_TRANSLATE_NOOP
from ..models.variant_controls import VariantControls
from ..runtime import settings as gui_settings
from ..widgets.flow import flow_box
from ..widgets.full_text_combo import FullTextCombo
from .collapsible import Collapsible

DEFAULT_MODEL = Preferences.default_model  # the base when none (or a removed file) was chosen
AUGMENT_NAMES = ["flip", "rotation", "zoom", "contrast", "translation"]
MODES = [
    ("extract", QT_TRANSLATE_NOOP("TrainForm", "Feature extraction (fast)"),
     QT_TRANSLATE_NOOP("TrainForm", "The base network runs once per image and its features are cached; only the new "
                       "head trains. Fast, and the best start for a small dataset. Augmentation is not used.")),
    ("augment", QT_TRANSLATE_NOOP("TrainForm", "Frozen base + augmentation"),
     QT_TRANSLATE_NOOP("TrainForm", "The base stays frozen; the head trains on randomly flipped, rotated, zoomed… "
                       "images every epoch. Slower (the base runs every epoch), helps against overfitting.")),
    ("finetune", QT_TRANSLATE_NOOP("TrainForm", "Fine-tuning (two phases)"),
     QT_TRANSLATE_NOOP("TrainForm", "First the head trains with the base frozen, then the last N layers of the base "
                       "are unfrozen and trained on with a lower learning rate. Slowest; for larger datasets.")),
]
AUGMENT_LABELS = {"flip": QT_TRANSLATE_NOOP("TrainForm", "flip"),
                  "rotation": QT_TRANSLATE_NOOP("TrainForm", "rotation"),
                  "zoom": QT_TRANSLATE_NOOP("TrainForm", "zoom"),
                  "contrast": QT_TRANSLATE_NOOP("TrainForm", "contrast"),
                  "translation": QT_TRANSLATE_NOOP("TrainForm", "translation")}
TIPS = {
    "folder": QT_TRANSLATE_NOOP("TrainForm", "A folder with one subfolder per class, e.g. data/cat/*.jpg and "
                                             "data/dog/*.jpg. 20% of each class is kept aside for validation (fixed "
                                             "seed) unless you give a validation folder."),
    "val_folder": QT_TRANSLATE_NOOP("TrainForm", "Optional: a separate folder with the same class subfolders, used "
                                                 "for validation only."),
    "model": QT_TRANSLATE_NOOP("TrainForm", "The ImageNet-pretrained network whose features the new classifier "
                                            "learns from. MobileNetV2 is small and fast; larger models are more "
                                            "accurate and slower."),
    "mode": QT_TRANSLATE_NOOP("TrainForm", "How much of the network trains (hover over each choice for details)."),
    "epochs": QT_TRANSLATE_NOOP("TrainForm", "Passes over the training images (in fine-tuning: of the first phase, "
                                             "the head only)."),
    "finetune_epochs": QT_TRANSLATE_NOOP("TrainForm", "Passes over the training images with the last layers of the "
                                                      "base unfrozen."),
    "unfreeze": QT_TRANSLATE_NOOP("TrainForm", "How many of the base's last layers fine-tuning trains "
                                               "(BatchNormalization stays frozen)."),
    "schedule": QT_TRANSLATE_NOOP("TrainForm", "Constant: the same learning rate every step. Cosine decay: it falls "
                                               "smoothly to zero by the end."),
    "patience": QT_TRANSLATE_NOOP("TrainForm", "Stop when the validation accuracy has not improved for this many "
                                               "epochs, and keep the weights of the best epoch ('off' trains every "
                                               "epoch)."),
    "head": QT_TRANSLATE_NOOP("TrainForm", "The new classifier on top of the base: global average pooling (small, "
                                           "the usual choice) or the classic Flatten and a Dense(256) layer (many "
                                           "more weights)."),
    "augment": QT_TRANSLATE_NOOP("TrainForm", "Random changes to each training image every epoch, so the model does "
                                              "not learn the pictures by heart (not used in feature extraction)."),
    "preview": QT_TRANSLATE_NOOP("TrainForm", "Show the chosen augmentations applied to one training image."),
    "rescan": QT_TRANSLATE_NOOP("TrainForm", "Check the folders again (after adding, removing or moving images)."),
    "cache": QT_TRANSLATE_NOOP("TrainForm", "Features computed in feature-extraction mode, kept on disk so later "
                                            "runs skip the base."),
    "clear_cache": QT_TRANSLATE_NOOP("TrainForm", "Delete the cached features (they are computed again when "
                                                  "needed)."),
}


class TrainForm(QWidget):
    scan_requested = Signal()
    preview_requested = Signal()
    clear_cache_requested = Signal()
    model_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._specs: dict[str, zoo.ModelSpec] = {}
        self._files: list[str] = []  # model files opened in the window (File ▸ Open model file…)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("Folder with one subfolder per class"))
        self.val_folder = QLineEdit()
        self.val_folder.setPlaceholderText(self.tr("Optional"))
        for edit in (self.folder, self.val_folder):
            edit.setMinimumWidth(90)
        self.model = QComboBox()
        self.model.setMinimumContentsLength(12)
        self.model.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode = FullTextCombo()
        for i, (key, label, tip) in enumerate(MODES):
            self.mode.addItem(self.tr(label), key)
            self.mode.setItemData(i, self.tr(tip), 3)  # Qt.ToolTipRole
        self.epochs = self._spin(*limits.EPOCHS, 10)  # the command line's ranges (engine.train.limits)
        self.finetune_epochs = self._spin(*limits.FINETUNE_EPOCHS, 5)
        self.unfreeze = self._spin(*limits.UNFREEZE, 20)
        self.schedule = FullTextCombo()
        self.schedule.addItem(self.tr("constant"), "constant")
        self.schedule.addItem(self.tr("cosine decay"), "cosine")
        self.patience = self._spin(*limits.EARLY_STOPPING, 5)
        self.patience.setSpecialValueText(self.tr("off"))
        self.patience.setSuffix(" " + self.tr("epochs"))
        self.head = FullTextCombo()
        self.head.addItem(self.tr("Average pooling → softmax"), ("avg", []))
        self.head.addItem(self.tr("Flatten → Dense(256) → softmax"), ("flatten", [256]))
        self.augment = {n: QCheckBox(self.tr(AUGMENT_LABELS[n])) for n in AUGMENT_NAMES}
        for box in self.augment.values():
            box.setChecked(True)
        self.cache = QLabel()
        self._tooltips()
        simple = QFormLayout()
        simple.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        simple.addRow(self.tr("Training data"), self._with_browse(self.folder, "folder"))
        simple.addRow(self.tr("Base model"), self.model)
        self.advanced = Collapsible(self.tr("Advanced"), self._advanced_body())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(simple)
        layout.addWidget(self.advanced)
        self.model.currentTextChanged.connect(self._model_changed)
        self.mode.currentIndexChanged.connect(lambda _: self._mode_changed())
        self.folder.editingFinished.connect(self._folder_edited)
        self._scanned_for = ""
        self._mode_changed()

    @staticmethod
    def _spin(lo: int, hi: int, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(lo, hi)
        box.setValue(value)
        return box

    def _advanced_body(self) -> QWidget:
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(12, 0, 0, 0)
        # Narrow (a 1024-px screen with the model list open): a label goes above its field
        # instead of the field being cut.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.advanced_form = form
        form.addRow(self.tr("Validation data"), self._with_browse(self.val_folder, "val_folder"))
        self.variant = VariantControls(include_top=False, minimalistic=False, form=form)
        form.addRow(self.tr("Mode"), self.mode)
        form.addRow(self.tr("Epochs"), self.epochs)
        form.addRow(self.tr("Fine-tuning epochs"), self.finetune_epochs)
        form.addRow(self.tr("Unfreeze last"), self.unfreeze)
        form.addRow(self.tr("Learning rate"), self.schedule)
        form.addRow(self.tr("Early stopping"), self.patience)
        form.addRow(self.tr("Head"), self.head)
        boxes, _ = flow_box(self.augment.values(), stretch=False)
        form.addRow(self.tr("Augmentation"), boxes)
        preview = QPushButton(self.tr("Preview augmentation"))
        preview.setToolTip(self.tr(TIPS["preview"]))
        preview.clicked.connect(self.preview_requested)
        rescan = QPushButton(self.tr("Check dataset"))
        rescan.setObjectName("checkDataset")
        rescan.setToolTip(self.tr(TIPS["rescan"]))
        rescan.clicked.connect(self.scan_requested)
        form.addRow(flow_box([preview, rescan])[0])
        clear = QPushButton(self.tr("Clear"))
        clear.setToolTip(self.tr(TIPS["clear_cache"]))
        clear.clicked.connect(self.clear_cache_requested)
        self.cache.setWordWrap(True)
        cache_row = QHBoxLayout()
        cache_row.addWidget(self.cache, 1)
        cache_row.addWidget(clear)
        form.addRow(cache_row)
        return body

    def _tooltips(self) -> None:
        for name in ("folder", "val_folder", "model", "mode", "epochs", "finetune_epochs", "unfreeze", "schedule",
                     "patience", "head"):
            getattr(self, name).setToolTip(self.tr(TIPS[name]))
        for box in self.augment.values():
            box.setToolTip(self.tr(TIPS["augment"]))
        self.cache.setToolTip(self.tr(TIPS["cache"]))

    def _with_browse(self, edit: QLineEdit, kind: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QPushButton(self.tr("Browse…"))
        button.setObjectName(f"browse_{kind}")
        button.setToolTip(self.tr(TIPS[kind]))
        button.clicked.connect(lambda: self._browse(edit))
        row.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Image folder (one subfolder per class)"),
                                                  edit.text() or gui_settings.last_dir("train"))
        if folder:
            gui_settings.remember_dir("train", folder)
            edit.setText(folder)
            if edit is self.folder:
                self._folder_edited()

    def _folder_edited(self) -> None:
        text = self.folder.text().strip()
        if text and text != self._scanned_for:
            self._scanned_for = text
            self.scan_requested.emit()  # a chosen folder shows its preview at once

    # -- models ------------------------------------------------------------------------
    def set_models(self, specs) -> None:
        current = self.model.currentText() or DEFAULT_MODEL
        self._specs = {s.name: s for s in specs}
        self.model.blockSignals(True)
        self.model.clear()
        self.model.addItems(list(self._specs))
        for path in self._files:
            self.model.addItem(Path(path).name, path)
        self.model.blockSignals(False)
        self.model.setCurrentText(current if current in self._specs or self.model.findText(current) >= 0
                                  else DEFAULT_MODEL)
        self._model_changed(self.model.currentText())

    def add_model_file(self, path: str) -> None:
        """A model file opened in the window: train on it too (fine-tune it further)."""
        if path not in self._files:
            self._files.append(path)
            self.model.addItem(Path(path).name, path)

    def remove_model_file(self, path: str) -> None:
        if path in self._files:
            was_current = self.model.currentData() == path
            self._files.remove(path)
            self.model.removeItem(self.model.findData(path))
            if was_current:  # not the neighbouring item, which may be another file
                self.model.setCurrentIndex(max(0, self.model.findText(DEFAULT_MODEL)))

    def model_file(self) -> str | None:
        """The chosen model file's path, or None for a zoo model."""
        return self.model.currentData()

    def _model_changed(self, name: str) -> None:
        self.variant.set_spec(self._specs.get(name))
        self.model_changed.emit(name)

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.finetune_epochs.setEnabled(mode == "finetune")
        self.unfreeze.setEnabled(mode == "finetune")
        for box in self.augment.values():
            box.setEnabled(mode != "extract")

    def augmentations(self) -> list[str]:
        return [n for n, box in self.augment.items() if box.isChecked()]

    # -- remembered state ------------------------------------------------------------
    def state(self) -> dict:
        v = self.variant.variant()
        return {"folder": self.folder.text(), "val_folder": self.val_folder.text(), "model": self.model.currentText(),
                "alpha": v.alpha, "input_size": v.input_size, "mode": self.mode.currentData(),
                "epochs": self.epochs.value(), "finetune_epochs": self.finetune_epochs.value(),
                "unfreeze": self.unfreeze.value(), "schedule": self.schedule.currentData(),
                "patience": self.patience.value(), "head": self.head.currentIndex(),
                "augment": self.augmentations(), "advanced": self.advanced.expanded()}

    def restore(self, state: dict) -> None:
        """Put back a remembered form; anything missing or no longer valid keeps its default."""
        if not isinstance(state, dict):
            return
        get = state.get
        self.folder.setText(str(get("folder") or ""))
        self._scanned_for = self.folder.text().strip()
        self.val_folder.setText(str(get("val_folder") or ""))
        if get("model") in self._specs:
            self.model.setCurrentText(get("model"))
        spec = self._specs.get(self.model.currentText())
        if spec is not None:
            try:
                self.variant.set_spec(spec, zoo.Variant(alpha=get("alpha"), input_size=get("input_size"),
                                                        include_top=False))
            except (TypeError, ValueError):
                self.variant.set_spec(spec)
        for combo, value in ((self.mode, get("mode")), (self.schedule, get("schedule"))):
            i = combo.findData(value)
            if i >= 0:
                combo.setCurrentIndex(i)
        for box, key in ((self.epochs, "epochs"), (self.finetune_epochs, "finetune_epochs"),
                         (self.unfreeze, "unfreeze"), (self.patience, "patience")):
            if isinstance(get(key), int):
                box.setValue(get(key))
        if isinstance(get("head"), int) and 0 <= get("head") < self.head.count():
            self.head.setCurrentIndex(get("head"))
        if isinstance(get("augment"), list):
            for name, box in self.augment.items():
                box.setChecked(name in get("augment"))
        self.advanced.set_expanded(bool(get("advanced")))
