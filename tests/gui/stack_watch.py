"""Every thread's stack, taken when the GUI thread's next heartbeat is late.

``faulthandler.dump_traceback_later`` did this from a C watchdog that reads the other threads'
frames without the GIL, while they run: a frame freed under it crashed the whole test process
(SIGSEGV in ``faulthandler_thread``, about one run in four of the Train flow test).  This
watchdog is a Python thread: it reads ``sys._current_frames()`` under the GIL, so it cannot
crash, at the price of taking the stacks once the GIL is free — at once when the GUI thread
waits in C (a lock, a slot in Qt), a little late when a worker holds the GIL in C.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from typing import Optional


class StackWatch:
    """``arm(delay)`` before each wait; if no new ``arm`` comes within ``delay`` seconds, every
    thread's stack is taken (once per arm) and kept for :meth:`take`."""

    def __init__(self):
        self._cond = threading.Condition()
        self._deadline: Optional[float] = None
        self._dumps: list[str] = []
        self._stopped = False
        self._thread = threading.Thread(target=self._watch, name="heartbeat-stack-watch", daemon=True)
        self._thread.start()

    def arm(self, delay_s: float) -> None:
        with self._cond:
            if self._deadline is None:
                self._cond.notify()  # else the watchdog finds the later deadline when it wakes
            self._deadline = time.monotonic() + delay_s

    def take(self) -> str:
        """The stacks taken since the last call ("" when no beat was late)."""
        with self._cond:
            dumps, self._dumps = self._dumps, []
        return "".join(dumps)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify()
        self._thread.join(timeout=5)

    def _watch(self) -> None:
        with self._cond:
            while not self._stopped:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                self._deadline = None  # one dump per late beat
                self._dumps.append(_all_stacks())


def _all_stacks() -> str:
    names = {t.ident: t.name for t in threading.enumerate()}
    me = threading.get_ident()
    parts = []
    for ident, frame in sys._current_frames().items():
        if ident != me:
            parts.append(f"Thread {names.get(ident, hex(ident))}:\n" + "".join(traceback.format_stack(frame)))
    return "\n".join(parts) + "\n"
