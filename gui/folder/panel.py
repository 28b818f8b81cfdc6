"""The Folder tab: a sortable table filling in as results arrive (file names sort the way
people count: 2.jpg before 10.jpg), with Open and CSV export."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from engine import export
from engine.pathnames import printable
from engine.predict import FileResult

COLUMNS = ["File", "Top-1", "Probability", "Top-5", "Error"]


def natural_key(text: str) -> list:
    """"img10.png" → ["img", 10, ".png"]: numbers compare as numbers (QCollator's numeric mode
    does nothing in the C locale)."""
    return [int(part) if i % 2 else part.casefold() for i, part in enumerate(re.split(r"(\d+)", text))]


def reason(path: str, error: str) -> str:
    """Why a file could not be read, without its path (the File column names it)."""
    prefix = f"Cannot read image '{printable(path)}': "
    return error[len(prefix):] if error.startswith(prefix) else error


class NaturalSortProxy(QSortFilterProxyModel):
    """Sorts text with numbers by value ("img2" before "img10"), numbers as numbers."""

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt naming
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, str) and isinstance(b, str):
            return natural_key(a) < natural_key(b)
        return super().lessThan(left, right)


class BatchPanel(QWidget):
    row_activated = Signal(object)  # the path exactly (a str may carry bytes Qt cannot hold)
    export_requested = Signal()
    cancel_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.proxy = NaturalSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for col, width in ((0, 200), (1, 150), (2, 90), (4, 170)):
            header.resizeSection(col, width)
        header.setToolTip("Click a column to sort; drag an edge to widen it")
        self.table.verticalHeader().hide()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # file names A→Z (Qt's default is Z→A)
        self.table.clicked.connect(self._clicked)
        self.summary = QLabel("Drop a folder (or open one with Ctrl+Shift+O) to classify every image in it.")
        self.summary.setWordWrap(True)
        self.open_button = QPushButton("Open folder…")
        self.open_button.setToolTip("Classify every image in a folder (and its subfolders)")
        self.open_button.clicked.connect(self.open_requested)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._total = 0
        self._model_label = ""

    def start(self, total: int, model_label: str) -> None:
        self.results.clear()
        self.model.removeRows(0, self.model.rowCount())
        self._total = total
        self._model_label = model_label
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self._update_summary("running")

    def add_result(self, r: FileResult) -> None:
        self.results.append(r)
        # folder/name (sorted naturally, escaped: Qt cannot hold bytes that are not UTF-8); full path as tooltip
        shown = printable("/".join(Path(r.path).parts[-2:]))
        if r.prediction is not None:
            top = r.prediction.top
            cells = [shown, top[0].name, top[0].probability,
                     ", ".join(f"{c.name} {c.probability * 100:.1f}%" for c in top[:5]), ""]
        else:
            cells = [shown, "", -1.0, "", reason(r.path, r.error or "")]
        items = []
        for col, value in enumerate(cells):
            text = f"{value * 100:.1f}%" if col == 2 and isinstance(value, float) and value >= 0 else (
                "" if col == 2 else str(value))
            item = QStandardItem(text)
            item.setData(value, Qt.ItemDataRole.UserRole)
            item.setData(len(self.results) - 1, Qt.ItemDataRole.UserRole + 1)  # Qt drops undecodable bytes
            if col == 4 and value:
                item.setToolTip(printable(r.error or ""))
            if col == 0:
                item.setToolTip(printable(r.path))
            items.append(item)
        if r.prediction is not None and r.prediction.untrained:
            items[1].setText(items[1].text() + " (untrained)")
        self.model.appendRow(items)
        self._update_summary("running")

    def finish(self, state: str) -> None:
        self.cancel_button.setEnabled(False)
        self.export_button.setEnabled(bool(self.results))
        self._update_summary(state)

    def total(self) -> int:
        """How many images the running (or last) batch has."""
        return self._total

    def row_count(self) -> int:
        return self.model.rowCount()

    def csv_text(self) -> str:
        """The results as CSV, in the order the table shows them (its sort)."""
        return export.results_csv(self.results_in_view(), self._model_label)

    def results_in_view(self) -> list[FileResult]:
        rows = (self.proxy.data(self.proxy.index(r, 0), Qt.ItemDataRole.UserRole + 1)
                for r in range(self.proxy.rowCount()))
        return [self.results[i] for i in rows if i is not None and 0 <= i < len(self.results)]

    def _update_summary(self, state: str) -> None:
        failed = sum(1 for r in self.results if r.error)
        done = len(self.results)
        word = {"running": "Running", "done": "Done", "cancelled": "Cancelled", "failed": "Stopped"}.get(state, state)
        self.summary.setText(f"{word}: {done} of {self._total} images with {self._model_label}"
                             + (f", {failed} unreadable" if failed else ""))

    def _clicked(self, index) -> None:
        row = self.proxy.data(index, Qt.ItemDataRole.UserRole + 1)
        if row is not None and 0 <= row < len(self.results):
            self.row_activated.emit(self.results[row].path)
