"""Python's cyclic garbage collection, run on the GUI thread only while worker lanes exist.

Python runs its collector in whichever thread allocates when a threshold trips — here usually
a worker lane importing TensorFlow, building a model or training.  A collected cycle that holds
a Qt wrapper then destroys that Qt object off the thread it belongs to, and shiboken is left
pointing at freed memory: the GUI suite crashed now and then with SIGSEGV in ``visit_decref``
under shiboken's ``tp_traverse``, in the ``engine-interact`` lane, while TensorFlow imported.
With automatic collection off, a timer on the GUI thread runs the same generational passes when
the allocation counts pass the same thresholds (the approach of pyqtgraph's GarbageCollector).
It costs the GUI nothing it did not pay before: a collection in a worker held the GIL too.
"""

from __future__ import annotations

import gc
from typing import Optional

from PySide6.QtCore import QObject, QTimer


_active = 0  # collectors running (each engine client has one; tests may open two windows)
_enabled_before = True


class GuiThreadCollector(QObject):
    """Turns automatic collection off while it runs; when the last one stops, collection is
    given back as it was."""

    INTERVAL_MS = 250

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        global _active, _enabled_before
        if self._timer.isActive():
            return
        if _active == 0:
            _enabled_before = gc.isenabled()
            gc.disable()
        _active += 1
        self._timer.start()

    def stop(self) -> None:
        """Call once this client's worker threads have finished."""
        global _active
        if not self._timer.isActive():
            return
        self._timer.stop()
        _active -= 1
        if _active == 0 and _enabled_before:
            gc.enable()

    def collect_due(self) -> int:
        """The passes Python itself would have run by now, youngest first; objects found."""
        t0, t1, t2 = self.thresholds
        c0, c1, c2 = gc.get_count()
        if not t0 or c0 <= t0:
            return 0
        if c1 <= t1:
            return gc.collect(0)
        if c2 <= t2:
            return gc.collect(1)
        return gc.collect(2)
