"""Searchable model list grouped by family, with an info card for the chosen model.

Filled from the zoo's data file at once (no TensorFlow needed), refreshed with the
introspected list when the engine is ready.  The user's own trained models get a group
of their own ("My models", listed first) through :meth:`set_user_models`.

The card has three parts, top to bottom: the figures and where the ImageNet weights are
(``card``), the variant (width, input size, minimalistic: :class:`VariantControls`), and
the weights buttons (``actions``).  Which buttons show for which weights state is one
table, :data:`WEIGHTS_BUTTONS`: a new action (replace, remove) is one more entry there.
"""

from __future__ import annotations

import html
import re
from typing import Callable, Optional, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSplitter, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from engine import zoo

from .. import variant_options
from .scrolling import scrollable
from .variant_controls import VariantControls

USER_GROUP = "My models"
WHERE_TEXT = {
    "pack": "in the installer's weight pack",
    "cache": "in the Keras cache",
    "offline": "in an offline weights folder",
    "imported": "imported",
    "derived": "taken from the full model's weights",
    "missing": "<b style='color:#b00020'>missing</b> (download, import, or run untrained)",
    "unknown": "found when the model is first built",
}
# (choice emitted with weights_action, button label, tooltip)
BUTTONS = {
    "download": ("Download", "Download the official file from Keras' server (or your mirror), verified"),
    "import": ("Import…", "Use a weights file you have (.h5 or .weights.h5)"),
    "random": ("Untrained", "Run with random weights: every output is marked 'untrained weights'"),
}
# Which buttons each weights state offers.
WEIGHTS_BUTTONS = {"missing": ("download", "import", "random")}


def _fmt(value, unit="", pct=False) -> str:
    if value is None:
        return "<i>not published</i>"
    return f"{value * 100:.1f}%" if pct else f"{value:g}{unit}"


