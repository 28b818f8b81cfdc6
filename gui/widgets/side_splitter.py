"""A side-by-side splitter whose first pane (a form) widens to what it asks for when the window
has room, and keeps whatever width the user drags it to.

A plain QSplitter keeps the first pane at its starting width and gives every extra pixel of a
wider window to the second: on a 1366-pixel screen the Train form still cut its choices while
the dataset view beside it had hundreds of pixels to spare.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter


class SideSplitter(QSplitter):
    def __init__(self, max_share: float = 0.47, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.max_share = max_share  # of the splitter's width the first pane may take on its own
        self.user_sized = False
        self.splitterMoved.connect(self._moved)
        self._fitting = False

    def _moved(self, *_):
        if not self._fitting:
            self.user_sized = True

    def wanted_first_width(self) -> int:
        """The first pane's own preferred width, capped by the share and by the second pane's
        minimum."""
        first, second = self.widget(0), self.widget(1)
        total = sum(self.sizes())
        room = total - second.minimumSizeHint().width()
        return max(0, min(first.sizeHint().width(), int(total * self.max_share), room))

    def fit_first(self) -> None:
        if self.user_sized or self.count() != 2:
            return
        sizes, total = self.sizes(), sum(self.sizes())
        want = self.wanted_first_width()
        if total <= 0 or want <= sizes[0]:
            return  # never narrower than it is: that is the starting width or the user's
        self._fitting = True
        try:
            self.setSizes([want, total - want])
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().resizeEvent(event)
        self.fit_first()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self.fit_first()
