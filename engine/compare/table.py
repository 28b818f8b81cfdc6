"""One row per zoo model: Keras' published figures beside this machine's measurements."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Optional, Sequence

from .. import fileio, zoo
from .bench import BenchRecord

COLUMNS = [
    ("model", "Model"), ("family", "Family"), ("size_mb", "Size (MB)"), ("top1", "Top-1"), ("top5", "Top-5"),
    ("params_millions", "Parameters (M)"), ("depth", "Depth"), ("cpu_ms", "CPU ms (Keras)"),
    ("gpu_ms", "GPU ms (Keras)"), ("here_latency_ms", "Here: batch-1 ms"), ("here_step32_ms", "Here: batch-32 step ms"),
    ("here_images_per_s", "Here: img/s"), ("here_peak_mb", "Here: peak MB"),
    ("here_ov_latency_ms", "Here OpenVINO: batch-1 ms"), ("here_ov_images_per_s", "Here OpenVINO: img/s"),
    ("here_bf16_latency_ms", "Here OpenVINO bf16: batch-1 ms"), ("here_bf16_images_per_s", "Here OpenVINO bf16: img/s"),
]


@dataclass
class Row:
    model: str
    family: str
    size_mb: Optional[float]
    top1: Optional[float]
    top5: Optional[float]
    params_millions: Optional[float]
    depth: Optional[int]
    cpu_ms: Optional[float]
    gpu_ms: Optional[float]
    here_latency_ms: Optional[float] = None
    here_step32_ms: Optional[float] = None
    here_images_per_s: Optional[float] = None
    here_peak_mb: Optional[float] = None
    here_ov_latency_ms: Optional[float] = None
    here_ov_images_per_s: Optional[float] = None
    here_bf16_latency_ms: Optional[float] = None
    here_bf16_images_per_s: Optional[float] = None

    def value(self, key: str):
        return getattr(self, key)


def _best_rate(record: BenchRecord) -> Optional[float]:
    best = max(record.images_per_s.values()) if record.images_per_s else None
    return round(best, 1) if best else None


def rows(specs: Sequence[zoo.ModelSpec], measured: Optional[dict[str, BenchRecord]] = None,
         openvino: Optional[dict[str, BenchRecord]] = None, bf16: Optional[dict[str, BenchRecord]] = None) -> list[Row]:
    """``measured``: Keras records by model; ``openvino`` / ``bf16``: the OpenVINO backend's."""
    measured, openvino, bf16 = measured or {}, openvino or {}, bf16 or {}
    out = []
    for s in specs:
        f = s.figures
        r = Row(s.name, s.family, f.size_mb, f.top1, f.top5, f.params_millions, f.depth, f.cpu_ms, f.gpu_ms)
        m = measured.get(s.name)
        if m is not None:
            r.here_latency_ms = round(m.latency_ms, 2)
            r.here_step32_ms = round(m.step_ms["32"], 2) if "32" in m.step_ms else None
            r.here_images_per_s = _best_rate(m)
            r.here_peak_mb = m.peak_memory_mb
        if s.name in openvino:
            r.here_ov_latency_ms = round(openvino[s.name].latency_ms, 2)
            r.here_ov_images_per_s = _best_rate(openvino[s.name])
        if s.name in bf16:
            r.here_bf16_latency_ms = round(bf16[s.name].latency_ms, 2)
            r.here_bf16_images_per_s = _best_rate(bf16[s.name])
        out.append(r)
    return out


def fmt(key: str, value) -> str:
    """Display text; missing figures stay visibly missing, never zero."""
    if value is None:
        return "—"
    if key in ("top1", "top5"):
        return f"{value * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def to_csv(table: Sequence[Row]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([key for key, _ in COLUMNS])
    for r in table:
        w.writerow(["" if r.value(k) is None else r.value(k) for k, _ in COLUMNS])
    return buf.getvalue()


def write_csv(path, table: Sequence[Row]) -> None:
    fileio.write_text(path, to_csv(table))
