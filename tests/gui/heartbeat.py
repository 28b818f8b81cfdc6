"""A heartbeat on the GUI thread: proves the window answers while engine work runs.

A 20 ms QTimer records the gap between beats.  A gap is time the GUI thread could not run
Python: either something held it (the GIL held by a worker for long, a full garbage
collection, a slow call in a slot) or the operating system did not give the process a CPU
(a loaded machine: the GUI thread itself, or the worker lane holding the GIL, waiting in
the run queue).  Only the first is the app's fault, so where Linux reports it
(``/proc/<pid>/task/<tid>/schedstat``: time spent runnable but waiting for a CPU) that
wait — the GUI thread's, and the longest of the worker lanes' — is taken out of each gap;
elsewhere the raw gap counts.  On an idle machine both waits are about zero.

When a beat is late, a watchdog thread (:mod:`stack_watch`) takes every thread's stack, so a
failure says which code held the GUI thread.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Optional

from PySide6.QtCore import QTimer

from .stack_watch import StackWatch


def _runqueue_wait_ns(tid: int) -> Optional[int]:
    try:
        with open(f"/proc/{os.getpid()}/task/{tid}/schedstat", encoding="ascii") as f:
            return int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


def _lane_threads() -> list[int]:
    """Native ids of the worker lanes (QThreads named engine-…)."""
    tids = []
    try:
        for task in os.listdir(f"/proc/{os.getpid()}/task"):
            with open(f"/proc/{os.getpid()}/task/{task}/comm", encoding="utf-8", errors="replace") as f:
                if f.read().startswith("engine-"):
                    tids.append(int(task))
    except OSError:
        pass
    return tids


class Heartbeat:
    INTERVAL_MS = 20

    def __init__(self, dump_after_s: float = 0.1):
        self.beats: list[tuple[float, float]] = []  # (wall gap, gap without run-queue wait), seconds
        self._tid = threading.get_native_id()
        self._lanes: list[int] = []
        self._dump_after = dump_after_s
        self._watch: Optional[StackWatch] = None
        self._timer = QTimer()
        self._timer.timeout.connect(self._beat)
        self._last = (0.0, 0)
        self._worst_stacks = (0.0, "")

    def _waits(self) -> tuple[int, list[int]]:
        return _runqueue_wait_ns(self._tid) or 0, [_runqueue_wait_ns(t) or 0 for t in self._lanes]

    def __enter__(self) -> "Heartbeat":
        self._lanes = _lane_threads()
        self._watch = StackWatch()
        self._last = (time.perf_counter(), self._waits())
        self._timer.start(self.INTERVAL_MS)
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()
        self._watch.stop()

    def _beat(self) -> None:
        now, (gui, lanes) = time.perf_counter(), self._waits()
        gap = now - self._last[0]
        gui_wait = (gui - self._last[1][0]) / 1e9
        lane_wait = max((a - b for a, b in zip(lanes, self._last[1][1])), default=0) / 1e9
        blocked = max(0.0, gap - gui_wait - lane_wait)
        self.beats.append((gap, blocked))
        self._last = (now, (gui, lanes))
        stacks = self._watch.take()  # taken during this gap, if it was late
        if stacks and blocked > self._worst_stacks[0] and len(self.beats) > 1:
            self._worst_stacks = (blocked, stacks)
        self._watch.arm(self._dump_after)

    def worst(self) -> float:
        """The longest gap the app caused, in seconds (the first beat is the timer's start)."""
        return max((blocked for _, blocked in self.beats[1:]), default=0.0)

    def report(self) -> str:
        worst = max(self.beats[1:], key=lambda b: b[1], default=(0.0, 0.0))
        stacks = "\n".join(line for line in self._worst_stacks[1].splitlines()
                           if "site-packages/_pytest" not in line and "site-packages/pluggy" not in line)
        return (f"UI stalled {worst[1] * 1000:.0f} ms ({worst[0] * 1000:.0f} ms wall) over {len(self.beats)} beats; "
                f"every thread's stack {self._dump_after * 1000:.0f} ms into that stall:\n{stacks[-8000:]}")

    def assert_responsive(self, limit_s: float = 0.25, typical_s: float = 0.1, share: float = 0.97,
                          min_beats: int = 20) -> None:
        """No stall a user would take for a freeze (``limit_s``), and nearly every beat on time.

        A single gap of 100-250 ms happens on a 2-core machine while TensorFlow traces a graph
        in a worker (C++ graph building holds the GIL between Python steps); a user sees a
        hitch, not a frozen window.  Many such gaps, or one longer, fail.
        """
        assert len(self.beats) > min_beats, f"only {len(self.beats)} heartbeats"
        assert self.worst() < limit_s, self.report()
        late = sum(1 for _, blocked in self.beats[1:] if blocked >= typical_s)
        assert late <= (1 - share) * (len(self.beats) - 1), \
            f"{late} of {len(self.beats) - 1} beats late; " + self.report()
