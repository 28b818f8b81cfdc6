"""Download a weight file into the Keras cache: capped, stall-proof, cancellable, verified.

- The body may not exceed the file's known size plus a margin (or an estimate from its
  structure, or :data:`~.manifest.GLOBAL_DOWNLOAD_CAP`): an endless stream or a lying
  ``Content-Length`` stops at the cap, announced lengths over it are refused before a byte
  is written.
- A read that gets no byte for ``timeout`` seconds fails ("stalled"), and so does a trickle
  of less than 1 KiB per ``timeout`` seconds.
- ``cancel`` is watched by a helper thread that shuts the socket down, so a cancel returns
  within a fraction of a second even while a read blocks on a server that trickles bytes.
- Only an identity body is accepted (``Accept-Encoding: identity``); a compressed body, an
  HTML page or a redirect loop gets a clear message.
- The file is written under a temp name carrying the pid (``fileio.atomic_path``), verified
  (hash or structure), and only then renamed into place; a killed download leaves a temp
  file that the next start removes.  A bad file already in the cache is replaced only if
  this app created it.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional

from .. import fileio, jobs, paths
from ..errors import WeightsDownloadError
from ..messages import msg
from ..jobs import CancelToken, ProgressFn
from . import ledger, verify
from .manifest import KERAS_WEIGHTS_BASE, WeightsFile, download_cap, facts, official_checks
from .structure import HDF5_SIGNATURE, REASONS, sniff_head

_CHUNK = 1 << 16
_MAX_REDIRECTS = 10
_MIN_BYTES_PER_WINDOW = 1024  # fewer than this per ``timeout`` seconds is a stall (a trickle)


def mirror_url(wf: WeightsFile, mirror: str = "") -> str:
    """The URL to fetch from: Keras' own, or the same path under a configured mirror."""
    mirror = mirror if isinstance(mirror, str) else ""
    mirror = mirror.strip() or os.environ.get("PRETRAINED_STUDIO_WEIGHTS_MIRROR", "")
    if not mirror:
        return wf.url
    if not mirror.lower().startswith(("http://", "https://")):
        raise WeightsDownloadError(f"The weights mirror '{mirror}' is not an http:// or https:// address; "
                                   "fix it in Preferences.")
    base = mirror.rstrip("/") + "/"
    if wf.url.startswith(KERAS_WEIGHTS_BASE):
        return base + wf.url[len(KERAS_WEIGHTS_BASE):]
    return base + wf.filename


def download(
    wf: WeightsFile,
    *,
    mirror: str = "",
    dest_dir: Optional[Path] = None,
    progress: Optional[ProgressFn] = None,
    cancel: Optional[CancelToken] = None,
    timeout: float = 30.0,
    model: str = "",
) -> Path:
    """Download ``wf`` into the Keras cache; verify it; only then give it its real name.

    On any failure (network, stall, cap, dropped connection, wrong bytes, cancel) the
    partial file is removed and the cache holds nothing new.
    """
    dest_dir = Path(dest_dir or paths.keras_models_cache())
    dest_dir.mkdir(parents=True, exist_ok=True)
    fileio.remove_stale_temps(dest_dir)
    target = dest_dir / wf.filename
    checks = official_checks(wf)
    if target.exists():
        verdict = verify.verify_file(target, checks, cancel)
        if verdict.ok:
            jobs.report(progress, 1.0, msg("download.already_here", "Already here: {path}", path=str(target)))
            return target
        if not ledger.app_created(target):
            raise WeightsDownloadError(
                f"'{target}' is already there but is not the expected file ({verdict.reason}). This app did "
                f"not create it, so it was left alone: delete or move it, then download {model or 'it'} again.")
    url = mirror_url(wf, mirror)
    cap, cap_why = download_cap(wf)
    jobs.report(progress, 0.0, msg("download.connecting", "Connecting to {url}", url=url))
    try:
        with fileio.atomic_path(target) as tmp:
            _fetch(url, tmp, wf.filename, cap, cap_why, progress, cancel, timeout)
            jobs.report(progress, 1.0, msg("download.checking", "Checking {file}", file=wf.filename))
            os.chmod(tmp, 0o644)  # like Keras' own downloads (temp files start private)
            verdict = verify.verify_file(tmp, checks, cancel)
            if not verdict.ok:
                raise WeightsDownloadError(
                    f"The downloaded '{wf.filename}' is damaged or not the expected file: {verdict.reason}. "
                    "It was deleted; try again, or check the mirror you configured.")
        verify.carry_over(tmp, target)
    except WeightsDownloadError:
        jobs.check(cancel)  # a cut-short body after a cancel is the cancel, not a bad file
        raise
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException) as exc:
        jobs.check(cancel)  # a socket shut down by cancel surfaces as an OSError
        raise WeightsDownloadError(
            f"Could not download '{wf.filename}' from {url}: {_reason(exc)}. Nothing was kept. "
            "Check the network connection or the mirror, or copy the file into an offline weights folder."
        ) from exc
    ledger.record_created(target)
    jobs.report(progress, 1.0, msg("download.saved", "Saved {path}", path=str(target)))
    return target


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        if 300 <= exc.code < 400:
            return f"the server redirected in a loop or more than {_MAX_REDIRECTS} times ({exc.code})"
        return f"the server answered {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"the server could not be reached ({exc.reason})"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "the server stopped sending data (stalled)"
    if isinstance(exc, http.client.IncompleteRead):
        return f"the connection closed after {len(exc.partial):,} more bytes, before the end of the file"
    return str(exc) or type(exc).__name__


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS


