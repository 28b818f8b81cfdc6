"""Searchable model list grouped by family, with an info card for the chosen model.

Filled from the zoo's data file at once (no TensorFlow needed), refreshed with the
introspected list when the engine is ready.  The user's own trained models get a group
of their own ("My models", listed first) through :meth:`set_user_models`.

The card has these parts, top to bottom: the figures and where the ImageNet weights are, for
predicting and for training (``card``), the variant (width, input size, minimalistic:
:class:`VariantControls`), the weights details — file, import, refused copies —
(``weights_info``), the buttons for the full file (``actions``) and for the no-top file
(``train_actions``).  Which buttons show for which weights state is one table each
(:mod:`.weights_card`).

The weights status comes from ``status_fn``, which must read no weight file (it runs on the
GUI thread); when a copy is not checked yet the card says "checking…" and emits
``weights_check_needed``: the window verifies it on a worker lane and calls
:meth:`refresh_card` with ``ask=False`` when the answer is remembered.
"""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path
from typing import Callable, Optional, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (QLabel, QLineEdit, QMenu, QPushButton, QSizePolicy, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from engine import zoo

from ..i18n.words import QT_TRANSLATE_NOOP, fmt, number, percent, translate
from ..widgets.flow import FlowLayout, flow_box
from ..widgets.scrolling import scrollable
from . import variant_options
from . import weights_card as wc
from .cards import file_card, user_card
from .variant_controls import VariantControls
from .weights_card import BUTTONS, TRAIN_BUTTONS, WEIGHTS_BUTTONS

USER_GROUP = QT_TRANSLATE_NOOP("ModelPicker", "My models")
FILES_GROUP = QT_TRANSLATE_NOOP("ModelPicker", "Files")  # model files opened with File ▸ Open model file…
TRAIN_PREFIX = "notop_"  # buttons acting on the no-top file (training) instead of the full one


def _fmt(value, unit="", pct=False) -> str:
    if value is None:
        missing = translate("ModelPicker", "not published")
        return f"<i>{html.escape(missing)}</i>"
    return percent(value) if pct else f"{number(value, 'g')}{unit}"

class ModelPicker(QWidget):
    model_chosen = Signal(str)
    variant_chosen = Signal(str, object)  # model name, zoo.Variant
    weights_action = Signal(str, str)  # model name, a key of BUTTONS ("notop_…": the no-top file)
    weights_check_needed = Signal(object, object)  # ModelSpec, [Variant]: verify these off the GUI thread
    preprocess_requested = Signal(str)  # a model file's path: the user wants to change its preprocessing
    file_remove_requested = Signal(str)  # a model file's path: take it off the "Files" list

    def __init__(self, status_fn: Optional[Callable[[zoo.ModelSpec, zoo.Variant], object]] = None, parent=None):
        super().__init__(parent)
        self._status_fn = status_fn
        self._specs: dict[str, zoo.ModelSpec] = {}
        self._user: list[tuple[str, str]] = []
        self._files: dict[str, str] = {}  # model file path -> its preprocessing, described
        self._variants: dict[str, zoo.Variant] = {}
        self._current = ""
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
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
        self.weights_info = QLabel()
        self.weights_info.setObjectName("weightsInfo")
        self.weights_info.setWordWrap(True)
        self.weights_info.setTextFormat(Qt.TextFormat.RichText)
        self.weights_info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.actions, self.actions_grid = _button_box()
        self.train_actions, self.train_grid = _button_box(self.tr("No-top file, for training:"))
        self.buttons: dict[str, QPushButton] = {}
        for choice in BUTTONS:
            self.add_weights_button(choice, *wc.button_text(choice))
        self.actions.hide()
        self.train_actions.hide()
        self.preprocess_button = QPushButton(self.tr("Change preprocessing…"))
        self.preprocess_button.setObjectName("changePreprocessing")
        self.preprocess_button.clicked.connect(lambda: self.preprocess_requested.emit(self._current))
        self.preprocess_button.hide()
        body = QWidget()
        bv = QVBoxLayout(body)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addWidget(self.card)
        bv.addWidget(self.variant)
        bv.addWidget(self.preprocess_button)
        bv.addWidget(self.actions)  # the buttons before the details: in view without scrolling
        bv.addWidget(self.train_actions)
        bv.addWidget(self.weights_info)
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
        button.hide()
        self.buttons[choice] = button
        return button

    def _offer(self, box: QWidget, grid: FlowLayout, choices: Sequence[str], group: str) -> None:
        """Show ``choices`` (side by side as the panel's width allows) and hide the group's others."""
        while grid.count():
            grid.takeAt(0)
        for choice, button in self.buttons.items():
            if choice.startswith(TRAIN_PREFIX) == (group == "train"):
                button.setVisible(choice in choices)
        for choice in choices:
            grid.addWidget(self.buttons[choice])
        box.setVisible(bool(choices))

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

    def set_model_file(self, path: str, preprocessing: str) -> None:
        """Add (or update) a model file in the "Files" group; ``preprocessing`` describes its choice."""
        self._files[path] = preprocessing
        self._rebuild()
        if path == self._current:
            self._show_card(path)

    def remove_model_file(self, path: str) -> None:
        if self._files.pop(path, None) is not None:
            self._rebuild()

    def model_files(self) -> list[str]:
        return list(self._files)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        path = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if path in self._files:
            menu = QMenu(self.tree)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per right-click
            menu.addAction(self.tr("Remove from this list"), lambda: self.file_remove_requested.emit(path))
            menu.popup(self.tree.viewport().mapToGlobal(pos))

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

    def refresh_card(self, ask: bool = True) -> None:
        """Show the card again (weights changed).  ``ask=False``: after a check came back, do
        not ask for another even if a file changed meanwhile (no endless checking)."""
        self._show_card(self._current, ask)

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
            group = QTreeWidgetItem(self.tree, [self.tr(USER_GROUP)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for label, path in self._user:
                item = QTreeWidgetItem(group, [label])
                item.setData(0, Qt.ItemDataRole.UserRole, path)
                item.setToolTip(0, path)
        if self._files:
            group = QTreeWidgetItem(self.tree, [self.tr(FILES_GROUP)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for path in self._files:
                item = QTreeWidgetItem(group, [Path(path).name])
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

    def _show_card(self, name: str, ask: bool = True) -> None:
        spec = self._specs.get(name)
        self.actions.hide()
        self.train_actions.hide()
        self.weights_info.hide()
        self.preprocess_button.setVisible(name in self._files)
        if spec is None:
            self.variant.set_spec(None)
            self.card.setText(file_card(name, self._files[name]) if name in self._files else user_card(name))
            return
        variant = self._variants.get(name, zoo.Variant())
        self.variant.set_spec(spec, variant)
        f = spec.figures
        weights_rows = []
        if self._status_fn is not None:
            weights_rows = self._show_weights(spec, variant, ask)
        size = zoo.input_size(spec, variant)
        chosen = variant_options.describe(variant)
        note = ("<br><small style='color:gray'>" + html.escape(fmt(
            self.tr("Figures are for the default variant; this is {variant}."), variant=chosen)) + "</small>"
                if chosen else "")
        rows = [(self.tr("Input size"), f"{size}×{size}"),
                (self.tr("Top-1 / 5"), f"{_fmt(f.top1, pct=True)} / {_fmt(f.top5, pct=True)}"),
                (self.tr("Size"), _fmt(f.size_mb, " MB")), (self.tr("Parameters"), _fmt(f.params_millions, " M")),
                (self.tr("Depth"), _fmt(f.depth)),
                (self.tr("CPU / GPU"), f"{_fmt(f.cpu_ms, ' ms')} / {_fmt(f.gpu_ms, ' ms')}")]
        rows += weights_rows
        self.card.setText(
            f"<b style='font-size:14px'>{spec.name}</b> &nbsp;<span style='color:gray'>{spec.family}</span>"
            "<table cellspacing=2>" + "".join(f"<tr><td nowrap>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in rows)
            + "</table><small style='color:gray'>" + html.escape(self.tr("Figures published by Keras (batch 32, see "
                                                                         "About).")) + "</small>" + note
        )

    def _show_weights(self, spec: zoo.ModelSpec, variant: zoo.Variant, ask: bool) -> list[tuple[str, str]]:
        """Buttons and details for the full and no-top files; the card's rows for them."""
        notop_variant = dataclasses.replace(variant, include_top=False)
        st = self._status_fn(spec, variant)
        nt = self._status_fn(spec, notop_variant)
        self._offer(self.actions, self.actions_grid, WEIGHTS_BUTTONS.get(wc.state(st), ()), "full")
        rows = [(self.tr("Weights"), wc.where_html(st))]
        if nt.where != "unknown":
            self._offer(self.train_actions, self.train_grid, TRAIN_BUTTONS.get(wc.state(nt), ()), "train")
            rows.append((self.tr("For training"), wc.training_html(nt, st)))
        info = "<br>".join(filter(None, (wc.details_html(st), wc.details_html(nt, self.tr("No-top file (training)")))))
        self.weights_info.setText(f"<small>{info}</small>")
        self.weights_info.setVisible(bool(info))
        self.card.setToolTip(str(st.path) if st.path is not None else "")
        pending = [v for v, s in ((variant, st), (notop_variant, nt)) if s.pending]
        if pending and ask:
            self.weights_check_needed.emit(spec, pending)
        return rows


def _button_box(title: str = "") -> tuple[QWidget, FlowLayout]:
    box = QWidget()
    v = QVBoxLayout(box)
    v.setContentsMargins(0, 4, 0, 0)
    if title:
        label = QLabel(f"<small>{html.escape(title)}</small>")
        label.setWordWrap(True)
        v.addWidget(label)
    row, flow = flow_box()
    v.addWidget(row)
    return box, flow
