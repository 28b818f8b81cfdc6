"""Rows of buttons that wrap: as many side by side as the width holds, the rest on the next
row, so a panel is never wider than its widest button.

Two buttons a row fitted a 250-px panel in English; Vietnamese labels are longer (and a
40 %-longer pseudo-locale longer still), and a fixed grid then pushed the panel wider than the
screen gave it, cutting its controls.  Qt has no flow layout of its own: this is the one of
Qt's examples (heightForWidth, so the rows below move down as it wraps)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6, stretch: bool = True):
        """``stretch``: the buttons of a row share its width (as a grid's columns did)."""
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self._stretch = stretch
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout -----------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        visible = self._visible()
        if not visible:
            return QSize(0, 0)
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * (len(visible) - 1)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), self.heightForWidth(width + m.left() + m.right()))

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint().boundedTo(item.maximumSize())))
        m = self.contentsMargins()
        return QSize(size.width() + m.left() + m.right(), size.height() + m.top() + m.bottom())

    # -- placing -----------------------------------------------------------------------
    def _visible(self) -> list:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _rows(self, width: int) -> list[list]:
        rows, row, used = [], [], 0
        for item in self._visible():
            w = item.sizeHint().width()
            if row and used + self._spacing + w > width:
                rows.append(row)
                row, used = [], 0
            used += (self._spacing if row else 0) + w
            row.append(item)
        if row:
            rows.append(row)
        return rows

    def _place(self, rect: QRect, apply: bool) -> int:
        m: QMargins = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        for row in self._rows(area.width()):
            height = max(i.sizeHint().height() for i in row)
            natural = sum(i.sizeHint().width() for i in row) + self._spacing * (len(row) - 1)
            extra = max(0, area.width() - natural) if self._stretch else 0
            x = area.x()
            for n, item in enumerate(row):
                grow = extra // len(row) + (1 if n < extra % len(row) else 0)
                width = min(item.sizeHint().width() + grow, area.width())
                if apply:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom() if self._visible() else 0


def flow_box(widgets=(), spacing: int = 6, stretch: bool = True) -> tuple[QWidget, FlowLayout]:
    """A widget holding ``widgets`` in a :class:`FlowLayout` (height follows its width)."""
    box = QWidget()
    layout = FlowLayout(box, spacing, stretch)
    for w in widgets:
        layout.addWidget(w)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    box.setSizePolicy(policy)
    return box, layout
