"""A fault-injecting HTTP server on 127.0.0.1: serves bytes correctly or in a chosen hostile way.

    with FaultServer() as srv:
        srv.route("/a/file.h5", data, fault="stall")
        url = srv.base + "a/file.h5"

Faults: ``ok``; ``drop`` (announces the full length, sends half, closes); ``drop-nolength``
(no Content-Length, sends half, closes); ``endless`` (no length; the data, then zeros
forever); ``lying-length`` (Content-Length 10**12, then the data and zeros); ``stall`` (the
length, then one byte every ``stall_interval`` seconds); ``404``; ``500``; ``redirect-loop``
(302 to itself); ``gzip`` (gzip-compressed with ``Content-Encoding: gzip``); ``gzip-body``
(gzip-compressed bytes sent as the file); ``slow`` (``rate`` bytes per second, for kill tests).
Wrong bytes are simply served with ``ok``.  ``sent[path]`` counts the body bytes written.
"""

from __future__ import annotations

import gzip
import http.server
import threading
from collections import defaultdict

_ZEROS = bytes(1 << 16)


class FaultServer:
    def __init__(self, stall_interval: float = 2.0, rate: int = 200_000, endless_limit: int = 256 << 20):
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.sent: dict[str, int] = defaultdict(int)
        self.requests: list[str] = []
        self.stall_interval = stall_interval
        self.endless_limit = endless_limit
        self.rate = rate
        self.closing = threading.Event()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append(self.path)
                data, fault = outer.routes.get(self.path, (None, "404"))
                try:
                    outer._serve(self, self.path, data, fault)
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                    pass
                self.close_connection = True

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def route(self, path: str, data: bytes = b"", fault: str = "ok") -> str:
        self.routes[path] = (data, fault)
        return self.base + path.lstrip("/")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def _body(self, h, path: str, data: bytes) -> None:
        h.wfile.write(data)
        self.sent[path] += len(data)

    def _head(self, h, code: int, length=None, **headers) -> None:
        h.send_response(code)
        if length is not None:
            h.send_header("Content-Length", str(length))
        for k, v in headers.items():
            h.send_header(k.replace("_", "-"), v)
        h.end_headers()

    def _serve(self, h, path: str, data: bytes, fault: str) -> None:
        if fault in ("404", "500"):
            self._head(h, int(fault), 0)
            return
        if fault == "redirect-loop":
            self._head(h, 302, 0, Location=path)
            return
        if fault == "gzip":
            body = gzip.compress(data)
            self._head(h, 200, len(body), Content_Encoding="gzip")
            self._body(h, path, body)
        elif fault == "gzip-body":
            body = gzip.compress(data)
            self._head(h, 200, len(body))
            self._body(h, path, body)
        elif fault in ("drop", "drop-nolength"):
            self._head(h, 200, len(data) if fault == "drop" else None)
            self._body(h, path, data[: len(data) // 2])
            h.wfile.flush()
        elif fault in ("endless", "lying-length"):
            self._head(h, 200, 10 ** 12 if fault == "lying-length" else None)
            self._body(h, path, data)
            # Endless for any client that honours its cap; a client that does not stops at
            # ``endless_limit`` (its test then fails on the size, instead of filling the disk).
            while not self.closing.is_set() and self.sent[path] < self.endless_limit:
                self._body(h, path, _ZEROS)
        elif fault == "stall":
            self._head(h, 200, len(data))
            for i in range(len(data)):
                if self.closing.wait(0 if i == 0 else self.stall_interval):
                    return
                self._body(h, path, data[i:i + 1])
                h.wfile.flush()
        elif fault == "slow":
            self._head(h, 200, len(data))
            step = max(1, self.rate // 20)
            for i in range(0, len(data), step):
                if self.closing.wait(0.05):
                    return
                self._body(h, path, data[i:i + step])
                h.wfile.flush()
        else:
            self._head(h, 200, len(data))
            self._body(h, path, data)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.closing.set()
        self.httpd.shutdown()
        self.httpd.server_close()
