"""Worker lanes: QObjects living in QThreads that run engine jobs, so the UI never freezes.

Four lanes (the design the app uses for "interactive work must not wait"):

* ``interactive`` — predictions for the current image.  Jobs carry a *slot*; a new job in
  a slot cancels the queued or running older one (latest request wins), and results of a
  superseded job are dropped before they reach the UI.
* ``long`` — folder batches, downloads, imports (and later training).  Jobs queue in order
  and are cancellable; a running long job never blocks the interactive lane.
* ``charts`` — matplotlib renders charts into images here (training curves, latest wins):
  a figure drawn on the GUI thread cost 0.1-0.5 s per redraw, and its first import seconds.
* ``files`` — checks of weight files for the model card (a first hash takes up to a second
  per large file): they wait neither behind a folder batch nor in front of a prediction.

A job is a plain callable ``fn(ctx)`` run in the lane's thread; ``ctx.progress`` and
``ctx.cancel`` are handed to the engine.  Results, progress and errors cross back to the GUI
thread only through queued signals.  An exception becomes an error callback with the
message for the user and the traceback as details: the app keeps running.
"""

from __future__ import annotations

import collections
import itertools
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QThread, Signal, Slot

from engine.errors import StudioError
from engine.jobs import CancelToken, Cancelled

from ..i18n.engine_text import say, say_error

from .gc_on_gui_thread import GuiThreadCollector

_ids = itertools.count(1)


class LaneThread(QThread):
    """A QThread whose event loop runs inside a Python ``run()``.

    Why: with the default ``run()``, each queued slot call enters Python from a foreign
    thread, and Python creates and destroys a thread state per call.  TensorFlow keeps
    per-thread Python state (its eager context), which then dangles: the second job in a
    lane crashed in ``convert_to_eager_tensor``.  Running ``exec()`` from Python keeps one
    thread state for the thread's whole life.
    """

    def run(self) -> None:  # noqa: D401
        self.exec()


@dataclass
class JobContext:
    job_id: int
    cancel: CancelToken
    _emit: Callable[[int, float, str], None]

    def progress(self, fraction: float, message: str = "") -> None:
        self._emit(self.job_id, float(fraction), message)


@dataclass
class Job:
    fn: Callable[[JobContext], Any]
    title: str
    lane: str = "interactive"
    slot: Optional[str] = None
    on_result: Optional[Callable[[Any], None]] = None
    on_error: Optional[Callable[[str, str, Optional[BaseException]], None]] = None
    on_progress: Optional[Callable[[float, str], None]] = None
    id: int = field(default_factory=lambda: next(_ids))
    token: CancelToken = field(default_factory=CancelToken)
    started_at: float = 0.0
    quiet: bool = False  # background work the status bar does not announce (charts, thumbnails)

    def cancel(self) -> None:
        self.token.cancel()


class LaneWorker(QObject):
    """Runs jobs one after another in its own thread."""

    started = Signal(int)
    progressed = Signal(int, float, object)  # a coded message (engine.messages) stays one
    succeeded = Signal(int, object)
    failed = Signal(int, str, str, object)
    cancelled = Signal(int)
    _wake = Signal()

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self._queue: "collections.deque[Job]" = collections.deque()
        self._lock = threading.Lock()
        self.current: Optional[Job] = None
        self._wake.connect(self._drain)

    def push(self, job: Job) -> None:
        with self._lock:
            self._queue.append(job)
        self._wake.emit()  # queued to the worker thread

    def drop_slot(self, slot: str) -> None:
        """Cancel queued and running jobs of ``slot`` (latest request wins)."""
        with self._lock:
            for job in list(self._queue):
                if job.slot == slot:
                    job.cancel()
                    self._queue.remove(job)
                    self.cancelled.emit(job.id)
            if self.current is not None and self.current.slot == slot:
                self.current.cancel()

    def cancel_all(self) -> None:
        with self._lock:
            for job in self._queue:
                job.cancel()
                self.cancelled.emit(job.id)
            self._queue.clear()
            if self.current is not None:
                self.current.cancel()

    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    @Slot()
    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self.current = None
                    return
                job = self._queue.popleft()
                self.current = job
            self._run(job)

    def _run(self, job: Job) -> None:
        if job.token.cancelled:
            self.cancelled.emit(job.id)
            return
        job.started_at = time.monotonic()
        self.started.emit(job.id)
        ctx = JobContext(job.id, job.token, self.progressed.emit)
        try:
            result = job.fn(ctx)
        except Cancelled:
            self.cancelled.emit(job.id)
        except StudioError as exc:
            self.failed.emit(job.id, str(exc), traceback.format_exc(), exc)
        except Exception as exc:  # noqa: BLE001 - every failure must reach the user
            self.failed.emit(job.id, f"{type(exc).__name__}: {exc}", traceback.format_exc(), exc)
        else:
            if job.token.cancelled:
                self.cancelled.emit(job.id)
            else:
                self.succeeded.emit(job.id, result)


