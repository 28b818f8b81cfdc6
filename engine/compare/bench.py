"""Benchmark zoo models on this machine and keep the records.

Weights are not needed for timing (the arithmetic is the same), so models are built with
random weights.  Keras' published step times are measured at batch 32, 30 batches × 10
repeats; the same protocol is available here (``protocol="keras"``) beside a quicker one.
Each record names the inference backend that ran (:mod:`engine.backends`): Keras, and
OpenVINO f32 / bf16 where asked for; the conversion time is recorded apart.
"""

from __future__ import annotations

import datetime
import gc
import math
import platform
import statistics
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Optional, Sequence

import numpy as np

from .. import fileio, jobs, paths, safefiles, zoo
from ..jobs import CancelToken, ProgressFn

PROTOCOLS = {
    "quick": {"latency_runs": 20, "batches": 3, "repeats": 2},
    "keras": {"latency_runs": 50, "batches": 30, "repeats": 10},
}


@dataclass
class BenchRecord:
    model: str
    device: str  # "CPU" or "GPU"
    device_name: str
    build_s: float
    first_call_s: float
    latency_ms: float  # warm batch-1 median
    step_ms: dict = field(default_factory=dict)  # batch size (str) -> median step time, ms
    images_per_s: dict = field(default_factory=dict)  # batch size (str) -> throughput
    peak_memory_mb: Optional[float] = None
    memory_kind: str = "process RSS increase"
    protocol: str = "quick"
    input_size: int = 224
    tensorflow: str = ""
    keras: str = ""
    machine: str = ""
    date: str = ""
    backend: str = "keras"  # what ran: keras, openvino (f32) or openvino-bf16 (a failed conversion: keras)
    backend_label: str = ""  # what actually ran (a failed conversion falls back to Keras)
    convert_s: float = 0.0  # conversion and agreement check, apart from build_s


class _RssPeak:
    """Samples this process's resident memory in a thread; the peak above the baseline."""

    def __init__(self, interval: float = 0.01):
        self.interval = interval
        self.base = rss_mb()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb())
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())

    @property
    def increase(self) -> float:
        return self.peak - self.base


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def benchmark_one(name, *, batch_sizes: Sequence[int] = (1, 32), protocol: str = "quick",
                  device: str = "CPU", cancel: Optional[CancelToken] = None,
                  progress: Optional[ProgressFn] = None, backend: str = "keras") -> BenchRecord:
    import keras
    import tensorflow as tf

    from .. import backends, sources
    from .. import device as dev

    proto = PROTOCOLS[protocol]
    info = dev.configure()
    request = _request(name)
    name = sources.display_name(request)
    tf_device = "/GPU:0" if device == "GPU" else "/CPU:0"
    rng = np.random.default_rng(0)
    with tf.device(tf_device), _RssPeak() as mem:
        t = time.perf_counter()
        loaded = sources.load(request)
        size = loaded.input_size
        w, h = loaded.image_size
        build_s = time.perf_counter() - t  # includes tracing the compiled call once
        jobs.check(cancel)
        t = time.perf_counter()
        backends.attach(loaded, backend, cancel=cancel)
        convert_s = time.perf_counter() - t
        one = rng.integers(0, 255, (1, h, w, 3), dtype=np.uint8)
        t = time.perf_counter()
        loaded.run(one)
        first = time.perf_counter() - t
        times = []
        for i in range(proto["latency_runs"]):
            t = time.perf_counter()
            loaded.run(one)
            times.append(time.perf_counter() - t)
        jobs.report(progress, 0.3, f"{name}: batch 1 {statistics.median(times) * 1e3:.1f} ms")
        steps, ips = {}, {}
        for b in [b for b in batch_sizes if b > 1]:
            x = rng.integers(0, 255, (b, h, w, 3), dtype=np.uint8)
            loaded.run(x)  # warm this shape
            medians = []
            for r in range(proto["repeats"]):
                jobs.check(cancel)
                t = time.perf_counter()
                for _ in range(proto["batches"]):
                    loaded.run(x)
                medians.append((time.perf_counter() - t) / proto["batches"])
                jobs.report(progress, 0.3 + 0.7 * (r + 1) / proto["repeats"], f"{name}: batch {b}")
            step = statistics.median(medians)
            steps[str(b)] = step * 1e3
            ips[str(b)] = b / step
    latency = statistics.median(times) * 1e3
    ips.setdefault("1", 1e3 / latency)
    peak = mem.increase
    kind = "process RSS increase"
    if device == "GPU":
        try:
            peak = tf.config.experimental.get_memory_info("GPU:0")["peak"] / 2 ** 20
            kind = "GPU memory peak"
        except (ValueError, RuntimeError):
            pass
    label = loaded.backend.describe()
    ran = loaded.backend
    if ran.name == backends.OPENVINO:
        backend = backends.BF16 if ran.precision == "bf16" else backends.OPENVINO
    else:
        backend = ran.name  # Keras, or a model file's own runtime (the TFLite interpreter)
    del loaded
    # No gc.collect() here when automatic collection is off: the desktop app turns it off to
    # collect on its GUI thread only, and this runs in one of its worker threads.
    keras.backend.clear_session(free_memory=gc.isenabled())
    return BenchRecord(
        model=name, device=device, device_name=info.name if device == info.kind else device,
        build_s=build_s, first_call_s=first, latency_ms=latency, step_ms=steps, images_per_s=ips,
        peak_memory_mb=round(peak, 1), memory_kind=kind, protocol=protocol, input_size=size,
        tensorflow=info.tensorflow, keras=info.keras, machine=_machine(),
        date=datetime.datetime.now().isoformat(timespec="seconds"),
        backend=backend, backend_label=label, convert_s=convert_s,
    )


