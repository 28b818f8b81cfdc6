"""Weight downloads against a real hostile server on 127.0.0.1, one test per fault.

Every test asserts: the cache holds the verified file or nothing (no temp file either), the
message says what happened, and nothing much larger than the file was written."""

from __future__ import annotations

import builtins
import importlib
import threading
import time

import pytest

from engine import jobs
from engine.errors import WeightsDownloadError
from engine.weights import download, manifest

from .fault_server import FaultServer
from .weightfiles import demo_layers, isolate, register, write_legacy_h5

download_module = importlib.import_module("engine.weights.download")
pytestmark = pytest.mark.faults
NAME = "demo_weights.h5"
PATH = "/demo/" + NAME


@pytest.fixture
def demo(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    data = write_legacy_h5(tmp_path / "src.h5", demo_layers()).read_bytes()
    return cache, data


def _listing(cache):
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


class WriteMeter:
    """Counts the bytes the download really writes (wraps the real file objects it opens)."""

    def __init__(self, monkeypatch):
        self.largest = 0
        monkeypatch.setattr(download_module, "open", self.open, raising=False)

    def open(self, path, mode="r", *args, **kw):
        f = builtins.open(path, mode, *args, **kw)
        if "w" not in mode:
            return f
        meter, written = self, [0]
        real_write = f.write

        def write(data):
            n = real_write(data)
            written[0] += n
            meter.largest = max(meter.largest, written[0])
            return n

        f.write = write
        return f


def _fails(srv, wf, match, **kw):
    """The download must fail with ``match``; a safety cancel after 20 s turns a hang into a failure."""
    token = kw.pop("cancel", None) or jobs.CancelToken()
    safety = threading.Timer(20, token.cancel)
    safety.start()
    try:
        with pytest.raises(WeightsDownloadError, match=match) as err:
            download(wf, mirror=srv.base, cancel=token, **kw)
    finally:
        safety.cancel()
    return str(err.value)


def test_correct_serve_is_verified_and_kept(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with FaultServer() as srv:
        srv.route(PATH, data)
        path = download(wf, mirror=srv.base)
    assert path.read_bytes() == data and _listing(cache) == [NAME]


def test_wrong_bytes_keep_nothing(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    wrong = write_legacy_h5(cache.parents[1] / "other.h5", demo_layers(seed=1)).read_bytes()
    with FaultServer() as srv:
        srv.route(PATH, wrong)
        msg = _fails(srv, wf, "damaged or not the expected file")
    assert "md5" in msg and "deleted" in msg and _listing(cache) == []


def test_drop_with_length_keeps_nothing(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with FaultServer() as srv:
        srv.route(PATH, data, "drop")
        _fails(srv, wf, rf"closed after {len(data) // 2:,} of {len(data):,} bytes")
    assert _listing(cache) == []


def test_drop_without_length_is_caught_by_size_and_structure(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with FaultServer() as srv:
        srv.route(PATH, data, "drop-nolength")
        _fails(srv, wf, rf"{len(data) // 2:,} bytes instead of {len(data):,}")
        # With no size and no hash known (MobileNet's case) the structure check catches it.
        wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=data, size=False)
        _fails(srv, wf, "truncated")
    assert _listing(cache) == []


@pytest.mark.parametrize("fault", ["endless", "lying-length"])
def test_endless_or_lying_stream_stops_at_the_cap(demo, monkeypatch, fault):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    cap, _ = manifest.download_cap(wf)
    seen = WriteMeter(monkeypatch)
    with FaultServer() as srv:
        srv.route(PATH, data, fault)
        t = time.monotonic()
        msg = _fails(srv, wf, "more than")
        took = time.monotonic() - t
    print(f"\n{fault}: cap {cap:,} bytes, largest temp file seen {seen.largest:,} bytes, {took:.2f} s")
    assert seen.largest <= cap and _listing(cache) == []
    if fault == "lying-length":
        assert "announces 1,000,000,000,000 bytes" in msg and seen.largest == 0
    else:
        assert f"more than {cap:,} bytes" in msg and seen.largest > len(data)  # it really streamed


def test_endless_stream_of_an_unknown_size_file_is_capped_by_its_structure(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=data, size=False)
    cap, why = manifest.download_cap(wf)
    assert "estimated" in why and cap < 20 * len(data)
    with FaultServer() as srv:
        srv.route(PATH, data, "endless")
        _fails(srv, wf, f"more than {cap:,} bytes")
    assert _listing(cache) == []


def test_error_page_is_refused_before_anything_is_written(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=data, size=False)
    seen = WriteMeter(monkeypatch)
    with FaultServer() as srv:
        srv.route(PATH, b"<html><body>Service unavailable</body></html>" * 100, "endless")
        _fails(srv, wf, "web page")
    assert seen.largest == 0 and _listing(cache) == []


def test_stall_times_out(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with FaultServer(stall_interval=2.0) as srv:
        srv.route(PATH, data, "stall")
        _fails(srv, wf, "stalled", timeout=0.5)
    with FaultServer(stall_interval=0.1) as srv:  # a trickle: bytes keep coming, far too few
        srv.route(PATH, data, "stall")
        _fails(srv, wf, r"only \d+ bytes .* in 1 s \(stalled\)", timeout=1.0)
    assert _listing(cache) == []


def test_cancel_returns_within_a_second_against_a_trickling_server(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    token, result = jobs.CancelToken(), {}

    def run():
        try:
            download(wf, mirror=srv.base, cancel=token, timeout=60)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            result["error"] = exc
        result["done"] = time.monotonic()

    with FaultServer(stall_interval=2.0) as srv:
        srv.route(PATH, data, "stall")
        t = threading.Thread(target=run)
        t.start()
        deadline = time.monotonic() + 10
        while srv.sent[PATH] < 1 and time.monotonic() < deadline:  # the read is blocked now
            time.sleep(0.01)
        time.sleep(0.3)
        asked = time.monotonic()
        token.cancel()
        t.join(5)
    latency = result["done"] - asked
    print(f"\ncancel latency against a server sending a byte every 2 s: {latency * 1000:.0f} ms")
    assert isinstance(result.get("error"), jobs.Cancelled) and latency < 1.0
    assert _listing(cache) == []


def test_cancel_while_the_server_does_not_answer(demo, monkeypatch):
    import socket

    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    mute = socket.socket()
    mute.bind(("127.0.0.1", 0))
    mute.listen(1)  # accepts the connection, never answers
    token = jobs.CancelToken()
    threading.Timer(0.3, token.cancel).start()
    t = time.monotonic()
    with pytest.raises(jobs.Cancelled):
        download(wf, mirror=f"http://127.0.0.1:{mute.getsockname()[1]}/", cancel=token, timeout=60)
    assert time.monotonic() - t < 1.5 and _listing(cache) == []
    mute.close()


@pytest.mark.parametrize("fault,match", [("404", "answered 404"), ("500", "answered 500"),
                                         ("redirect-loop", "redirected in a loop")])
def test_http_errors_say_what_the_server_did(demo, monkeypatch, fault, match):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with FaultServer() as srv:
        srv.route(PATH, data, fault)
        msg = _fails(srv, wf, match)
    assert "Nothing was kept" in msg and _listing(cache) == []


@pytest.mark.parametrize("fault,match", [("gzip", r"gzip-compressed \(Content-Encoding: gzip\)"),
                                         ("gzip-body", "gzip-compressed data, not a weights file")])
def test_gzip_bodies_are_refused_clearly(demo, monkeypatch, fault, match):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data, size=False)
    with FaultServer() as srv:
        srv.route(PATH, data, fault)
        _fails(srv, wf, match)
    assert _listing(cache) == []


def test_a_foreign_bad_file_in_the_cache_is_left_alone(demo, monkeypatch):
    cache, data = demo
    wf = register(monkeypatch, NAME, data=data)
    cache.mkdir(parents=True)
    (cache / NAME).write_bytes(b"someone else's file")
    with FaultServer() as srv:
        srv.route(PATH, data)
        _fails(srv, wf, "did not create it, so it was left alone")
        assert (cache / NAME).read_bytes() == b"someone else's file"
        # One the app downloaded and that went bad later is the app's to replace.
        (cache / NAME).unlink()
        download(wf, mirror=srv.base)
        with open(cache / NAME, "r+b") as f:
            f.write(b"garbage")
        assert download(wf, mirror=srv.base).read_bytes() == data


def test_mirror_that_is_not_http_is_refused(demo, monkeypatch):
    _, data = demo
    wf = register(monkeypatch, NAME, data=data)
    with pytest.raises(WeightsDownloadError, match="not an http"):
        download(wf, mirror="file:///etc/")