def _open(url: str, timeout: float, cancel: Optional[CancelToken]):
    """Open ``url`` in a helper thread so that a cancel need not wait for a slow server."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": "identity", "User-Agent": "PretrainedStudio"})
    opener = urllib.request.build_opener(_Redirects)
    box: dict = {}

    def run():
        try:
            box["resp"] = opener.open(req, timeout=timeout)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True, name="weights-connect")
    t.start()
    while t.is_alive():
        t.join(0.05)
        if cancel is not None and cancel.cancelled:
            threading.Thread(target=_close_later, args=(t, box), daemon=True).start()
            jobs.check(cancel)
    if "error" in box:
        raise box["error"]
    return box["resp"]


def _close_later(t: threading.Thread, box: dict) -> None:
    t.join()
    if "resp" in box:
        box["resp"].close()


def _socket_of(resp) -> Optional[socket.socket]:
    try:
        return resp.fp.raw._sock  # CPython: HTTPResponse -> BufferedReader -> SocketIO -> socket
    except AttributeError:
        return None


def _watch_cancel(sock, cancel: Optional[CancelToken], finished: threading.Event) -> None:
    while not finished.wait(0.05):
        if cancel is not None and cancel.cancelled:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # unblocks a read in the downloading thread
            except OSError:
                pass
            return


def _fetch(url, tmp: Path, name: str, cap: int, cap_why: str, progress, cancel, timeout) -> None:
    resp = _open(url, timeout, cancel)
    finished = threading.Event()
    try:
        encoding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding != "identity":
            raise WeightsDownloadError(
                f"The server sent '{name}' {encoding}-compressed (Content-Encoding: {encoding}) although an "
                "uncompressed file was asked for; nothing was kept. Check the mirror's configuration.")
        total = _length(resp.headers.get("Content-Length"))
        if total is not None and total > cap:
            raise WeightsDownloadError(
                f"The server announces {total:,} bytes for '{name}', more than the {cap:,} bytes it can be "
                f"({cap_why}); nothing was downloaded. Check the mirror you configured.")
        exact = facts(name).size
        if total is not None and exact and total != exact:
            raise WeightsDownloadError(
                f"The server offers {total:,} bytes for '{name}', but the file is {exact:,} bytes; nothing "
                "was downloaded. Check the mirror you configured.")
        sock = _socket_of(resp)
        if sock is not None and cancel is not None:
            threading.Thread(target=_watch_cancel, args=(sock, cancel, finished), daemon=True).start()
        _copy_body(resp, tmp, name, total, cap, cap_why, progress, cancel, timeout)
    finally:
        finished.set()
        resp.close()


def _length(value) -> Optional[int]:
    try:
        n = int(value)
    except (TypeError, ValueError):
        return None
    return n if n >= 0 else None


def _copy_body(resp, tmp: Path, name, total, cap, cap_why, progress, cancel, timeout) -> None:
    done, last = 0, 0.0
    window_start, window_bytes = time.monotonic(), 0
    with open(tmp, "wb") as out:
        while True:
            jobs.check(cancel)
            chunk = resp.read1(_CHUNK)
            jobs.check(cancel)
            if not chunk:
                break
            window_bytes += len(chunk)
            if time.monotonic() - window_start >= timeout:
                if window_bytes < _MIN_BYTES_PER_WINDOW:
                    raise WeightsDownloadError(
                        f"The server sent only {window_bytes:,} bytes of '{name}' in {timeout:.0f} s (stalled); "
                        "the download was stopped and nothing was kept. Try again later or use a mirror.")
                window_start, window_bytes = time.monotonic(), 0
            if done == 0 and name.endswith(".h5"):
                chunk = _check_head(chunk, resp, name)
            done += len(chunk)
            if done > cap:
                raise WeightsDownloadError(
                    f"The server sent more than {cap:,} bytes for '{name}' ({cap_why}); the download was "
                    "stopped and nothing was kept. Check the mirror you configured.")
            out.write(chunk)
            now = time.monotonic()
            if now - last > 0.1:
                last = now
                frac = done / total if total else 0.0
                jobs.report(progress, frac, msg("download.progress_of", "Downloading {file}: {done:.1f} of {total:.1f} "
                                                                        "MB",
                                                file=name, done=done / 1e6, total=total / 1e6) if total else
                            msg("download.progress", "Downloading {file}: {done:.1f} MB", file=name, done=done / 1e6))
    if total is not None and done != total:
        raise WeightsDownloadError(
            f"The connection closed after {done:,} of {total:,} bytes of '{name}'. Nothing was kept; try again.")


def _check_head(chunk: bytes, resp, name: str) -> bytes:
    """Stop at once when the body is plainly not an HDF5 weights file (an error page, gzip)."""
    while len(chunk) < len(HDF5_SIGNATURE):
        more = resp.read1(len(HDF5_SIGNATURE) - len(chunk))
        if not more:
            break
        chunk += more
    if chunk.startswith(HDF5_SIGNATURE):
        return chunk
    kind = sniff_head(chunk)
    raise WeightsDownloadError(f"The server did not send a weights file for '{name}': {REASONS[kind]}. "
                               "Nothing was kept. Check the mirror you configured.")
