"""The Explain tab: the heatmap over the image, with method, class, layer, colormap and
opacity; how far to trust it (faithfulness curves beside a random map's, the sanity check);
grids comparing methods or classes; PNG and .npy export.  Widgets only: the controllers
(:mod:`gui.explain.controller`, :mod:`gui.explain.trust`) decide what to compute.

The controls sit in a scroll area, so the curves and the verdict never make the window
taller than the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCompleter, QFormLayout, QFrame, QGridLayout, QLabel,
                               QPushButton, QScrollArea, QSlider, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from engine.explain import METHODS
from engine.explain.overlay import COLORMAPS

from ..widgets.image_canvas import ImageCanvas
from .heatmap_grid import HeatmapGrid
from .score_plots import PlotBox


NO_CLASS = "No class is called “{typed}” (nor begins so); type part of a name and pick it from the list."
MANY_CLASSES = "“{typed}” begins {count} class names ({some}…): type more of the name."


def match_class(typed: str, names: list[str]) -> tuple[int | None, str]:
    """(index, "") of the class ``typed`` names: the exact name (any case), the one name it
    begins, or a class number; (None, what to tell the user) otherwise."""
    low = typed.casefold()
    exact = [i for i, n in enumerate(names) if n.casefold() == low]
    if exact:
        return exact[0], ""
    if typed.isdigit() and int(typed) < len(names):
        return int(typed), ""
    begins = [i for i, n in enumerate(names) if n.casefold().startswith(low)]
    if len(begins) == 1:
        return begins[0], ""
    if not begins:
        return None, NO_CLASS.format(typed=typed)
    return None, MANY_CLASSES.format(typed=typed, count=len(begins), some=", ".join(names[i] for i in begins[:3]))


def _button(text: str, tip: str, signal, name: str) -> QPushButton:
    b = QPushButton(text)
    b.setToolTip(tip)
    b.setObjectName(name)
    b.clicked.connect(signal)
    return b


class ExplainPanel(QWidget):
    recompute = Signal()  # method, class or layer changed
    redraw = Signal()  # colormap, opacity or visibility changed
    compare_requested = Signal()
    classes_requested = Signal()
    score_requested = Signal()
    sanity_requested = Signal()
    export_png = Signal()
    export_npy = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.canvas = ImageCanvas()
        self.grid = HeatmapGrid()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.canvas)
        self.stack.addWidget(self.grid)
        self.grid.back_requested.connect(lambda: self.show_grid(False))
        self.method = QComboBox()
        for name, m in METHODS.items():
            self.method.addItem(m.label + ("  (slow)" if m.slow else ""), name)
        self.klass = QComboBox()
        self.klass.setEditable(True)
        self.klass.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.klass.setToolTip("Top-1 by default; pick one of the top-k or type any class name and press Enter")
        self.klass.lineEdit().returnPressed.connect(self._class_typed)
        self._names: list[str] = []
        self.layer = QComboBox()
        self.layer.setToolTip("The last convolutional feature layer by default")
        for combo in (self.method, self.klass, self.layer):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.colormap = QComboBox()
        self.colormap.addItems(list(COLORMAPS))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(50)
        self.show_heatmap = QCheckBox("Show heatmap")
        self.show_heatmap.setChecked(True)
        self.status = QLabel("Open an image to see where the model looks.")
        self.status.setWordWrap(True)
        self.flat_note = QLabel()
        self.flat_note.setObjectName("flatNote")
        self.flat_note.setWordWrap(True)
        self.flat_note.setStyleSheet("QLabel { background: #fff4ce; color: #5c4400; padding: 4px; }")
        self.flat_note.hide()
        self.score_button = _button("Score", "Deletion and insertion curves of this map, beside random maps of the "
                                    "same smoothness: how far the map shows what the model uses",
                                    self.score_requested, "explainScore")
        self.sanity_button = _button("Sanity check", "Randomise the model's top layers one by one: a trustworthy "
                                     "map must change (Adebayo et al. 2018)", self.sanity_requested, "explainSanity")
        compare = _button("Compare methods", "Grad-CAM, Grad-CAM++, LayerCAM, fast Score-CAM, SmoothGrad and more "
                          "side by side, each with its faithfulness score", self.compare_requested, "compareMethods")
        classes = _button("Compare classes", "This method for each of the top classes side by side",
                          self.classes_requested, "compareClasses")
        png = _button("Export PNG…", "Save the overlay as shown", self.export_png, "exportPng")
        npy = _button("Export .npy…", "Save the raw heatmap (float32, model input size)", self.export_npy,
                      "exportNpy")
        self.score_text = QLabel()
        self.score_text.setObjectName("scoreText")
        self.score_text.setWordWrap(True)
        self.score_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.curves = PlotBox(330)
        self.sanity = PlotBox(230)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Method", self.method)
        form.addRow("Class", self.klass)
        form.addRow("Layer", self.layer)
        form.addRow("Colormap", self.colormap)
        form.addRow("Opacity", self.opacity)
        buttons = QGridLayout()
        for i, b in enumerate([self.score_button, self.sanity_button, compare, classes, png, npy]):
            buttons.addWidget(b, i // 2, i % 2)
        side = QWidget()
        sv = QVBoxLayout(side)
        sv.addWidget(QLabel("<b>What did the network look at?</b>"))
        sv.addLayout(form)
        sv.addWidget(self.show_heatmap)
        sv.addLayout(buttons)
        sv.addWidget(self.status)
        sv.addWidget(self.flat_note)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        sv.addWidget(line)
        sv.addWidget(self.score_text)
        sv.addWidget(self.curves)
        sv.addWidget(self.sanity)
        sv.addStretch(1)
        self.side = QScrollArea()
        self.side.setObjectName("explainSide")
        self.side.setWidget(side)
        self.side.setWidgetResizable(True)
        self.side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side.setMinimumWidth(270)
        self.side.setMaximumWidth(400)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("explainSplitter")
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([700, 330])  # first start: room for the curves; later the saved layout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.method.currentIndexChanged.connect(self.recompute)
        self.klass.activated.connect(lambda _: self.recompute.emit())
        self.layer.activated.connect(lambda _: self.recompute.emit())
        self.colormap.currentIndexChanged.connect(self.redraw)
        self.opacity.valueChanged.connect(self.redraw)
        self.show_heatmap.toggled.connect(self.redraw)

    # -- views -----------------------------------------------------------------------
    def show_grid(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.grid if on else self.canvas)

    def set_flat(self, reason: str) -> None:
        """Say that the map is flat (and why) instead of drawing a uniform overlay."""
        self.flat_note.setText(f"<b>Flat heatmap:</b> {reason}. The image is shown without an overlay."
                               if reason else "")
        self.flat_note.setVisible(bool(reason))

    def clear_scores(self) -> None:
        self.score_text.setText("")
        self.curves.hide()
        self.sanity.hide()

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
        self._names = list(all_names)
        completer = QCompleter([self.klass.itemText(i) for i in range(self.klass.count())], self.klass)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.klass.setCompleter(completer)
        self.klass.blockSignals(False)

    def _class_typed(self) -> None:
        """Enter in the class box: an exact name or a unique beginning of one takes that class."""
        typed = self.klass.lineEdit().text().strip()
        if not typed or self.klass.itemText(self.klass.currentIndex()) == typed:
            return  # an item's own text: the combo box took it already
        index, problem = match_class(typed, self._names)
        if index is None:
            self.status.setText(problem)
            return
        item = self.klass.findData(index)
        for i in range(self.klass.count()):  # the entry of the full list ("name [index]"), not the top-k one
            if self.klass.itemData(i) == index and self.klass.itemText(i).endswith(f"[{index}]"):
                item = i
        self.klass.setCurrentIndex(item)
        self.recompute.emit()

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
