"""Live loss and accuracy curves of a training run, drawn with matplotlib in the ``charts``
worker lane (see :mod:`gui.train.chart_image`): pure functions of the history."""

from __future__ import annotations

from typing import Optional, Sequence


def smoothed(values: Sequence[float], keep: float = 0.8) -> list[float]:
    """Exponential moving average: the per-batch loss without the noise."""
    out, acc = [], values[0] if values else 0.0
    for y in values:
        acc = keep * acc + (1 - keep) * y
        out.append(acc)
    return out


RESUMED = "resumed from epoch {epoch}"


def draw(fig, history: dict, batches: Sequence[tuple[float, float]], phase_start: Optional[int] = None,
         epochs: Optional[Sequence[int]] = None, resumed_at: int = 0) -> None:
    """Loss (with the smoothed batch loss) above accuracy; a dotted line where fine-tuning starts,
    a dashed one where a resumed run went on (``epochs``: each value's epoch number)."""
    fig.clear()
    axes = []
    for i, metric in enumerate(("loss", "accuracy")):
        ax = fig.add_subplot(2, 1, i + 1)
        axes.append(ax)
        if metric == "loss" and batches:
            xs, ys = zip(*batches)
            ax.plot(xs, smoothed(ys), "-", color="gray", alpha=0.6, lw=1, label="batch loss (smoothed)")
        for key, style in ((metric, "-o"), (f"val_{metric}", "--s")):
            if key in history:
                ys = history[key]
                xs = list(epochs)[-len(ys):] if epochs and len(epochs) >= len(ys) else range(1, len(ys) + 1)
                ax.plot(xs, ys, style, ms=4, label=key.replace("_", " "))
        if phase_start is not None:
            ax.axvline(phase_start + 0.5, color="tab:purple", ls=":", lw=1)
        if resumed_at:
            ax.axvline(resumed_at + 0.5, color="tab:green", ls="--", lw=1.2,
                       label=RESUMED.format(epoch=resumed_at) if metric == "loss" else None)
        ax.set_ylabel(metric, fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        if ax.lines:
            ax.legend(fontsize=7, loc="best")
    axes[1].set_xlabel("epoch", fontsize=8)
    titles = []
    if phase_start is not None:
        titles.append(f"head: epochs 1–{phase_start} · fine-tuning after the dotted line")
    if resumed_at:
        titles.append(f"{RESUMED.format(epoch=resumed_at)} (dashed line)")
    if titles:
        axes[0].set_title(" · ".join(titles), fontsize=8)
    fig.tight_layout()
