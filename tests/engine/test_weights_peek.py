"""`peek`: where a weight file would come from, reading no weight file (the model card calls it
on the GUI thread); remembered verdicts count, the first unchecked copy is `pending`."""

from __future__ import annotations

import threading

from engine import weights
from engine.weights import verify

from ..faults.weightfiles import demo_layers, isolate, register, write_legacy_h5

NAME = "demo_weights.h5"


def _work() -> dict:
    return dict(verify.STATS)


def test_peek_reads_no_file_and_agrees_with_locate_once_checked(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    data = write_legacy_h5(tmp_path / "src.h5", demo_layers()).read_bytes()
    wf = register(monkeypatch, NAME, data=data)  # hash-known (md5) and size
    offline = tmp_path / "lab"
    offline.mkdir()
    (offline / NAME).write_bytes(data)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(b"\0" * len(data))  # right size, wrong bytes: only a hash tells

    before = _work()
    first = weights.peek(wf, [offline])
    assert _work() == before  # no hash, no structure walk
    assert first.pending and first.where == "cache" and first.path == cache / NAME and first.verdict is None
    assert "not checked yet" in first.describe()

    found = weights.locate(wf, [offline])  # the real check (a worker's job in the GUI)
    assert found.where == "offline" and found.verified
    assert [p.path for p in found.problems] == [cache / NAME]

    before = _work()
    again = weights.peek(wf, [offline])
    assert _work() == before
    assert not again.pending and again.where == "offline" and again.verified
    assert [(p.path, p.reason) for p in again.problems] == [(p.path, p.reason) for p in found.problems]
    assert "md5" in again.problems[0].reason

    (offline / NAME).write_bytes(data[:-1] + b"\1")  # changed: the remembered verdict no longer holds
    changed = weights.peek(wf, [offline])
    assert changed.pending and changed.where == "offline"


def test_peek_never_waits_for_a_check_in_progress(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    data = write_legacy_h5(tmp_path / "src.h5", demo_layers()).read_bytes()
    wf = register(monkeypatch, NAME, data=data)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(data)
    weights.locate(wf)
    held, release = threading.Event(), threading.Event()

    def hold():  # a worker hashing a large file holds the memo's lock meanwhile
        with verify._lock:
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(5)
    try:
        st = weights.peek(wf)
        assert st.pending and st.where == "cache"  # "checking", not a frozen window
    finally:
        release.set()
        t.join()
    assert weights.peek(wf).verified
