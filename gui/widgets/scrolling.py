"""Scroll areas that keep content from pushing the window.

A widget's minimum size propagates up to the main window: a bigger picture, a longer
form or a wider table made the window grow on its own, off a 768-pixel-high screen.
Inside a scroll area the content scrolls instead, and the window keeps its size.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


def scrollable(widget: QWidget, horizontal: bool = True) -> QScrollArea:
    """``widget`` in a frameless, resizable scroll area (vertical only if ``horizontal`` is False)."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class PageTabs(QTabWidget):
    """Tabs whose pages scroll when the window is smaller than a page needs.

    Callers keep working with the panels themselves: ``currentWidget``, ``setCurrentWidget``,
    ``indexOf`` and ``widget`` see the panel, not the scroll area around it.
    """

    def addPage(self, panel: QWidget, label: str) -> int:  # noqa: N802 - Qt naming
        area = scrollable(panel)
        area.setObjectName(f"page_{panel.__class__.__name__}")
        return super().addTab(area, label)

    @staticmethod
    def _inner(w):
        return w.widget() if isinstance(w, QScrollArea) else w

    def widget(self, index: int):
        return self._inner(super().widget(index))

    def currentWidget(self):  # noqa: N802
        return self._inner(super().currentWidget())

    def indexOf(self, w) -> int:  # noqa: N802
        for i in range(self.count()):
            if self.widget(i) is w:
                return i
        return super().indexOf(w)

    def setCurrentWidget(self, w) -> None:  # noqa: N802
        i = self.indexOf(w)
        if i >= 0:
            self.setCurrentIndex(i)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 240)
