"""Status bar content: device, versions, the running job with progress, ETA and Cancel.

Both texts are elided labels: a long progress message or a saved file's path must never
widen the window (the full text is the tooltip)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from .elided_label import ElidedLabel


def job_text(title: str, message: str) -> str:
    """"Title: message", without saying the same thing twice ("Loading TensorFlow: Loading TensorFlow…",
    "Grad-CAM of misclassified images: Grad-CAM of misclassified image 1")."""
    if not message:
        return title
    t = title.rstrip("….").strip().lower()
    shared = len(os.path.commonprefix([t, message.lower()]))
    if shared >= 0.8 * len(t):
        return message
    return f"{title}: {message}"


class JobStatus(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.device = ElidedLabel("")
        self.device.setObjectName("deviceLabel")
        self.backend = QLabel("")
        self.backend.setObjectName("backendLabel")
        self.job = ElidedLabel("")
        self.job.setObjectName("jobLabel")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(140)
        self.bar.setTextVisible(False)
        self.eta = QLabel("")
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("cancelJob")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.device, 1)
        layout.addWidget(self.backend)
        layout.addWidget(self.job, 4)  # the messages get the room; the device's details are its tooltip
        layout.addWidget(self.bar)
        layout.addWidget(self.eta)
        layout.addWidget(self.cancel)
        self._note = ""
        self._note_tip = ""
        self.idle()

    def _fit(self) -> None:
        """The job's text comes first: it takes the width it needs (as far as the bar leaves
        room) and the device's details are elided instead; fonts differ between machines."""
        others = sum(w.sizeHint().width() for w in (self.backend, self.bar, self.eta, self.cancel)
                     if not w.isHidden())
        room = self.width() - others - 60 - 6 * self.layout().spacing()  # 60: the device keeps a glimpse
        needed = self.job.fontMetrics().horizontalAdvance(self.job.text()) + 8
        self.job.setMinimumWidth(max(20, min(needed, room)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self._fit()

    def set_device(self, text: str, tooltip: str = "") -> None:
        self.device.setText(text)
        self.device.setToolTip(tooltip)

    def set_backend(self, text: str) -> None:
        """Which inference backend ran the last prediction (the full notice as tooltip)."""
        self.backend.setText(f"· {text.split(' — ')[0]}" if text else "")
        self.backend.setToolTip(text)
        self._fit()

    def running(self, title: str, fraction: float, message: str, eta: float) -> None:
        self.job.setText(job_text(title, message))
        self.job.setToolTip("")
        self.bar.show()
        self.cancel.show()
        if fraction <= 0:
            self.bar.setRange(0, 0)  # busy indicator until the first real fraction
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))
        self.eta.setText(f"ETA {eta:.0f} s" if eta >= 0 else "")
        self._fit()

    def note(self, text: str, tooltip: str = "") -> None:
        """A message that stays until the next one or until what it is about changes ("Saved …"),
        also after other jobs end.  Keep it short (names, not paths): the full story is ``tooltip``."""
        self._note, self._note_tip = text, tooltip
        self.job.setText(text)
        self.job.setToolTip(tooltip)
        self._fit()

    def clear_note(self) -> None:
        """What the note was about changed (another model was picked): it would mislead now."""
        self._note = self._note_tip = ""
        if self.bar.isHidden():
            self.idle()

    def idle(self, text: str = "") -> None:
        self.job.setText(text or self._note)
        self.job.setToolTip("" if text else self._note_tip)
        self.bar.hide()
        self.eta.setText("")
        self.cancel.hide()
        self._fit()
