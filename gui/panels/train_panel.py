"""The Train tab: data folders, model and mode, head and augmentation, the dataset report,
live loss/accuracy curves and the evaluation.  Widgets only; see gui.train_controller."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QSplitter, QTextBrowser, QVBoxLayout, QWidget)


AUGMENT_NAMES = ["flip", "rotation", "zoom", "contrast", "translation"]
MODE_LABELS = [("extract", "Feature extraction (cached base, fast epochs)"),
               ("augment", "Frozen base + head, with augmentation"),
               ("finetune", "Fine-tuning (head first, then the last N layers)")]


class TrainPanel(QWidget):
    scan_requested = Signal()
    train_requested = Signal()
    cancel_requested = Signal()
    clear_cache_requested = Signal()
    use_model_requested = Signal()
    preview_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText("Folder with one subfolder per class")
        self.val_folder = QLineEdit()
        self.val_folder.setPlaceholderText("Optional: separate validation folder")
        self.model = QComboBox()
        self.alpha = QComboBox()
        self.alpha.addItem("default", None)
        for a in (0.25, 0.35, 0.5, 0.75, 1.0, 1.3, 1.4):
            self.alpha.addItem(f"{a:g}", a)
        self.mode = QComboBox()
        for key, label in MODE_LABELS:
            self.mode.addItem(label, key)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 500)
        self.epochs.setValue(10)
        self.unfreeze = QSpinBox()
        self.unfreeze.setRange(1, 500)
        self.unfreeze.setValue(20)
        self.schedule = QComboBox()
        self.schedule.addItem("constant", "constant")
        self.schedule.addItem("cosine decay", "cosine")
        self.patience = QSpinBox()
        self.patience.setRange(0, 100)
        self.patience.setValue(5)
        self.patience.setSpecialValueText("off")
        self.head = QComboBox()
        self.head.addItem("Global average pooling → softmax", ("avg", []))
        self.head.addItem("Flatten → Dense(256, relu) → softmax (classic)", ("flatten", [256]))
        self.augment = {n: QCheckBox(n) for n in AUGMENT_NAMES}
        for box in self.augment.values():
            box.setChecked(True)
        aug_row = QGridLayout()
        for i, box in enumerate(self.augment.values()):
            aug_row.addWidget(box, i // 3, i % 3)
        for combo in (self.model, self.mode, self.head, self.schedule, self.alpha):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        form = QFormLayout()
        form.addRow("Training data", self._with_browse(self.folder))
        form.addRow("Validation data", self._with_browse(self.val_folder))
        form.addRow("Base model", self.model)
        form.addRow("Width (alpha)", self.alpha)
        form.addRow("Mode", self.mode)
        form.addRow("Epochs", self.epochs)
        form.addRow("Unfreeze last N layers", self.unfreeze)
        form.addRow("Learning rate", self.schedule)
        form.addRow("Early stopping (patience)", self.patience)
        form.addRow("Head", self.head)
        form.addRow("Augmentation", aug_row)
        self.all_gpus = QCheckBox()  # shown only when more than one GPU is visible
        self.all_gpus.setToolTip("Frozen-base and fine-tuning modes split each batch across the GPUs "
                                 "(tf.distribute.MirroredStrategy); feature extraction uses one device.")
        form.addRow(self.all_gpus)
        self.all_gpus.setVisible(False)
        scan = QPushButton("Check dataset")
        scan.clicked.connect(self.scan_requested)
        self.start = QPushButton("Train")
        self.start.clicked.connect(self.train_requested)
        self.cancel = QPushButton("Cancel")
        self.cancel.setEnabled(False)
        self.cancel.clicked.connect(self.cancel_requested)
        self.use = QPushButton("Use in Predict / Explain")
        self.use.setEnabled(False)
        self.use.clicked.connect(self.use_model_requested)
        preview = QPushButton("Preview augmentation")
        preview.clicked.connect(self.preview_requested)
        self.pictures = QLabel()
        self.pictures.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cache = QLabel()
        clear = QPushButton("Clear feature cache")
        clear.clicked.connect(self.clear_cache_requested)
        buttons = QGridLayout()
        buttons.addWidget(scan, 0, 0)
        buttons.addWidget(self.start, 0, 1)
        buttons.addWidget(self.cancel, 0, 2)
        buttons.addWidget(self.use, 1, 0, 1, 2)
        buttons.addWidget(clear, 1, 2)
        buttons.addWidget(preview, 2, 0, 1, 3)
        self.report = QTextBrowser()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addLayout(form)
        lv.addLayout(buttons)
        lv.addWidget(self.cache)
        lv.addWidget(QLabel("<b>Dataset and results</b>"))
        lv.addWidget(self.report, 1)
        lv.addWidget(self.pictures)
        self.curves_box = QVBoxLayout()
        self.curves_hint = QLabel("Loss and accuracy curves appear here while training.")
        self.curves_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.curves_hint.setWordWrap(True)
        self.curves_box.addWidget(self.curves_hint)
        right = QWidget()
        right.setLayout(self.curves_box)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("trainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([520, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _with_browse(self, edit: QLineEdit) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        button = QPushButton("Browse…")
        button.clicked.connect(lambda: self._browse(edit))
        row.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Image folder (one subfolder per class)")
        if folder:
            edit.setText(folder)

    def show_picture(self, pixels) -> None:
        from ..widgets.images import to_pixmap

        pix = to_pixmap(pixels)
        self.pictures.setPixmap(pix.scaledToWidth(min(500, pix.width()), Qt.TransformationMode.SmoothTransformation))

    def show_gpu_option(self, gpus: int) -> None:
        self.all_gpus.setText(f"Train on all {gpus} GPUs")
        self.all_gpus.setVisible(gpus > 1)
        self.all_gpus.setChecked(self.all_gpus.isChecked() and gpus > 1)

    def augmentations(self) -> list[str]:
        return [n for n, box in self.augment.items() if box.isChecked()]

    def set_running(self, running: bool) -> None:
        self.start.setEnabled(not running)
        self.cancel.setEnabled(running)