class ModelPicker(QWidget):
    model_chosen = Signal(str)
    variant_chosen = Signal(str, object)  # model name, zoo.Variant
    weights_action = Signal(str, str)  # model name, "download" | "import" | "random"

    def __init__(self, status_fn: Optional[Callable[[zoo.ModelSpec, zoo.Variant], object]] = None, parent=None):
        super().__init__(parent)
        self._status_fn = status_fn
        self._specs: dict[str, zoo.ModelSpec] = {}
        self._user: list[tuple[str, str]] = []
        self._variants: dict[str, zoo.Variant] = {}
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
        # Ignored: the card's text never decides the panel's width (it changed when another
        # model was picked, and the tabs moved under the pointer).
        self.card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.variant = VariantControls(include_top=True)
        self.variant.changed.connect(self._variant_changed)
        self.actions = QWidget()
        self.actions_row = QHBoxLayout(self.actions)
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for choice, (label, tip) in BUTTONS.items():
            self.add_weights_button(choice, label, tip)
        self.actions.hide()
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.card)
        bv.addWidget(self.variant)
        bv.addWidget(self.actions)
        bv.addStretch(1)
        self.card_area = scrollable(body, horizontal=False)
        self.card_area.setMinimumHeight(150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        # The list and the card share the height; the user can drag the line between them.
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setObjectName("pickerSplitter")
        self.split.addWidget(self.tree)
        self.split.addWidget(self.card_area)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([420, 480])  # the card with its variant and buttons in view on a 768-px screen
        layout.addWidget(self.split, 1)

    def add_weights_button(self, choice: str, label: str, tooltip: str = "") -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(f"weights_{choice}")
        button.setToolTip(tooltip)
        button.clicked.connect(lambda _=False, c=choice: self.weights_action.emit(self._current, c))
        self.actions_row.addWidget(button)
        self.buttons[choice] = button
        return button

    # The panel's width is the user's (drag the dock's edge), not the content's.
    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(270, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, 320)

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

    def user_model_paths(self) -> list[str]:
        return [path for _, path in self._user]

    def current(self) -> str:
        return self._current

    def current_variant(self) -> zoo.Variant:
        return self._variants.get(self._current, zoo.Variant())

    def set_variants(self, variants: dict) -> None:
        """Remembered variants, {model name: Variant} (from the settings)."""
        self._variants.update(variants)

    def variants(self) -> dict:
        return dict(self._variants)

    def select(self, name: str) -> bool:
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == name:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
                return True
        return False

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
        if self._user:  # the user's own models first: they are what a returning user wants
            group = QTreeWidgetItem(self.tree, [USER_GROUP])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for label, path in self._user:
                item = QTreeWidgetItem(group, [label])
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                item.setToolTip(0, path)
        groups: dict[str, QTreeWidgetItem] = {}
        for spec in sorted(self._specs.values(), key=lambda s: (s.family, s.name)):
            group = groups.get(spec.family)
            if group is None:
                group = groups[spec.family] = QTreeWidgetItem(self.tree, [spec.family])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item = QTreeWidgetItem(group, [spec.name])
            item.setData(0, Qt.ItemDataRole.UserRole, spec.name)
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

    def _variant_changed(self, variant: zoo.Variant) -> None:
        if not self._current:
            return
        self._variants[self._current] = variant
        self._show_card(self._current)
        self.variant_chosen.emit(self._current, variant)

    def _show_card(self, name: str) -> None:
        spec = self._specs.get(name)
        if spec is None:
            self.actions.hide()
            self.variant.set_spec(None)
            self.card.setText(_user_card(name))
            return
        variant = self._variants.get(name, zoo.Variant())
        self.variant.set_spec(spec, variant)
        f = spec.figures
        where = ""
        self.actions.hide()
        if self._status_fn is not None:
            st = self._status_fn(spec, variant)
            offered = WEIGHTS_BUTTONS.get(st.where, ())
            for choice, button in self.buttons.items():
                button.setVisible(choice in offered)
            self.actions.setVisible(bool(offered))
            where = WHERE_TEXT.get(st.where, st.where)
            if st.path is not None:  # breakable after _ and . (a long file name widened the panel)
                where += "<br><small>" + re.sub(r"([_.])", "\\1&#8203;", html.escape(st.path.name)) + "</small>"
            self.card.setToolTip(str(st.path) if st.path is not None else "")
        size = zoo.input_size(spec, variant)
        chosen = variant_options.describe(variant)
        note = (f"<br><small style='color:gray'>Figures are for the default variant; this is {chosen}.</small>"
                if chosen else "")
        rows = [("Input size", f"{size}×{size}"),
                ("Top-1 / 5", f"{_fmt(f.top1, pct=True)} / {_fmt(f.top5, pct=True)}"),
                ("Size", _fmt(f.size_mb, " MB")), ("Parameters", _fmt(f.params_millions, " M")),
                ("Depth", _fmt(f.depth)), ("CPU / GPU", f"{_fmt(f.cpu_ms, ' ms')} / {_fmt(f.gpu_ms, ' ms')}"),
                ("Weights", where)]
        self.card.setText(
            f"<b style='font-size:14px'>{spec.name}</b> &nbsp;<span style='color:gray'>{spec.family}</span>"
            "<table cellspacing=2>" + "".join(f"<tr><td nowrap>{k}</td><td>{v}</td></tr>" for k, v in rows)
            + "</table><small style='color:gray'>Figures published by Keras (batch 32, see About).</small>" + note
        )


def _user_card(folder: str) -> str:
    """The info card of one of the user's trained models, from its metadata."""
    import json
    from pathlib import Path

    try:
        meta = json.loads((Path(folder) / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"<b>{html.escape(Path(folder).name)}</b>"
    acc = meta.get("metrics", {}).get("accuracy")
    classes = [html.escape(str(c)) for c in meta.get("class_names", [])]
    mode = meta.get("training", {}).get("mode", "?")
    more = f" … (+{len(classes) - 8})" if len(classes) > 8 else ""
    return (f"<b style='font-size:14px'>{html.escape(meta.get('name', Path(folder).name))}</b> "
            "<span style='color:gray'>your model</span><table cellspacing=2>"
            f"<tr><td>Base model</td><td>{html.escape(str(meta.get('base_model')))}</td></tr>"
            f"<tr><td>Input size</td><td>{meta.get('input_size')}</td></tr>"
            f"<tr><td>Classes</td><td>{len(classes)}: {', '.join(classes[:8])}{more}</td></tr>"
            f"<tr><td>Mode</td><td>{html.escape(str(mode))}</td></tr>"
            f"<tr><td>Validation accuracy</td><td>{'—' if acc is None else f'{acc * 100:.1f}%'}</td></tr>"
            f"</table><small style='color:gray'>Folder: {html.escape(Path(folder).name)}</small>")
