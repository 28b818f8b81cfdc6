"""A combo box that asks for room to show its choices whole, and shortens them only where a
narrow column leaves no other way.

Qt's combo boxes either size to their longest item (and then push a narrow form off the
screen) or to a fixed number of characters (and then cut "Feature extraction (fast)" even
where there is room).  This one's size hint is its longest choice, and its minimum the choice
shown now (up to ``longest_minimum`` pixels): a form with ``WrapLongRows`` then puts the label
above the field rather than cut the shown choice, and a window with room shows every choice
whole.  The open list always shows every choice whole.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox


class FullTextCombo(QComboBox):
    def __init__(self, parent=None, shortest_chars: int = 10, longest_minimum: int = 270):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(shortest_chars)
        self.longest_minimum = longest_minimum  # beyond this the shown choice is shortened after all
        self.currentIndexChanged.connect(lambda _: self.updateGeometry())

    def _width_for(self, texts) -> int:
        """What Qt's AdjustToContents would ask for these texts."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                             QSize(widest, metrics.height() + 2), self).width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        few = super().sizeHint()  # the few characters Qt sizes this policy for
        whole = self._width_for(self.itemText(i) for i in range(self.count()))
        return QSize(max(few.width(), whole), few.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        few = super().sizeHint()
        shown = min(self._width_for([self.currentText()]), self.longest_minimum)
        return QSize(max(few.width(), shown), few.height())
