"""Messages a person can read: one or two sentences, the technical rest folded under "Details"
(capped), Close as the default button (Enter closes), and a Copy button.

An exception's text can be anything: a TensorFlow converter error ran to 60,000 characters and
a refused weights file listed its weight values, which made message boxes thousands of pixels
tall with their buttons off the screen.  Every message box of the window goes through
:func:`fit_message` and :func:`cap_details`, so none can grow past the screen."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from engine.errors import plain

SHORT_CHARS = 280  # about two sentences, four lines of a message box
SHORT_SENTENCES = 2
SHORT_LINES = 6
DETAILS_CHARS = 12_000  # the start and the end of a traceback, where the useful lines are
DETAILS_LINE_CHARS = 400  # a line of numbers (weight values) is cut, not wrapped into hundreds of lines

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def fit_message(message: str, details: str = "") -> tuple[str, str]:
    """(what the box says, what "Details" holds): at most two sentences and :data:`SHORT_CHARS`
    characters up front; when anything was left out, the whole message starts the details."""
    message = (message or "").strip()
    if len(message) <= SHORT_CHARS and message.count("\n") <= SHORT_LINES:
        return message, cap_details(details)  # short already: kept as written (a list stays a list)
    text = " ".join(message.split())
    sentences = _SENTENCE_END.split(text)
    short = ""
    for sentence in sentences[:SHORT_SENTENCES]:
        joined = f"{short} {sentence}".strip()
        if len(joined) > SHORT_CHARS:
            break
        short = joined
    if not short:  # one sentence longer than the limit: cut at a word and say so
        cut = text[:SHORT_CHARS]
        cut = cut[:cut.rfind(" ")] if " " in cut[SHORT_CHARS // 2:] else cut
        short = cut.rstrip(" ,;:") + " … (more under Details)"
    if short == text:
        return short, cap_details(details)
    if not details:
        return short, cap_details(message)
    # Both halves capped on their own: a huge message must not push the traceback out.
    return short, f"{cap_details(message, DETAILS_CHARS // 3)}\n\n{cap_details(details, DETAILS_CHARS * 2 // 3)}"


def cap_details(details: str, limit: int = DETAILS_CHARS) -> str:
    """Long lines cut, and the middle of a long text left out (its start and end kept)."""
    if not details:
        return ""
    lines = [line if len(line) <= DETAILS_LINE_CHARS else f"{line[:DETAILS_LINE_CHARS]} … ({len(line):,} characters)"
             for line in details.splitlines()]
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    head, tail = text[: limit * 2 // 3], text[-limit // 3:]
    return f"{head}\n\n… {len(text) - len(head) - len(tail):,} characters left out …\n\n{tail}"


def wrap_labels(box: QMessageBox) -> None:
    """Word-wrap the box's texts (a long path or name otherwise widens it past the screen)."""
    for label in box.findChildren(QLabel):
        label.setWordWrap(True)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str,
                details: str = "", copy: bool = True) -> QMessageBox:
    """A QMessageBox with the message fitted, the details capped and Close the default button."""
    short, rest = fit_message(message, details)
    box = QMessageBox(icon, title, short, QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # an error's "<unknown>" is text, not a tag
    if rest:
        box.setDetailedText(rest)
    if copy:
        button = box.addButton("Copy", QMessageBox.ButtonRole.ActionRole)
        button.clicked.disconnect()  # copying must not close the box
        button.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{short}\n\n{rest}".strip()))
        button.setAutoDefault(False)
    close = box.button(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    wrap_labels(box)
    return box


def error_box(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    message, details = plain(message), plain(details)  # a library's error may carry terminal codes
    box = message_box(parent, QMessageBox.Icon.Warning, title, message, details)
    box.setObjectName("errorBox")
    return box


def show_error(parent: QWidget, title: str, message: str, details: str = "") -> QMessageBox:
    """Show non-modally so the app keeps working (and tests can inspect it)."""
    box = error_box(parent, title, message, details)
    box.setModal(False)
    box.show()
    return box
