"""Ask which preprocessing a model file expects (files do not say); the answer is
remembered per file by the engine (:mod:`engine.sources.remembered`)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QLabel, QRadioButton,
                               QVBoxLayout, QWidget)

from engine.pathnames import printable
from engine.sources import preprocessing

FAMILY = "family"


class PreprocessDialog(QDialog):
    def __init__(self, file_name: str, current: str | None = None, parent: QWidget | None = None, guess=None):
        super().__init__(parent)
        self.setObjectName("preprocessDialog")
        self.setWindowTitle(f"{file_name}: preprocessing")
        layout = QVBoxLayout(self)
        name = html.escape(printable(file_name))
        intro = QLabel(f"<b>How does {name} expect its pixels?</b><br>A model file does not store this. "
                       "You can change it later from the model card.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if guess is not None:  # what the file gives away: the default, with the reason
            self.reason = QLabel(f"Suggested: {html.escape(preprocessing.describe(guess.choice))} — "
                                 f"{html.escape(guess.reason)}.")
            self.reason.setObjectName("preprocessReason")
            self.reason.setWordWrap(True)
            layout.addWidget(self.reason)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for choice, text in list(preprocessing.SCALES.items()) + [(FAMILY, "a zoo family's preprocess_input:")]:
            button = QRadioButton(text)
            button.setObjectName(f"preprocess_{choice}")
            self.group.addButton(button)
            self.buttons[choice] = button
            layout.addWidget(button)
        self.family = QComboBox()
        for module, family in sorted(preprocessing.family_modules().items(), key=lambda kv: kv[1]):
            self.family.addItem(f"{family} ({module})", module)
        layout.addWidget(self.family)
        current = current or (guess.choice if guess is not None else preprocessing.MINUS1TO1)
        if current in self.buttons:
            self.buttons[current].setChecked(True)
        else:
            self.buttons[FAMILY].setChecked(True)
            self.family.setCurrentIndex(max(0, self.family.findData(current)))
        self.family.setEnabled(self.buttons[FAMILY].isChecked())
        self.buttons[FAMILY].toggled.connect(self.family.setEnabled)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def choice(self) -> str:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return self.family.currentData() if choice == FAMILY else choice
        return preprocessing.MINUS1TO1
