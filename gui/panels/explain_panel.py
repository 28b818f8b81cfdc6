"""The Explain tab: the heatmap over the image, with method, class, layer, colormap and
opacity; a side-by-side grid of methods; PNG and .npy export.  Widgets only: the
:class:`gui.explain_controller.ExplainController` decides what to compute."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QSplitter, QVBoxLayout, QWidget)

from engine.explain import METHODS
from engine.explain.overlay import COLORMAPS

from ..widgets.image_canvas import ImageCanvas


class ExplainPanel(QWidget):
    recompute = Signal()  # method, class or layer changed
    redraw = Signal()  # colormap, opacity or visibility changed
    compare_requested = Signal()
    export_png = Signal()
    export_npy = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.canvas = ImageCanvas()
        self.method = QComboBox()
        for name, m in METHODS.items():
            self.method.addItem(m.label + ("  (slow)" if m.slow else ""), name)
        self.klass = QComboBox()
        self.klass.setEditable(True)
        self.klass.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.klass.setToolTip("Top-1 by default; pick one of the top-k or type any class name")
        self.layer = QComboBox()
        self.layer.setToolTip("The last convolutional feature layer by default")
        self.colormap = QComboBox()
        self.colormap.addItems(list(COLORMAPS))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(50)
        self.show_heatmap = QCheckBox("Show heatmap")
        self.show_heatmap.setChecked(True)
        self.status = QLabel("Open an image to see where the model looks.")
        self.status.setWordWrap(True)
        compare = QPushButton("Compare methods")
        compare.setToolTip("Grad-CAM, Grad-CAM++, LayerCAM, fast Score-CAM, SmoothGrad and more side by side")
        compare.clicked.connect(self.compare_requested)
        png = QPushButton("Export PNG…")
        png.clicked.connect(self.export_png)
        npy = QPushButton("Export .npy…")
        npy.clicked.connect(self.export_npy)
        form = QFormLayout()
        form.addRow("Method", self.method)
        form.addRow("Class", self.klass)
        form.addRow("Layer", self.layer)
        form.addRow("Colormap", self.colormap)
        form.addRow("Opacity", self.opacity)
        exports = QHBoxLayout()
        exports.addWidget(png)
        exports.addWidget(npy)
        side = QWidget()
        side.setMaximumWidth(380)
        side.setMinimumWidth(280)
        sv = QVBoxLayout(side)
        sv.addWidget(QLabel("<b>What did the network look at?</b>"))
        sv.addLayout(form)
        sv.addWidget(self.show_heatmap)
        sv.addWidget(compare)
        sv.addLayout(exports)
        sv.addWidget(self.status)
        sv.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("explainSplitter")
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.method.currentIndexChanged.connect(self.recompute)
        self.klass.activated.connect(lambda _: self.recompute.emit())
        self.layer.activated.connect(lambda _: self.recompute.emit())
        self.colormap.currentIndexChanged.connect(self.redraw)
        self.opacity.valueChanged.connect(self.redraw)
        self.show_heatmap.toggled.connect(self.redraw)

    # -- choices ---------------------------------------------------------------------
    def method_name(self) -> str:
        return self.method.currentData()

    def set_classes(self, top: list[tuple[int, str, float]], all_names: list[str]) -> None:
        """Top-k first (with probabilities), then every class, searchable by typing."""
        self.klass.blockSignals(True)
        self.klass.clear()
        self.klass.addItem("Top-1 class", None)
        for idx, name, p in top:
            self.klass.addItem(f"{name} ({p * 100:.1f}%)", idx)
        self.klass.insertSeparator(self.klass.count())
        for idx, name in enumerate(all_names):
            self.klass.addItem(f"{name} [{idx}]", idx)
        completer = QCompleter([self.klass.itemText(i) for i in range(self.klass.count())], self.klass)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.klass.setCompleter(completer)
        self.klass.blockSignals(False)

    def class_index(self):
        i = self.klass.findText(self.klass.currentText())
        return self.klass.itemData(i) if i >= 0 else None

    def set_layers(self, paths: list[tuple[str, ...]], default: tuple[str, ...]) -> None:
        self.layer.blockSignals(True)
        self.layer.clear()
        for p in paths:
            self.layer.addItem(" / ".join(p))
        self.layer.setCurrentIndex(max(0, self.layer.findText(" / ".join(default))))
        self.layer.blockSignals(False)

    def layer_path(self):
        text = self.layer.currentText()
        return tuple(text.split(" / ")) if text else None
