"""The comparison charts as matplotlib Figures (no Qt): inference time, size and
parameters, and accuracy against latency with the Pareto front.

Every title, axis label and legend entry is one of :data:`TEXT` (English); a caller that
speaks another language (the window) passes ``text`` with its own for any of the keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

from matplotlib.figure import Figure

from .table import Row

PUBLISHED = "#2f7ed8"
GPU = "#8fb8e8"
HERE = "#e8833a"

TEXT = {
    "time_title": "Inference time",
    "time_cpu": "Keras, CPU (batch 32 step)",
    "time_gpu": "Keras, GPU (batch 32 step)",
    "time_here": "this machine (batch 32 step)",
    "time_axis": "milliseconds per inference step (log scale; missing figures not drawn)",
    "size_title": "Size and parameters (published by Keras)",
    "size_axis": "size (MB, log)",
    "params_axis": "parameters (millions, log)",
    "pareto_title": "Accuracy against latency",
    "pareto_models": "models",
    "pareto_front": "Pareto front",
    "pareto_latency": "latency, ms ({source}, log scale)",
    "pareto_accuracy": "ImageNet top-1 accuracy (%)",
    "source_cpu_ms": "Keras, CPU",
    "source_gpu_ms": "Keras, GPU",
    "source_here_latency_ms": "this machine, batch 1",
    "source_here_step32_ms": "this machine, batch 32 step",
    "source_here_ov_latency_ms": "this machine, OpenVINO batch 1",
}


def _text(text: Optional[dict]) -> dict:
    return {**TEXT, **(text or {})}


@dataclass
class Point:
    model: str
    x: float
    y: float


def time_chart(table: Sequence[Row], fig: Optional[Figure] = None, text: Optional[dict] = None) -> Figure:
    t = _text(text)
    fig = fig or Figure(figsize=(8, 9))
    fig.clear()
    rows = [r for r in table if r.cpu_ms is not None or r.here_step32_ms is not None]
    ax = fig.add_subplot(111)
    ys = range(len(rows))
    h = 0.27
    ax.barh([y - h for y in ys], [r.cpu_ms or 0 for r in rows], h, color=PUBLISHED, label=t["time_cpu"])
    ax.barh(list(ys), [r.gpu_ms or 0 for r in rows], h, color=GPU, label=t["time_gpu"])
    if any(r.here_step32_ms for r in rows):
        ax.barh([y + h for y in ys], [r.here_step32_ms or 0 for r in rows], h, color=HERE, label=t["time_here"])
    ax.set_yticks(list(ys), [r.model for r in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel(t["time_axis"])
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title(t["time_title"])
    fig.tight_layout()
    return fig


def size_chart(table: Sequence[Row], fig: Optional[Figure] = None, text: Optional[dict] = None) -> Figure:
    t = _text(text)
    fig = fig or Figure(figsize=(8, 9))
    fig.clear()
    rows = [r for r in table if r.size_mb is not None]
    ys = list(range(len(rows)))
    a1 = fig.add_subplot(121)
    a1.barh(ys, [r.size_mb for r in rows], color=PUBLISHED)
    a1.set_yticks(ys, [r.model for r in rows], fontsize=7)
    a1.invert_yaxis()
    a1.set_xscale("log")
    a1.set_xlabel(t["size_axis"])
    a2 = fig.add_subplot(122, sharey=a1)
    a2.barh(ys, [r.params_millions or 0 for r in rows], color=GPU)
    a2.set_xscale("log")
    a2.set_xlabel(t["params_axis"])
    a2.tick_params(labelleft=False)
    fig.suptitle(t["size_title"])
    fig.tight_layout()
    return fig


def pareto_front(points: Sequence[Point]) -> list[Point]:
    """Points no other point beats on both latency (lower) and accuracy (higher)."""
    front, best = [], -1.0
    for p in sorted(points, key=lambda p: (p.x, -p.y)):
        if p.y > best:
            front.append(p)
            best = p.y
    return front


def accuracy_points(table: Sequence[Row], latency: str = "cpu_ms") -> list[Point]:
    return [Point(r.model, float(r.value(latency)), float(r.top1)) for r in table
            if r.top1 is not None and r.value(latency) is not None]


def pareto_chart(table: Sequence[Row], latency: str = "cpu_ms", fig: Optional[Figure] = None,
                 text: Optional[dict] = None):
    """Scatter of top-1 against latency; the Pareto front drawn and labelled.

    Returns (figure, points) — the points let the GUI name the model under the mouse."""
    t = _text(text)
    fig = fig or Figure(figsize=(8, 6))
    fig.clear()
    ax = fig.add_subplot(111)
    pts = accuracy_points(table, latency)
    front = pareto_front(pts)
    names = {p.model for p in front}
    ax.scatter([p.x for p in pts if p.model not in names], [p.y * 100 for p in pts if p.model not in names],
               color=GPU, label=t["pareto_models"])
    ax.plot([p.x for p in front], [p.y * 100 for p in front], "-o", color=HERE, label=t["pareto_front"])
    for p in front:
        ax.annotate(p.model, (p.x, p.y * 100), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.set_xscale("log")
    source = t.get(f"source_{latency}", latency)
    ax.set_xlabel(t["pareto_latency"].format(source=source))
    ax.set_ylabel(t["pareto_accuracy"])
    ax.set_title(t["pareto_title"])
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig, pts


def save(fig: Figure, path) -> None:
    """PNG or SVG by the file's extension, written atomically."""
    import io
    from pathlib import Path

    from .. import fileio

    fmt = Path(path).suffix.lower().lstrip(".") or "png"
    if fmt not in ("png", "svg"):
        raise ValueError("charts export as .png or .svg")
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=120)
    fileio.write_bytes(path, buf.getvalue())
