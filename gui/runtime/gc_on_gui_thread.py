"""Python's cyclic garbage collection, run on the GUI thread only while worker lanes exist.

Python runs its collector in whichever thread allocates when a threshold trips — here usually
a worker lane importing TensorFlow, building a model or training.  A collected cycle that holds
a Qt wrapper then destroys that Qt object off the thread it belongs to, and shiboken is left
pointing at freed memory: the GUI suite crashed now and then with SIGSEGV in ``visit_decref``
under shiboken's ``tp_traverse``, in the ``engine-interact`` lane, while TensorFlow imported.
With automatic collection off, a timer on the GUI thread runs the same generational passes when
the allocation counts pass the same thresholds (the approach of pyqtgraph's GarbageCollector).
Libraries also call ``gc.collect()`` themselves (TF Lite's converter during an export, Keras when
a layer drops a variable): while the collector runs, such a call made off the GUI thread only
asks the timer for a full pass.  It costs the GUI nothing it did not pay before: a collection in
a worker held the GIL too, and the heap is frozen once TensorFlow is imported (gui/runtime/tasks.py), so
full passes walk only what came since.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import Optional

from PySide6.QtCore import QObject, QTimer


_active = 0  # collectors running (each engine client has one; tests may open two windows)
_enabled_before = True
_collect = gc.collect  # the real one
_full_asked = False  # a library asked for a collection from a worker thread


def _collect_here_or_ask(generation: int = 2) -> int:
    """``gc.collect`` while a collector runs: on the GUI thread as before, elsewhere a request."""
    global _full_asked
    if threading.current_thread() is threading.main_thread():
        return _collect(generation)
    _full_asked = True
    return 0


class GuiThreadCollector(QObject):
    """Turns automatic collection off while it runs; when the last one stops, collection is
    given back as it was."""

    INTERVAL_MS = 250

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._last_full = 0.0
        # Generation sizes are counted from gc.get_count() and what each pass found, never by
        # listing them: gc.get_objects() holds a reference to every object in the generation,
        # including a tuple a lane is still building; if the GIL passes to that lane before the
        # list is freed, its tuple(...) fails with "SystemError: bad argument to internal
        # function" (TensorFlow's import failed so in about one start of four in a GUI test).
        self._kept = 0  # objects in the oldest generation after the last full pass
        self._pending = 0  # objects moved into the oldest generation since then
        self._middle_size = 0  # objects moved into the middle generation since its last pass
        self._frozen = gc.get_freeze_count()
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
            gc.collect = _collect_here_or_ask
        _active += 1
        self._timer.start()

    def stop(self) -> None:
        """Call once this client's worker threads have finished."""
        global _active
        if not self._timer.isActive():
            return
        self._timer.stop()
        _active -= 1
        if _active == 0:
            gc.collect = _collect
            if _enabled_before:
                gc.enable()

    FULL_PASS_MIN_S = 5.0

    def collect_due(self) -> int:
        """The passes Python itself would have run by now, youngest first; objects found."""
        global _full_asked
        if gc.isenabled():  # someone turned it back on: not in the lanes
            gc.disable()
        if _full_asked:
            _full_asked = False
            return self._full()
        t0, t1, t2 = self.thresholds
        c0, c1, c2 = gc.get_count()
        if not t0 or c0 <= t0:
            return 0
        if c1 <= t1:
            return self._young()
        if not t2 or c2 <= t2 or not self._full_due():
            return self._middle()  # (Python 3.13+ reports 0 for the oldest threshold)
        return self._full()

    def _young(self) -> int:
        """A pass over the youngest generation; its survivors move to the middle one."""
        allocated = gc.get_count()[0]
        found = _collect(0)
        self._middle_size += max(0, allocated - found)
        return found

    def _middle(self) -> int:
        """A pass over the two young generations; what survives it moves to the oldest, and is
        counted there."""
        young = self._young_size()
        found = _collect(1)
        self._pending += max(0, young - found)
        self._middle_size = 0
        return found

    def _full_due(self) -> bool:
        """CPython's own rule, so full passes (they walk everything since TensorFlow's import)
        come no more often than without this module: once what the oldest generation gained
        since the last full pass exceeds a quarter of what that pass kept; and 5 s apart.
        Counted as the young passes move objects up, never by walking the oldest generation:
        that walk, on every tick, held the GUI thread for up to a second during training."""
        if time.monotonic() - self._last_full < self.FULL_PASS_MIN_S:
            return False
        return self._pending > self._kept / 4

    def _young_size(self) -> int:
        """Objects in the two young generations: the youngest's net allocations since its last
        pass, and what its passes moved into the middle one since that one's last pass."""
        return gc.get_count()[0] + self._middle_size

    def _full(self) -> int:
        young = self._young_size()
        frozen = gc.get_freeze_count()  # gc.freeze() moved these out of the oldest generation
        found = _collect(2)
        self._kept = max(0, self._kept + self._pending + young - found - (frozen - self._frozen))
        self._last_full, self._frozen, self._pending, self._middle_size = time.monotonic(), frozen, 0, 0
        return found
