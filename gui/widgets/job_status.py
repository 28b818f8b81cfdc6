"""Status bar content: device, versions, the running job with progress, ETA and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class JobStatus(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.device = QLabel("Loading TensorFlow…")
        self.device.setObjectName("deviceLabel")
        self.backend = QLabel("")
        self.backend.setObjectName("backendLabel")
        self.job = QLabel("")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.eta = QLabel("")
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("cancelJob")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.device)
        layout.addWidget(self.backend)
        layout.addStretch(1)
        layout.addWidget(self.job)
        layout.addWidget(self.bar)
        layout.addWidget(self.eta)
        layout.addWidget(self.cancel)
        self.idle()

    def set_device(self, text: str, tooltip: str = "") -> None:
        self.device.setText(text)
        self.device.setToolTip(tooltip)

    def set_backend(self, text: str) -> None:
        """Which inference backend ran the last prediction (the full notice as tooltip)."""
        self.backend.setText(f"· {text.split(' — ')[0]}" if text else "")
        self.backend.setToolTip(text)

    def running(self, title: str, fraction: float, message: str, eta: float) -> None:
        self.job.setText(f"{title}: {message}" if message else title)
        self.bar.show()
        self.cancel.show()
        if fraction <= 0:
            self.bar.setRange(0, 0)  # busy indicator until the first real fraction
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))
        self.eta.setText(f"ETA {eta:.0f} s" if eta >= 0 else "")

    def idle(self, text: str = "") -> None:
        self.job.setText(text)
        self.bar.hide()
        self.eta.setText("")
        self.cancel.hide()
