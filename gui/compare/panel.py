"""The Compare tab: every zoo model's published figures beside this machine's, sortable and
filterable, with charts (matplotlib, created when the tab is first shown so that start-up
does not pay for it) and exports."""

from __future__ import annotations

import re
from typing import Sequence

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from engine.compare.table import COLUMNS, Row, fmt

LATENCY_SOURCES = [("cpu_ms", "Keras, CPU"), ("gpu_ms", "Keras, GPU"), ("here_latency_ms", "This machine, batch 1"),
                   ("here_step32_ms", "This machine, batch 32")]


class ComparePanel(QWidget):
    benchmark_requested = Signal(list, str)  # model names, protocol
    export_csv = Signal()
    export_chart = Signal(str)  # "png" or "svg"
    chart_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([label for _, label in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterKeyColumn(1)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # models A→Z (Qt's default indicator is Z→A)
        self.family = QComboBox()
        self.family.addItem("All families", "")
        self.family.currentIndexChanged.connect(self._family_changed)
        self.protocol = QComboBox()
        self.protocol.addItem("Quick (3 batches × 2 repeats)", "quick")
        self.protocol.addItem("Keras' protocol (30 batches × 10 repeats)", "keras")
        bench_button = QPushButton("Benchmark selected")
        bench_button.setToolTip("Times the selected models here (random weights: timing does not need them)")
        bench_button.clicked.connect(self._benchmark)
        csv = QPushButton("Export CSV…")
        csv.clicked.connect(self.export_csv)
        top = QHBoxLayout()
        top.addWidget(self.family)
        top.addStretch(1)
        top.addWidget(self.protocol)
        top.addWidget(bench_button)
        top.addWidget(csv)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet("color: gray")
        self.charts = QTabWidget()
        self.latency = QComboBox()
        for key, label in LATENCY_SOURCES:
            self.latency.addItem(label, key)
        self.latency.currentIndexChanged.connect(self.chart_changed)
        png = QPushButton("Export PNG…")
        png.clicked.connect(lambda: self.export_chart.emit("png"))
        svg = QPushButton("Export SVG…")
        svg.clicked.connect(lambda: self.export_chart.emit("svg"))
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(QLabel("Latency for the scatter:"))
        chart_bar.addWidget(self.latency)
        chart_bar.addStretch(1)
        chart_bar.addWidget(png)
        chart_bar.addWidget(svg)
        upper = QWidget()
        uv = QVBoxLayout(upper)
        uv.setContentsMargins(0, 0, 0, 0)
        uv.addLayout(top)
        uv.addWidget(self.table, 1)
        uv.addWidget(self.source)
        lower = QWidget()
        lv = QVBoxLayout(lower)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(chart_bar)
        lv.addWidget(self.charts, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("compareSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setSizes([300, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def set_rows(self, rows: Sequence[Row], families: Sequence[str]) -> None:
        sort_col = self.proxy.sortColumn()
        order = self.proxy.sortOrder()
        self.model.removeRows(0, self.model.rowCount())
        for r in rows:
            items = []
            for key, _ in COLUMNS:
                value = r.value(key)
                item = QStandardItem(fmt(key, value))
                item.setData(value if value is not None else (-1.0 if key not in ("model", "family") else ""),
                             Qt.ItemDataRole.UserRole)
                if key.startswith("here_") and value is not None:
                    item.setForeground(Qt.GlobalColor.darkRed)
                items.append(item)
            self.model.appendRow(items)
        if self.family.count() == 1:
            for f in families:
                self.family.addItem(f, f)
        self.table.resizeColumnsToContents()
        if sort_col >= 0:
            self.proxy.sort(sort_col, order)

    def _family_changed(self) -> None:
        family = self.family.currentData() or ""  # the whole name: "ResNet" is not "ResNet-RS"
        self.proxy.setFilterRegularExpression(QRegularExpression(f"^{re.escape(family)}$") if family else "")
        self.chart_changed.emit()  # the charts show the same models as the table

    def family_filter(self) -> str:
        """The family the table and the charts are limited to ("" for all)."""
        return self.family.currentData() or ""

    def selected_models(self) -> list[str]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.proxy.index(r, 0).data() for r in sorted(rows)]

    def latency_key(self) -> str:
        return self.latency.currentData()

    def _benchmark(self) -> None:
        names = self.selected_models()
        if names:
            self.benchmark_requested.emit(names, self.protocol.currentData())
