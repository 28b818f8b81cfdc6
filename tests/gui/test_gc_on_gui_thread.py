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


def test_full_passes_follow_pythons_own_rule(qtbot, monkeypatch):
    """A full pass walks everything since TensorFlow's import: only once the oldest generation
    grew by a quarter since the last one (CPython's rule), and not twice within 5 s."""
    from gui.runtime import gc_on_gui_thread

    collector = gc_on_gui_thread.GuiThreadCollector()
    collector._kept = 1000
    collector._pending = 200
    assert not collector._full_due()
    collector._pending = 300
    assert collector._full_due()
    monkeypatch.setattr(gc_on_gui_thread, "_size", lambda generation: {2: 1300}.get(generation, 0))
    collector._full()
    assert (collector._kept, collector._pending) == (1300, 0)
    collector._pending = 2000
    assert not collector._full_due()  # grown enough, but one just ran
    collector._last_full -= 10
    assert collector._full_due()


class _Node:
    def __init__(self):
        self.me = self  # in a cycle, so the collector tracks it


def test_what_a_young_pass_moves_up_is_counted_without_walking_the_oldest(qtbot, monkeypatch):
    """The count that decides a full pass grows by the objects that survive a young pass (they
    move to the oldest generation) and not by those it frees; deciding never lists the oldest
    generation (that walk, every 250 ms, stalled the window for up to a second in training)."""
    from gui.runtime import gc_on_gui_thread

    walked = []
    real_size = gc_on_gui_thread._size
    monkeypatch.setattr(gc_on_gui_thread, "_size",
                        lambda generation: walked.append(generation) or real_size(generation))
    collector = gc_on_gui_thread.GuiThreadCollector()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc_on_gui_thread._collect(1)
        kept = [_Node() for _ in range(3000)]
        for _ in range(2000):
            _Node()  # garbage: freed by the pass, not moved up
        before = collector._pending
        collector._middle()
        moved = collector._pending - before
        assert 3000 <= moved < 4000, moved
        collector._kept, collector._last_full = 10**9, 0.0
        assert not collector._full_due()
    finally:
        if was_enabled:
            gc.enable()
    assert 2 not in walked and kept
