"""Weight-file checks and hostile downloads: what they cost and what they let through.

- verifying MobileNetV2's file (structure check, every array read, plus its digests) the
  first time vs. memoised (a new process reading the memo), against reading the file once
  (the floor any check pays) — the fixture's ``.h5`` under Keras' name, and a 14.5 MB file
  of the official size;
- cancel latency against a server sending one byte every 2 s (the old code blocked in a
  64 KB read: minutes);
- bytes written against an endless stream and a lying Content-Length of 10**12 (the old code
  had no cap: 12.5 GB and 22 GB were measured).

    python tests/perf/bench_weights.py
"""

from __future__ import annotations

import builtins
import importlib
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
home = tempfile.mkdtemp(prefix="bench-weights-")
os.environ["PRETRAINED_STUDIO_HOME"] = os.path.join(home, "user")
os.environ["KERAS_HOME"] = os.path.join(home, "keras")

from engine import jobs  # noqa: E402
from engine.weights import download, from_manifest, locate, manifest, verify  # noqa: E402
from tests.conftest import MOBILENET_V2_H5  # noqa: E402
from tests.faults.fault_server import FaultServer  # noqa: E402

V2 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"


def _time(fn, repeat=5) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def _uncompressed_copy(src: Path, dst: Path) -> None:
    """The same arrays without gzip: the layout (and size, 14.5 MB) of the official file."""
    import h5py

    with h5py.File(src, "r") as fin, h5py.File(dst, "w") as fout:
        for k, v in fin.attrs.items():
            fout.attrs[k] = v
        for name, group in fin.items():
            g = fout.create_group(name)
            for k, v in group.attrs.items():
                g.attrs[k] = v
            def copy(n, obj, g=g):
                if hasattr(obj, "shape"):
                    g.create_dataset(n, data=obj[()])  # returns None: visititems goes on

            group.visititems(copy)


def bench_verify() -> None:
    for label, make in (("fixture .h5, gzip datasets", lambda p: shutil.copy(MOBILENET_V2_H5, p)),
                        ("uncompressed, like the official file", lambda p: _uncompressed_copy(MOBILENET_V2_H5, p))):
        _bench_verify(label, make)


def _bench_verify(label, make) -> None:
    cache = Path(os.environ["KERAS_HOME"]) / "models"
    cache.mkdir(parents=True, exist_ok=True)
    wf = from_manifest("MobileNetV2|")
    make(cache / V2)
    read_once = _time(lambda: (cache / V2).read_bytes())

    def first():
        verify.memo_file().unlink(missing_ok=True)
        verify.forget_memo()
        os.utime(cache / V2)  # a changed file: checked again
        assert locate(wf).verdict.ok

    def memoised():
        verify.forget_memo()
        assert locate(wf).where == "cache"

    t_first, t_memo = _time(first), _time(memoised, 20)
    size = (cache / V2).stat().st_size
    print(f"MobileNetV2, {label} ({size / 1e6:.1f} MB): read once {read_once * 1e3:.1f} ms, "
          f"first check {t_first * 1e3:.0f} ms ({t_first / read_once:.1f}x a plain read), "
          f"memoised {t_memo * 1e3:.2f} ms ({t_first / t_memo:.0f}x faster than checking)")


def bench_cancel() -> None:
    wf = manifest.WeightsFile("stall.h5", manifest.KERAS_WEIGHTS_BASE + "x/stall.h5", "0" * 32)
    latencies = []
    for _ in range(5):
        token, done = jobs.CancelToken(), {}

        def run():
            try:
                download(wf, mirror=srv.base, cancel=token, timeout=60)
            except BaseException as exc:  # noqa: BLE001
                done["exc"] = exc
            done["t"] = time.monotonic()

        with FaultServer(stall_interval=2.0) as srv:
            srv.route("/x/stall.h5", b"\x89HDF\r\n\x1a\n" + bytes(1000), "stall")
            t = threading.Thread(target=run)
            t.start()
            while srv.sent["/x/stall.h5"] < 1:
                time.sleep(0.01)
            time.sleep(0.5)
            asked = time.monotonic()
            token.cancel()
            t.join()
        assert isinstance(done["exc"], jobs.Cancelled)
        latencies.append(done["t"] - asked)
    print(f"cancel against a byte every 2 s: median {statistics.median(latencies) * 1e3:.0f} ms, "
          f"max {max(latencies) * 1e3:.0f} ms (5 runs)")


def bench_caps() -> None:
    mod = importlib.import_module("engine.weights.download")
    largest = [0]

    def counting_open(path, mode="r", *a, **k):
        f = builtins.open(path, mode, *a, **k)
        if "w" in mode:
            real, total = f.write, [0]

            def write(b):
                n = real(b)
                total[0] += n
                largest[0] = max(largest[0], total[0])
                return n

            f.write = write
        return f

    mod.open = counting_open
    wf = from_manifest("MobileNetV2|")
    data = MOBILENET_V2_H5.read_bytes()
    cap, why = manifest.download_cap(wf)
    for fault in ("endless", "lying-length"):
        largest[0] = 0
        with FaultServer() as srv:
            srv.route("/mobilenet_v2/" + V2, data, fault)
            t = time.perf_counter()
            try:
                download(wf, mirror=srv.base, dest_dir=Path(home) / fault)
            except Exception as exc:  # noqa: BLE001
                msg = str(exc)[:90]
            took = time.perf_counter() - t
        print(f"{fault}: wrote at most {largest[0]:,} bytes (cap {cap:,}: {why}) in {took:.2f} s — {msg}…")
    del mod.open


if __name__ == "__main__":
    bench_verify()
    bench_cancel()
    bench_caps()
    shutil.rmtree(home, ignore_errors=True)
