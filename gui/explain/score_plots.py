"""Matplotlib figures of the Explain tab: the deletion/insertion curves of the current map
beside a random map of equal smoothness, and the sanity check's cascading randomisation.
The canvas is created on first use, so opening the app never imports matplotlib's Qt
backend."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

CURVE_TEXT = {"deletion": "hottest pixels removed", "insertion": "hottest revealed over a blur",
              "road": "hottest imputed (ROAD)"}


def _scroll_enclosing(widget: QWidget, event) -> None:
    """Hand a wheel event to the scroll area around ``widget`` (its vertical scroll bar)."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()
        return
    QApplication.sendEvent(area.verticalScrollBar(), event)


class PlotBox(QWidget):
    """A caption over a lazily created matplotlib canvas of a fixed height."""

    def __init__(self, height: int, parent=None):
        super().__init__(parent)
        self._height = height
        self.canvas = None
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.caption)
        self.hide()

    def figure(self):
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            # constrained layout: labels stay inside whatever width the side panel gives the canvas
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(3.4, self._height / 100), dpi=100, layout="constrained"))
            self.canvas.setMinimumHeight(self._height)
            self.canvas.setMaximumHeight(self._height)
            self.canvas.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            # The wheel scrolls the side panel: matplotlib's canvas took it (and did nothing with it).
            self.canvas.wheelEvent = lambda event: _scroll_enclosing(self, event)
            self._layout.addWidget(self.canvas)
        fig = self.canvas.figure
        fig.clear()
        return fig

    def draw(self) -> None:
        self.caption.setVisible(bool(self.caption.text()))
        self.canvas.draw_idle()
        self.show()


def draw_faithfulness(box: PlotBox, score, class_name: str) -> None:
    """One small axes per curve: the map's curve, the random maps' mean and their spread."""
    fig = box.figure()
    kinds = list(score.curves)
    for i, kind in enumerate(kinds):
        ax = fig.add_subplot(len(kinds), 1, i + 1)
        c = score.curves[kind]
        ax.plot(c.fractions, c.scores, color="tab:red", lw=1.6, label=f"this map  {c.area:.3f}")
        r = score.random_curve(kind)
        ax.plot(r.fractions, r.scores, color="0.45", lw=1.2, ls="--",
                label=f"random, as smooth  {score.random_area(kind):.3f}")
        low = [min(x) for x in zip(*(rc.scores for rc in score.random[kind]))]
        high = [max(x) for x in zip(*(rc.scores for rc in score.random[kind]))]
        ax.fill_between(r.fractions, low, high, color="0.8", alpha=0.6, lw=0)
        ax.set_title(f"{kind.capitalize()}: {CURVE_TEXT[kind]}", fontsize=7)
        ax.set_ylabel("probability", fontsize=7)
        ax.set_xlim(0, 1)
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=6.5)
        ax.legend(fontsize=6.5, loc="upper right" if kind != "insertion" else "lower right", frameon=False)
    box.draw()


def draw_sanity(box: PlotBox, check) -> None:
    """The original map and each stage's map as thumbnails, the cascade's rank correlations
    under them, and the top layer's independent randomisations (the verdict is their mean)."""
    fig = box.figure()
    maps = [check.original] + list(check.maps)
    grid = fig.add_gridspec(2, len(maps), height_ratios=[1, 1.6])
    for i, m in enumerate(maps):
        ax = fig.add_subplot(grid[0, i])
        ax.imshow(m, cmap="jet", vmin=0, vmax=1)
        ax.set_title("original" if i == 0 else str(i), fontsize=6.5)
        ax.axis("off")
    ax = fig.add_subplot(grid[1, :])
    xs = list(range(1, len(check.correlations) + 1))
    colour = {"passes": "tab:green", "weak": "tab:orange", "fails": "tab:red"}.get(check.grade, "0.5")
    ax.plot(xs, check.correlations, marker="o", color="0.35", lw=1.2)
    ax.scatter([1] * len(check.draws), check.draws, marker="x", color=colour, s=22, zorder=3)
    ax.set_title(f"● cascade   × top layer alone, {len(check.draws)} draws", fontsize=6.5)
    for level in check.thresholds:
        ax.axhline(level, color="0.55", ls="--", lw=0.8)
    ax.axhline(0, color="0.8", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xticks(xs)
    ax.set_xlabel("top layers randomised", fontsize=7)
    ax.set_ylabel("rank correlation", fontsize=7)
    ax.tick_params(labelsize=6.5)
    box.draw()