def _request(name):
    """A zoo name (random weights: timing needs none) or a ModelRequest (a model file) as it is."""
    from ..models import ModelRequest

    return name if isinstance(name, ModelRequest) else ModelRequest(zoo.get(name).name, zoo.Variant(), None)


def benchmark(names: Sequence, *, batch_sizes: Sequence[int] = (1, 32), protocol: str = "quick",
              devices: Optional[Sequence[str]] = None, progress: Optional[ProgressFn] = None,
              cancel: Optional[CancelToken] = None, on_record=None,
              backends: Sequence[str] = ("keras",)) -> list[BenchRecord]:
    """Benchmark each model on each device (and each CPU backend); cancel is honoured between
    models (and batches).  Other backends than Keras run on the CPU only."""
    from .. import device as dev
    from .. import sources

    info = dev.configure()
    devices = list(devices or (["GPU", "CPU"] if info.kind == "GPU" else ["CPU"]))
    jobs_list = [(n, d, b) for n in names for d in devices for b in backends if d == "CPU" or b == "keras"]
    out = []
    for i, (name, device, backend) in enumerate(jobs_list):
        jobs.check(cancel)
        sub = jobs.sub_progress(progress, i / len(jobs_list), (i + 1) / len(jobs_list))
        jobs.report(sub, 0.0, f"{sources.display_name(_request(name))} on {device} ({backend}): building")
        rec = benchmark_one(name, batch_sizes=batch_sizes, protocol=protocol, device=device, cancel=cancel,
                            progress=sub, backend=backend)
        out.append(rec)
        if on_record is not None:
            on_record(rec)
    return out


def _machine() -> str:
    from ..device import cpu_name

    return f"{platform.node()} · {cpu_name()} · {platform.system()} {platform.release()}"


# -- records -----------------------------------------------------------------------------

def records_file():
    return paths.user_data_dir() / "benchmarks.json"


def load_records() -> list[BenchRecord]:
    """The kept records; one with a field of the wrong type (a hand-edited file) is left out."""
    raw = safefiles.read_state(records_file(), what="the benchmark records", check=_records_shape)
    known = set(BenchRecord.__dataclass_fields__)
    out = []
    for r in (raw or {}).get("records", []):
        try:
            rec = BenchRecord(**{k: v for k, v in r.items() if k in known}) if isinstance(r, dict) else None
        except TypeError:
            continue
        if rec is not None and _typed(rec):
            out.append(rec)
    return out


def _records_shape(raw) -> str:
    ok = isinstance(raw, dict) and isinstance(raw.get("records", []), list)
    return "" if ok else "is not a list of benchmark records"


def _typed(rec: BenchRecord) -> bool:
    """Every field of the type the Compare tab and the table format it as."""
    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    texts = ("model", "device", "device_name", "memory_kind", "protocol", "tensorflow", "keras", "machine", "date",
             "backend", "backend_label")
    numbers = ("build_s", "first_call_s", "latency_ms", "convert_s", "input_size")
    return (all(isinstance(getattr(rec, k), str) for k in texts) and all(number(getattr(rec, k)) for k in numbers)
            and (rec.peak_memory_mb is None or number(rec.peak_memory_mb))
            and all(isinstance(d, dict) and all(isinstance(k, str) and number(v) for k, v in d.items())
                    for d in (rec.step_ms, rec.images_per_s)))


def save_records(new: Sequence[BenchRecord]) -> None:
    """Keep the newest record per (model, device, protocol, backend); write atomically."""
    merged = {(r.model, r.device, r.protocol, r.backend): r for r in load_records()}
    for r in new:
        merged[(r.model, r.device, r.protocol, r.backend)] = r
    fileio.write_json(records_file(), {"version": 1, "records": [asdict(r) for r in merged.values()]})


def latest_by_model(records: Sequence[BenchRecord], device: str = "CPU",
                    backend: str = "keras") -> dict[str, BenchRecord]:
    """The most recent record of each model on ``device`` with ``backend``."""
    best: dict[str, BenchRecord] = {}
    for r in records:
        if r.device != device or r.backend != backend:
            continue
        cur = best.get(r.model)
        if cur is None or r.date > cur.date:
            best[r.model] = r
    return best
