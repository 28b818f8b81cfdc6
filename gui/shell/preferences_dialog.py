"""Preferences: offline weights folders, default model, top-k, resize policy, weights mirror,
inference backend (bf16 listed only where the CPU has it), feature cache size, and the
window's language (it applies at the next start: the window offers to restart)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from engine import preferences
from engine.backends import CHOICE_LABELS, offered_choices

from ..i18n.language import AUTO, LANGUAGES
from ..i18n.words import QT_TRANSLATE_NOOP, translate

RESIZE_LABELS = {
    "stretch": QT_TRANSLATE_NOOP("PreferencesDialog", "stretch (the whole image, squeezed to a square)"),
    "crop": QT_TRANSLATE_NOOP("PreferencesDialog", "crop (the centre square, not squeezed)"),
}
BACKEND_LABELS = {  # engine.backends.CHOICE_LABELS, in the window's language
    "auto": QT_TRANSLATE_NOOP("PreferencesDialog", "Automatic (OpenVINO on the CPU, TensorFlow on a GPU)"),
    "keras": QT_TRANSLATE_NOOP("PreferencesDialog", "Keras / TensorFlow"),
    "openvino": QT_TRANSLATE_NOOP("PreferencesDialog", "OpenVINO (exact, f32)"),
    "openvino-bf16": QT_TRANSLATE_NOOP("PreferencesDialog", "OpenVINO fast (bf16)"),
}


def backend_label(choice: str) -> str:
    return translate("PreferencesDialog", BACKEND_LABELS[choice]) if choice in BACKEND_LABELS else CHOICE_LABELS[choice]


class PreferencesDialog(QDialog):
    def __init__(self, prefs: preferences.Preferences, model_names: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.folders = QListWidget()
        self.folders.addItems(prefs.offline_weights_dirs)
        add = QPushButton(self.tr("Add folder…"))
        add.clicked.connect(self._add_folder)
        remove = QPushButton(self.tr("Remove"))
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
        for policy in preferences.RESIZE_POLICIES:
            self.resize_policy.addItem(self.tr(RESIZE_LABELS[policy]) if policy in RESIZE_LABELS else policy, policy)
        self.resize_policy.setCurrentIndex(max(0, self.resize_policy.findData(prefs.resize_policy)))
        self.backend = QComboBox()
        self.backend.setToolTip(self.tr("What runs Predict, Folder, feature caching, the benchmark and Score-CAM, and "
                                        "the frozen layers of training and of Grad-CAM-style heatmaps (split "
                                        "execution). Gradients always use Keras."))
        offered = offered_choices()
        for choice in offered + ([prefs.inference_backend] if prefs.inference_backend not in offered else []):
            self.backend.addItem(backend_label(choice), choice)
        self.backend.setCurrentIndex(max(0, self.backend.findData(prefs.inference_backend)))
        self.cache_gb = QDoubleSpinBox()
        self.cache_gb.setRange(*preferences.FEATURE_CACHE_GB_RANGE)
        self.cache_gb.setDecimals(1)
        self.cache_gb.setSuffix(" GB")
        self.cache_gb.setValue(prefs.feature_cache_gb)
        self.cache_gb.setToolTip(self.tr("Training's feature cache is kept under this size: the least recently "
                                         "used features are removed first."))
        self.mirror = QLineEdit(prefs.weights_mirror)
        self.mirror.setPlaceholderText(self.tr("Keras' weight server (default)"))
        self.language = QComboBox()
        self.language.setObjectName("preferencesLanguage")
        self.language.addItem(self.tr("Follow the system"), AUTO)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.language.setToolTip(self.tr("The window's language; it applies when the window starts again. The "
                                         "command line always speaks English."))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        language_row = QVBoxLayout()
        language_row.setSpacing(2)
        language_row.addWidget(self.language)
        # Said where the choice is made, not only in a tooltip: the window is built in one language.
        self.language_when = QLabel(self.tr("Applies at the next start (you can restart right away)."))
        self.language_when.setObjectName("languageAppliesWhen")
        self.language_when.setWordWrap(True)
        self.language_when.setEnabled(False)  # drawn as a hint
        language_row.addWidget(self.language_when)
        form.addRow(self.tr("Language"), language_row)
        form.addRow(self.tr("Offline weights folders"), folder_box)
        form.addRow(self.tr("Default model"), self.default_model)
        form.addRow(self.tr("Top-k classes"), self.top_k)
        form.addRow(self.tr("Resize policy"), self.resize_policy)
        form.addRow(self.tr("Weights mirror URL"), self.mirror)
        form.addRow(self.tr("Inference backend"), self.backend)
        form.addRow(self.tr("Feature cache at most"), self.cache_gb)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)

    def _add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with ImageNet .h5 weight files"))
        if folder:
            self.folders.addItem(folder)

    def result_preferences(self) -> preferences.Preferences:
        return preferences.Preferences(
            offline_weights_dirs=[self.folders.item(i).text() for i in range(self.folders.count())],
            default_model=self.default_model.currentText(),
            top_k=self.top_k.value(),
            resize_policy=self.resize_policy.currentData(),
            weights_mirror=self.mirror.text().strip(),
            inference_backend=self.backend.currentData(),
            feature_cache_gb=self.cache_gb.value(),
            language=self.language.currentData(),
        ).validated()
