"""Preferences: offline weights folders, default model, top-k, resize policy, weights mirror,
inference backend (bf16 listed only where the CPU has it)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLineEdit, QListWidget, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from engine import preferences
from engine.backends import CHOICE_LABELS, offered_choices


class PreferencesDialog(QDialog):
    def __init__(self, prefs: preferences.Preferences, model_names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.folders = QListWidget()
        self.folders.addItems(prefs.offline_weights_dirs)
        add = QPushButton("Add folder…")
        add.clicked.connect(self._add_folder)
        remove = QPushButton("Remove")
        remove.clicked.connect(lambda: [self.folders.takeItem(self.folders.row(i)) for i in self.folders.selectedItems()])
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        folder_box = QVBoxLayout()
        folder_box.addWidget(self.folders)
        folder_box.addLayout(buttons)
        self.default_model = QComboBox()
        self.default_model.addItems(sorted(model_names))
        self.default_model.setCurrentText(prefs.default_model)
        self.top_k = QSpinBox()
        self.top_k.setRange(1, 20)
        self.top_k.setValue(prefs.top_k)
        self.resize_policy = QComboBox()
        self.resize_policy.addItems(list(preferences.RESIZE_POLICIES))
        self.resize_policy.setCurrentText(prefs.resize_policy)
        self.backend = QComboBox()
        self.backend.setToolTip("What runs Predict, Folder, feature caching, the benchmark and Score-CAM, and the "
                                "frozen layers of training and of Grad-CAM-style heatmaps (split execution). "
                                "Gradients always use Keras.")
        offered = offered_choices()
        for choice in offered + ([prefs.inference_backend] if prefs.inference_backend not in offered else []):
            self.backend.addItem(CHOICE_LABELS[choice], choice)
        self.backend.setCurrentIndex(max(0, self.backend.findData(prefs.inference_backend)))
        self.cache_gb = QDoubleSpinBox()
        self.cache_gb.setRange(*preferences.FEATURE_CACHE_GB_RANGE)
        self.cache_gb.setDecimals(1)
        self.cache_gb.setSuffix(" GB")
        self.cache_gb.setValue(prefs.feature_cache_gb)
        self.cache_gb.setToolTip("Training's feature cache is kept under this size: the least recently "
                                 "used features are removed first.")
        self.mirror = QLineEdit(prefs.weights_mirror)
        self.mirror.setPlaceholderText("Keras' weight server (default)")
        form = QFormLayout()
        form.addRow("Offline weights folders", folder_box)
        form.addRow("Default model", self.default_model)
        form.addRow("Top-k classes", self.top_k)
        form.addRow("Resize policy", self.resize_policy)
        form.addRow("Weights mirror URL", self.mirror)
        form.addRow("Inference backend", self.backend)
        form.addRow("Feature cache at most", self.cache_gb)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with ImageNet .h5 weight files")
        if folder:
            self.folders.addItem(folder)

    def result_preferences(self) -> preferences.Preferences:
        return preferences.Preferences(
            offline_weights_dirs=[self.folders.item(i).text() for i in range(self.folders.count())],
            default_model=self.default_model.currentText(),
            top_k=self.top_k.value(),
            resize_policy=self.resize_policy.currentText(),
            weights_mirror=self.mirror.text().strip(),
            inference_backend=self.backend.currentData(),
            feature_cache_gb=self.cache_gb.value(),
        ).validated()
