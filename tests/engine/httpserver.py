"""A tiny HTTP server on 127.0.0.1 for download tests: serves bytes, can drop or crawl."""

from __future__ import annotations

import http.server
import threading
import time


class FileServer:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.mode = "ok"  # "ok", "drop" (close mid-file), "slow" (small chunks, paced)
        self.requests: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append(self.path)
                data = outer.files.get(self.path)
                if data is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if outer.mode == "drop":
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                if outer.mode == "slow":
                    for i in range(0, len(data), 4096):
                        try:
                            self.wfile.write(data[i:i + 4096])
                            self.wfile.flush()
                        except OSError:
                            return
                        time.sleep(0.01)
                    return
                self.wfile.write(data)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
