"""Searchable model list grouped by family, with an info card for the chosen model.

Filled from the zoo's data file at once (no TensorFlow needed), refreshed with the
introspected list when the engine is ready.  The user's own trained models get a group
of their own ("My models") through :meth:`set_user_models`.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from engine import zoo

USER_GROUP = "My models"
WHERE_TEXT = {
    "cache": "in the Keras cache",
    "offline": "in an offline weights folder",
    "imported": "imported",
    "missing": "<b style='color:#b00020'>missing</b> (download, import, or run untrained)",
    "unknown": "found when the model is first built",
}


def _fmt(value, unit="", pct=False) -> str:
    if value is None:
        return "<i>not published</i>"
    return f"{value * 100:.1f}%" if pct else f"{value:g}{unit}"


class ModelPicker(QWidget):
    model_chosen = Signal(str)
    weights_action = Signal(str, str)  # model name, "download" | "import" | "random"

    def __init__(self, status_fn: Optional[Callable[[zoo.ModelSpec], object]] = None, parent=None):
        super().__init__(parent)
        self._status_fn = status_fn
        self._specs: dict[str, zoo.ModelSpec] = {}
        self._user: list[tuple[str, str]] = []
        self._current = ""
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search models…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._changed)
        self.card = QLabel()
        self.card.setObjectName("modelCard")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.card.setMinimumHeight(190)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.card)
        self.actions = QWidget()
        row = QHBoxLayout(self.actions)
        row.setContentsMargins(0, 0, 0, 0)
        for choice, label in (("download", "Download"), ("import", "Import…"), ("random", "Untrained")):
            button = QPushButton(label)
            button.setObjectName(f"weights_{choice}")
            button.clicked.connect(lambda _=False, c=choice: self.weights_action.emit(self._current, c))
            row.addWidget(button)
        layout.addWidget(self.actions)
        self.actions.hide()

    # -- content -------------------------------------------------------------------
    def set_models(self, specs: Sequence[zoo.ModelSpec]) -> None:
        self._specs = {s.name: s for s in specs}
        self._rebuild()

    def set_user_models(self, entries: Sequence[tuple[str, str]]) -> None:
        """(display name, bundle path) of the user's trained models."""
        self._user = list(entries)
        self._rebuild()

    def names(self) -> list[str]:
        return list(self._specs)

    def current(self) -> str:
        return self._current

    def select(self, name: str) -> None:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                self.tree.setCurrentItem(item)
                return

    def refresh_card(self) -> None:
        self._show_card(self._current)

    # -- internals -----------------------------------------------------------------
    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                yield group.child(j)

    def _rebuild(self) -> None:
        current = self._current
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for spec in sorted(self._specs.values(), key=lambda s: (s.family, s.name)):
            group = groups.get(spec.family)
            if group is None:
                group = groups[spec.family] = QTreeWidgetItem(self.tree, [spec.family])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(group, [spec.name])
            item.setData(0, Qt.ItemDataRole.UserRole, spec.name)
        if self._user:
            group = QTreeWidgetItem(self.tree, [USER_GROUP])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for label, path in self._user:
                item = QTreeWidgetItem(group, [label])
                item.setData(0, Qt.ItemDataRole.UserRole, path)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self._filter(self.search.text())
        if current:
            self.tree.blockSignals(True)
            self.select(current)
            self.tree.blockSignals(False)

    def _filter(self, text: str) -> None:
        text = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            visible = 0
            for j in range(group.childCount()):
                child = group.child(j)
                hide = bool(text) and text not in child.text(0).lower() and text not in group.text(0).lower()
                child.setHidden(hide)
                visible += not hide
            group.setHidden(visible == 0)

    def _changed(self, item, _prev) -> None:
        if item is None or item.childCount() or item.data(0, Qt.ItemDataRole.UserRole) is None:
            return
        name = item.data(0, Qt.ItemDataRole.UserRole)
        self._current = name
        self._show_card(name)
        self.model_chosen.emit(name)

    def _show_card(self, name: str) -> None:
        spec = self._specs.get(name)
        if spec is None:
            self.actions.hide()
            self.card.setText(_user_card(name))
            return
        f = spec.figures
        where = ""
        self.actions.hide()
        if self._status_fn is not None:
            st = self._status_fn(spec)
            self.actions.setVisible(st.where == "missing")
            where = WHERE_TEXT.get(st.where, st.where)
            if st.path is not None:
                where += f"<br><small>{st.path}</small>"
        self.card.setText(
            f"<b style='font-size:14px'>{spec.name}</b> &nbsp;<span style='color:gray'>{spec.family}</span>"
            "<table cellspacing=2>"
            f"<tr><td>Input size</td><td>{spec.input_size}×{spec.input_size}</td></tr>"
            f"<tr><td>Top-1 / top-5</td><td>{_fmt(f.top1, pct=True)} / {_fmt(f.top5, pct=True)}</td></tr>"
            f"<tr><td>Size</td><td>{_fmt(f.size_mb, ' MB')}</td></tr>"
            f"<tr><td>Parameters</td><td>{_fmt(f.params_millions, ' M')}</td></tr>"
            f"<tr><td>Depth</td><td>{_fmt(f.depth)}</td></tr>"
            f"<tr><td>Latency CPU / GPU</td><td>{_fmt(f.cpu_ms, ' ms')} / {_fmt(f.gpu_ms, ' ms')}</td></tr>"
            f"<tr><td>ImageNet weights</td><td>{where}</td></tr></table>"
            "<small style='color:gray'>Figures published by Keras (batch 32, see About).</small>"
        )


def _user_card(folder: str) -> str:
    """The info card of one of the user's trained models, from its metadata."""
    from pathlib import Path

    from engine.errors import StudioError
    from engine.train.bundle_checks import read_metadata

    try:
        meta = read_metadata(Path(folder) / "metadata.json")
    except StudioError as exc:
        return f"<b>{Path(folder).name}</b><br><small>{folder}</small><br><small>{exc}</small>"
    acc = meta.get("metrics", {}).get("accuracy")
    classes = meta.get("class_names", [])
    mode = meta.get("training", {}).get("mode", "?")
    return (f"<b style='font-size:14px'>{meta.get('name', Path(folder).name)}</b> "
            "<span style='color:gray'>your model</span><table cellspacing=2>"
            f"<tr><td>Base model</td><td>{meta.get('base_model')}</td></tr>"
            f"<tr><td>Input size</td><td>{meta.get('input_size')}</td></tr>"
            f"<tr><td>Classes</td><td>{len(classes)}: {', '.join(classes[:8])}</td></tr>"
            f"<tr><td>Mode</td><td>{mode}</td></tr>"
            f"<tr><td>Validation accuracy</td><td>{'—' if acc is None else f'{acc * 100:.1f}%'}</td></tr>"
            f"</table><small>{folder}</small>")