class EngineClient(QObject):
    """GUI-side façade over the lanes: submit jobs, get callbacks in the GUI thread."""

    job_started = Signal(object)  # Job
    job_progress = Signal(object, float, str, float)  # Job, fraction, message (translated), eta seconds (-1 unknown)
    job_finished = Signal(object)  # Job (success, error or cancel)

    LANES = ("interactive", "long", "charts", "files")

    # The lanes share the GIL with the GUI thread, and PySide releases it around every Qt call:
    # with Python's default 5 ms switch interval, a busy lane made each of the GUI thread's
    # many short calls wait up to 5 ms for it back (showing a result took 150 ms).
    SWITCH_INTERVAL_S = 0.001

    def __init__(self, parent: Optional[QObject] = None):
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), self.SWITCH_INTERVAL_S))
        self._jobs: dict[int, Job] = {}
        self._latest: dict[str, int] = {}
        self.threads: dict[str, QThread] = {}
        self.workers: dict[str, LaneWorker] = {}
        self.collector = GuiThreadCollector(self)  # no garbage collection inside the lanes
        self.collector.start()
        for lane in self.LANES:
            thread = LaneThread(self)
            thread.setObjectName(f"engine-{lane}")
            worker = LaneWorker(lane)
            worker.moveToThread(thread)
            worker.started.connect(self._on_started)
            worker.progressed.connect(self._on_progress)
            worker.succeeded.connect(self._on_success)
            worker.failed.connect(self._on_failure)
            worker.cancelled.connect(self._on_cancelled)
            thread.start()
            self.threads[lane] = thread
            self.workers[lane] = worker

    # -- submitting ------------------------------------------------------------------
    def submit(self, job: Job) -> Job:
        self._jobs[job.id] = job
        worker = self.workers[job.lane]
        if job.slot is not None:
            worker.drop_slot(job.slot)
            self._latest[job.slot] = job.id
        worker.push(job)
        return job

    def run(self, fn, title: str, **kw) -> Job:
        return self.submit(Job(fn, title, **kw))

    def cancel(self, job: Optional[Job]) -> None:
        if job is not None:
            job.cancel()

    def cancel_lane(self, lane: str) -> None:
        self.workers[lane].cancel_all()

    def busy(self, lane: str) -> bool:
        return self.workers[lane].current is not None or self.workers[lane].pending() > 0

    def active_jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel everything and stop the threads; True if all stopped in time."""
        for worker in self.workers.values():
            worker.cancel_all()
        ok = True
        for thread in self.threads.values():
            thread.quit()
            ok = thread.wait(timeout_ms) and ok
        if ok:
            self.collector.stop()
        return ok

    # -- results (GUI thread) --------------------------------------------------------
    def _stale(self, job: Job) -> bool:
        return job.slot is not None and self._latest.get(job.slot) != job.id

    @Slot(int)
    def _on_started(self, job_id: int) -> None:
        job = self._jobs.get(job_id)
        if job is not None and not self._stale(job) and not job.quiet:
            self.job_started.emit(job)

    @Slot(int, float, object)
    def _on_progress(self, job_id: int, fraction: float, message) -> None:
        job = self._jobs.get(job_id)
        if job is None or self._stale(job):
            return
        message = say(message)  # the engine's coded messages in the window's language
        elapsed = time.monotonic() - job.started_at if job.started_at else 0.0
        eta = elapsed / fraction - elapsed if 0.02 < fraction < 1.0 and elapsed > 0.5 else -1.0
        if job.on_progress:
            job.on_progress(fraction, message)
        if not job.quiet:
            self.job_progress.emit(job, fraction, message, eta)

    @Slot(int, object)
    def _on_success(self, job_id: int, result) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        if not self._stale(job) and job.on_result:
            job.on_result(result)
        self.job_finished.emit(job)

    @Slot(int, str, str, object)
    def _on_failure(self, job_id: int, message: str, details: str, exc) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        message = say_error(exc, message)  # a coded error in the window's language
        if not self._stale(job) and job.on_error:
            job.on_error(message, details, exc)
        self.job_finished.emit(job)

    @Slot(int)
    def _on_cancelled(self, job_id: int) -> None:
        job = self._jobs.pop(job_id, None)
        if job is not None:
            self.job_finished.emit(job)
