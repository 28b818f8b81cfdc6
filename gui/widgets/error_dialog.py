"""An error a person can read: short message, expandable details, a Copy button."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from engine.errors import plain


def error_box(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    message, details = plain(message), plain(details)  # a library's error may carry terminal codes
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("errorBox")
    if details:
        box.setDetailedText(details)
    copy = box.addButton("Copy", QMessageBox.ButtonRole.ActionRole)
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{message}\n\n{details}".strip()))
    return box


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    """Show non-modally so the app keeps working (and tests can inspect it)."""
    box = error_box(parent, title, message, details)
    box.setModal(False)
    box.show()
    return box
