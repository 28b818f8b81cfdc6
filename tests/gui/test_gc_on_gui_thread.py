"""Garbage cycles made in a worker lane are collected on the GUI thread, never in the lane
(where a collected Qt wrapper would destroy its Qt object off its own thread)."""

from __future__ import annotations

import gc
import threading

from gui.runtime.worker import EngineClient


class Cycle:
    """A reference cycle that records which thread collected it."""

    def __init__(self, seen: list):
        self.me, self.seen = self, seen

    def __del__(self):
        self.seen.append(threading.current_thread() is threading.main_thread())


def test_cycles_from_a_worker_are_collected_on_the_gui_thread_and_collection_comes_back(qtbot):
    assert gc.isenabled()
    client = EngineClient()
    try:
        assert not gc.isenabled()
        seen: list = []
        kept: list = []  # alive until the end: freeing them would take the allocation count back down

        def work():
            Cycle(seen)
            kept.append([[i] for i in range(50_000)])  # past the youngest generation's threshold many times
            assert not seen  # nothing collected in this thread

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(seen), timeout=5_000)  # the GUI thread's timer collected it
        assert seen == [True]
    finally:
        assert client.shutdown()
    assert gc.isenabled()


def test_two_clients_keep_collection_off_until_the_last_stops(qtbot):
    first, second = EngineClient(), EngineClient()
    assert first.shutdown() and not gc.isenabled()
    assert second.shutdown() and gc.isenabled()


def test_a_library_collecting_in_a_worker_only_asks_the_gui_thread_to(qtbot):
    """TF Lite's converter calls gc.collect() during an export, in the lane that exports."""
    from gui.runtime import gc_on_gui_thread

    client = EngineClient()
    try:
        seen: list = []
        found: list = []

        def work():
            Cycle(seen)
            found.append(gc.collect())

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        assert found == [0] and not seen
        qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
        assert seen == [True]
        assert gc.collect() >= 0  # on the GUI thread it collects, as before
    finally:
        assert client.shutdown()
    assert gc.collect is gc_on_gui_thread._collect


def test_full_passes_follow_pythons_own_rule(qtbot):
    """A full pass walks everything since TensorFlow's import: only once the oldest generation
    grew by a quarter since the last one (CPython's rule), and not twice within 5 s."""
    from gui.runtime import gc_on_gui_thread

    collector = gc_on_gui_thread.GuiThreadCollector()
    collector._kept = 1000
    collector._pending = 200
    assert not collector._full_due()
    collector._pending = 300
    assert collector._full_due()
    collector._full()
    assert collector._pending == 0 and 1000 <= collector._kept  # what it kept, and what moved up
    collector._pending = collector._kept  # grown enough, but one just ran
    assert not collector._full_due()
    collector._last_full -= 10
    assert collector._full_due()


class _Node:
    def __init__(self):
        self.me = self  # in a cycle, so the collector tracks it


def test_what_the_passes_move_up_is_counted_without_listing_a_generation(qtbot, monkeypatch):
    """The count that decides a full pass grows by the objects that survive the young passes
    (they move to the oldest generation) and not by those they free, and the full pass keeps
    what it did not free.  No generation is listed: gc.get_objects() on the GUI thread broke
    the lanes' tuple(...) (see the next test) and, for the oldest one, stalled the window."""
    from gui.runtime import gc_on_gui_thread

    listed = []
    real = gc.get_objects
    monkeypatch.setattr(gc, "get_objects", lambda *a, **k: listed.append((a, k)) or real(*a, **k))
    collector = gc_on_gui_thread.GuiThreadCollector()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc_on_gui_thread._collect(2)
        kept = [_Node() for _ in range(3000)]
        for _ in range(2000):
            _Node()  # garbage: freed by the pass, not moved up
        collector._young()  # 3000 survivors into the middle generation
        more = [_Node() for _ in range(1000)]
        for _ in range(500):
            _Node()
        before = collector._pending
        collector._middle()
        moved = collector._pending - before
        assert 4000 <= moved < 4500, moved
        collector._kept, collector._last_full = 10**9, 0.0
        assert not collector._full_due()
        collector._kept = 0
        for _ in range(700):
            _Node()
        collector._full()
        assert moved <= collector._kept < moved + 500, (moved, collector._kept)
    finally:
        if was_enabled:
            gc.enable()
    assert not listed and kept and more


def test_a_lane_building_tuples_never_sees_the_collector(qtbot):
    """``tuple(generator)`` in a lane while the GUI thread's passes run: Python builds the tuple,
    runs the generator (the GIL may pass to the GUI thread), then resizes it, which fails if
    anything else holds a reference.  Listing a generation did: TensorFlow's import died with
    "SystemError: bad argument to internal function" within a second of this loop."""
    import sys
    import time

    from gui.runtime import gc_on_gui_thread

    collector = gc_on_gui_thread.GuiThreadCollector()
    errors: list = []
    stop = threading.Event()

    def lane():
        while not stop.is_set():
            try:
                tuple(x for x in range(200))
            except SystemError as exc:
                errors.append(exc)
                return

    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.001)  # as EngineClient sets it
    was_enabled = gc.isenabled()
    gc.disable()
    worker = threading.Thread(target=lane)
    worker.start()
    junk, passes = [], 0
    try:
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not errors:
            junk = [*junk[-4:], [[i] for i in range(20_000)]]  # young generations grow, as in an import
            collector._middle()
            passes += 1
            if passes % 10 == 0:
                collector._full()
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(switch)
        if was_enabled:
            gc.enable()
    assert not errors and passes > 10, (errors, passes)
