"""What to do when a model's ImageNet weights are not on this computer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..widgets.error_dialog import cap_details, wrap_labels

DOWNLOAD, IMPORT, RANDOM, CANCEL = "download", "import", "random", "cancel"


class MissingWeightsDialog(QMessageBox):
    def __init__(self, model: str, message: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("missingWeights")
        self.setWindowTitle(f"{model}: ImageNet weights missing")
        self.setIcon(QMessageBox.Icon.Question)
        self.setText(f"<b>The ImageNet weights for {model} are not on this computer.</b>")
        self.setInformativeText("Download them (progress and cancel in the status bar), import a weights file "
                                "you have, or run the model with random weights — then every output is "
                                "marked \u201cuntrained weights\u201d.")
        self.setDetailedText(cap_details(message))
        self.choice = CANCEL
        self._buttons = {
            DOWNLOAD: self.addButton("Download", QMessageBox.ButtonRole.AcceptRole),
            IMPORT: self.addButton("Import file…", QMessageBox.ButtonRole.ActionRole),
            RANDOM: self.addButton("Use random weights", QMessageBox.ButtonRole.DestructiveRole),
            CANCEL: self.addButton(QMessageBox.StandardButton.Cancel),
        }
        self.setDefaultButton(self._buttons[DOWNLOAD])
        self.buttonClicked.connect(self._clicked)
        wrap_labels(self)

    def button(self, choice: str):
        return self._buttons[choice]

    def _clicked(self, button) -> None:
        for choice, b in self._buttons.items():
            if b is button:
                self.choice = choice
