"""Width, input size and "minimalistic" for the families that have them, offering only the
variants with ImageNet weights (see :mod:`gui.models.variant_options`).  Used on the model card
(with the classifier) and in the Train tab (without it: the no-top files)."""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from engine import zoo

from ..i18n.words import QT_TRANSLATE_NOOP, number
from ..widgets.full_text_combo import FullTextCombo
from . import variant_options as vo

WIDTH_TIP = QT_TRANSLATE_NOOP("VariantControls", "Width multiplier (alpha): fewer filters in every layer — smaller "
                              "and faster, less accurate. Only the widths this family has ImageNet weights for are "
                              "offered.")
SIZE_TIP = QT_TRANSLATE_NOOP("VariantControls", "The image size the network sees: smaller is faster and less "
                             "accurate. Only the sizes with ImageNet weights are offered.")
MINIMAL_TIP = QT_TRANSLATE_NOOP("VariantControls", "MobileNetV3 without squeeze-and-excite and hard-swish: a little "
                                "less accurate, runs on more hardware (ImageNet weights exist at width 1.0 only).")


class VariantControls(QWidget):
    """The variant's rows, in a form of their own, or added to ``form`` (the Train tab's, so
    the labels line up with the other settings)."""

    changed = Signal(object)  # zoo.Variant

    def __init__(self, include_top: bool = True, minimalistic: bool = True, form: Optional[QFormLayout] = None,
                 parent=None):
        super().__init__(parent)
        self.include_top = include_top
        self.offer_minimalistic = minimalistic  # the Train tab's settings have no minimalistic
        self.spec: Optional[zoo.ModelSpec] = None
        self.alpha = FullTextCombo(shortest_chars=8)
        self.alpha.setObjectName("variantAlpha")
        self.alpha.setToolTip(self.tr(WIDTH_TIP))
        self.size = FullTextCombo(shortest_chars=8)
        self.size.setObjectName("variantSize")
        self.size.setToolTip(self.tr(SIZE_TIP))
        self.minimal = QCheckBox(self.tr("minimalistic"))
        self.minimal.setObjectName("variantMinimalistic")
        self.minimal.setToolTip(self.tr(MINIMAL_TIP))
        self.standalone = form is None
        self.form = QFormLayout(self) if form is None else form
        if self.standalone:
            self.form.setContentsMargins(0, 0, 0, 0)
            self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long label goes above
        self.form.addRow(self.tr("Width (alpha)"), self.alpha)
        self.form.addRow(self.tr("Input size"), self.size)
        self.form.addRow("", self.minimal)
        self.alpha.currentIndexChanged.connect(lambda _: self._edited(refill=True))
        self.size.currentIndexChanged.connect(lambda _: self._edited(refill=True))
        self.minimal.toggled.connect(lambda _: self._edited(refill=True))
        if self.standalone:
            self.setVisible(False)

    # -- state -----------------------------------------------------------------------
    def set_spec(self, spec: Optional[zoo.ModelSpec], variant: Optional[zoo.Variant] = None) -> None:
        """Show the options of ``spec`` with ``variant`` chosen (no ``changed`` signal)."""
        self.spec = spec
        variant = variant or zoo.Variant()
        self._fill(variant.alpha, variant.input_size, bool(variant.minimalistic))

    def variant(self) -> zoo.Variant:
        if self.spec is None:
            return zoo.Variant(include_top=self.include_top)
        return vo.normalize(self.spec, self.alpha.currentData(), self.size.currentData(),
                            self.minimal.isChecked() and self.minimal.isEnabled(), self.include_top)

    # -- internals -------------------------------------------------------------------
    def _fill(self, alpha, size, minimal: bool) -> None:
        spec = self.spec
        widgets = (self.alpha, self.size, self.minimal)
        for w in widgets:
            w.blockSignals(True)
        try:
            alphas = vo.alphas(spec, self.include_top) if spec else []
            alpha = vo.DEFAULT_ALPHA if alpha is None else float(alpha)
            self.alpha.clear()
            for a in alphas:
                self.alpha.addItem(number(a, "g") + ("  " + self.tr("(default)") if a == vo.DEFAULT_ALPHA else ""), a)
            self.alpha.setCurrentIndex(max(0, self.alpha.findData(alpha)))
            chosen_alpha = self.alpha.currentData() if alphas else None
            sizes = vo.sizes(spec, chosen_alpha, self.include_top) if spec else []
            size = size or (spec.input_size if spec else None)
            self.size.clear()
            for s in sizes:
                default = "  " + self.tr("(default)") if spec and s == spec.input_size else ""
                self.size.addItem(f"{s}×{s}{default}", s)
            self.size.setCurrentIndex(max(0, self.size.findData(size)))
            can_minimal = bool(spec) and spec.variants.minimalistic and self.offer_minimalistic
            allowed = can_minimal and vo.minimalistic_allowed(spec, chosen_alpha, self.size.currentData(),
                                                              self.include_top)
            self.minimal.setEnabled(allowed)
            self.minimal.setChecked(minimal and allowed)
            self.form.setRowVisible(self.alpha, len(alphas) > 1)
            self.form.setRowVisible(self.size, len(sizes) > 1)
            self.form.setRowVisible(self.minimal, can_minimal)
            if self.standalone:
                self.setVisible(len(alphas) > 1 or len(sizes) > 1 or can_minimal)
                # Room for the whole choice ("224×224  (mặc định)"): where the label and it do not
                # fit side by side (Vietnamese labels run longer) the row puts the label above.
                for combo in (self.alpha, self.size):
                    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                    whole = combo.sizeHint().width()
                    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                    combo.setMinimumWidth(min(whole, 200))  # the model list stays narrow
        finally:
            for w in widgets:
                w.blockSignals(False)

    def _edited(self, refill: bool) -> None:
        if refill and self.spec is not None:
            # A new width can change which sizes (and minimalistic) have weights.
            self._fill(self.alpha.currentData(), self.size.currentData(), self.minimal.isChecked())
        self.changed.emit(self.variant())
