"""The Inside tab: the layer tree (searchable, nested models expanded), the chosen layer's
feature maps for the current image, the "through the network" strip, filter patterns."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..widgets.images import to_pixmap

PATH_ROLE = Qt.ItemDataRole.UserRole
NO_IMAGE = "Open an image to see its feature maps."
CLICK_A_MAP = "Click a feature map to enlarge it."
TREE_TIP = "{name}: {type}, output {output}, {params} parameters ({trainable})"


def gray_icon(pixels, size: int) -> QIcon:
    """A feature map as an icon, scaled up without smoothing so small maps stay legible."""
    pix = to_pixmap(pixels[..., None].repeat(3, -1))
    return QIcon(pix.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation))


def icon_list(size: int, wrapping: bool = True) -> QListWidget:
    w = QListWidget()
    w.setViewMode(QListWidget.ViewMode.IconMode)
    w.setIconSize(QSize(size, size))
    w.setResizeMode(QListWidget.ResizeMode.Adjust)
    w.setMovement(QListWidget.Movement.Static)
    w.setWrapping(wrapping)
    if not wrapping:
        w.setFlow(QListWidget.Flow.LeftToRight)
        w.setFixedHeight(size + 40)
    return w


class InsidePanel(QWidget):
    layer_selected = Signal(tuple)
    maps_requested = Signal()
    patterns_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search layers by name or type…")
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Layer", "Type", "Output", "Parameters", "Trainable"])
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "block_6_…_relu": both ends stay readable
        self.tree.currentItemChanged.connect(self._chosen)
        self.tree.viewport().installEventFilter(self)  # the columns follow the tree's width
        self.summary = QLabel("Pick a model and an image.")
        self.summary.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.search)
        lv.addWidget(self.tree, 1)
        lv.addWidget(self.summary)
        self.order = QComboBox()
        self.order.addItems(["first", "most active"])
        self.order.currentIndexChanged.connect(self.maps_requested)
        self.count = QSpinBox()
        self.count.setRange(1, 256)
        self.count.setValue(32)
        self.count.valueChanged.connect(self.maps_requested)
        self.maps = icon_list(72)
        self.maps.currentItemChanged.connect(self._enlarge)
        self.big = QLabel()
        self.big.setFixedSize(160, 160)
        self.big.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stats = QLabel(CLICK_A_MAP)
        self.stats.setWordWrap(True)
        self.stats.setFixedWidth(160)
        self.strip = icon_list(96, wrapping=False)
        self.filters = QLineEdit("0-15")
        self.steps = QSpinBox()
        self.steps.setRange(5, 200)
        self.steps.setValue(30)
        compute = QPushButton("Compute filter patterns")
        compute.clicked.connect(self.patterns_requested)
        self.patterns = icon_list(96)
        maps_bar = QHBoxLayout()
        maps_bar.addWidget(QLabel("<b>Feature maps</b>"))
        maps_bar.addStretch(1)
        maps_bar.addWidget(QLabel("Show"))
        maps_bar.addWidget(self.count)
        maps_bar.addWidget(self.order)
        big_box = QVBoxLayout()
        big_box.addWidget(self.big)
        big_box.addWidget(self.stats)
        big_box.addStretch(1)
        maps_row = QHBoxLayout()
        maps_row.addWidget(self.maps, 1)
        maps_row.addLayout(big_box)
        filt_bar = QHBoxLayout()
        filt_bar.addWidget(QLabel("<b>Filter patterns</b>  filters"))
        filt_bar.addWidget(self.filters)
        filt_bar.addWidget(QLabel("steps"))
        filt_bar.addWidget(self.steps)
        filt_bar.addWidget(compute)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addLayout(maps_bar)
        rv.addLayout(maps_row, 3)
        rv.addWidget(QLabel("<b>Through the network</b> — one map per stage, first convolution to last"))
        rv.addWidget(self.strip)
        rv.addLayout(filt_bar)
        rv.addWidget(self.patterns, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("insideSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([430, 650])  # room for the layer names and their types
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._stats: dict[int, str] = {}
        self._big: dict[int, object] = {}

    # -- tree ----------------------------------------------------------------------
    def set_tree(self, nodes, summary, default_path=None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()

        def add(parent, node):
            texts = [node.name, node.class_name, node.shape_text(), f"{node.params:,}",
                     "yes" if node.trainable else "frozen"]
            item = QTreeWidgetItem(parent, texts)
            item.setData(0, PATH_ROLE, list(node.path))
            tip = TREE_TIP.format(name=texts[0], type=texts[1], output=texts[2], params=texts[3], trainable=texts[4])
            for column in range(len(texts)):
                item.setToolTip(column, tip)
            for child in node.children:
                add(item, child)
            return item

        for n in nodes:
            add(self.tree, n)
        self.tree.blockSignals(False)
        self._fit_columns()
        self.summary.setText(f"<b>{summary.name}</b>: {summary.total_params:,} parameters "
                             f"({summary.trainable_params:,} trainable), depth {summary.depth}, "
                             f"input {summary.input_size}×{summary.input_size}")
        if default_path:
            self.select(tuple(default_path))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Layer and Type always in view (each elided if it must be); the other columns follow."""
        width = self.tree.viewport().width()
        need = [max(self.tree.sizeHintForColumn(i), self.tree.header().sectionSizeHint(i)) for i in range(5)]
        layer = min(need[0], max(int(width * 0.55), width - need[1]))
        self.tree.setColumnWidth(0, layer)
        self.tree.setColumnWidth(1, max(60, min(need[1], width - layer)))
        for i in range(2, 5):
            self.tree.setColumnWidth(i, need[i])

    def items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            yield item
            stack[0:0] = [item.child(j) for j in range(item.childCount())]

    def select(self, path: tuple) -> None:
        for item in self.items():
            if tuple(item.data(0, PATH_ROLE)) == tuple(path):
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def selected_path(self):
        item = self.tree.currentItem()
        return tuple(item.data(0, PATH_ROLE)) if item is not None else None

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for item in self.items():
            match = not text or text in item.text(0).lower() or text in item.text(1).lower()
            item.setHidden(not match and item.childCount() == 0)

    def _chosen(self, item, _prev) -> None:
        if item is not None:
            self.layer_selected.emit(tuple(item.data(0, PATH_ROLE)))

    # -- views ---------------------------------------------------------------------
    def set_maps(self, maps) -> None:
        self.maps.clear()
        self._stats.clear()
        self._big.clear()
        for m in maps:
            item = QListWidgetItem(gray_icon(m.pixels, 72), str(m.channel))
            item.setData(PATH_ROLE, m.channel)
            self.maps.addItem(item)
            self._stats[m.channel] = (f"channel {m.channel}: min {m.minimum:.3g}, max {m.maximum:.3g}, "
                                      f"mean {m.mean:.3g}, {m.zero_fraction * 100:.0f}% zero")
            self._big[m.channel] = m.pixels
        self.big.clear()
        self.stats.setText(CLICK_A_MAP if maps else "This layer has no spatial output to show.")

    def clear_maps(self) -> None:
        """No image: nothing of the previous one's feature maps stays."""
        self.maps.clear()
        self.strip.clear()
        self.big.clear()
        self._stats.clear()
        self._big.clear()
        self.stats.setText(NO_IMAGE)

    def _enlarge(self, item, _prev) -> None:
        if item is None:
            return
        ch = item.data(PATH_ROLE)
        pix = to_pixmap(self._big[ch][..., None].repeat(3, -1)).scaled(
            160, 160, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
        self.big.setPixmap(pix)
        self.stats.setText(self._stats[ch])

    def set_strip(self, strip) -> None:
        self.strip.clear()
        for label, pixels in strip:
            self.strip.addItem(QListWidgetItem(gray_icon(pixels, 96), label))

    def set_patterns(self, result) -> None:
        self.patterns.clear()
        for f, img in zip(result.filters, result.images):
            self.patterns.addItem(QListWidgetItem(QIcon(to_pixmap(img)), f"filter {f}"))
