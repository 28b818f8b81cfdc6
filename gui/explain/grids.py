"""The Explain tab's comparison grids: several methods for one class, or one method for the
top classes.  The maps come first (one job), then their faithfulness scores fill in under
each tile (a second job, cancellable on its own), and the grid can be sorted by them.
Clicking a tile opens that method or class as the main heatmap."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.explain import METHODS, overlay, to_image

from . import tasks
from .trust import RANDOM_MAPS, tile_caption, when_cancelled

COMPARE = ["gradcam", "gradcam++", "layercam", "fast-scorecam", "smoothgrad", "integrated-gradients"]
GRID_STEPS = 16  # half the single map's steps: a grid of six scores stays quick, and alike for all tiles
TOP_CLASSES = 6
SCORED = ("Scored {count} maps: deletion (lower is better) and insertion (higher is better), each beside random "
          "maps as smooth (rnd); the signed number is how much better than random.")


def sort_values(score) -> dict:
    """What the grid sorts a tile by: each score's margin over random maps of the same smoothness
    (raw areas of different classes are not comparable: a near-zero class has near-zero areas)."""
    return {kind: score.margin(kind) for kind in score.curves}


class ExplainGrids(QObject):
    shown = Signal(str)  # "methods" or "classes": the tiles are on screen
    scores_shown = Signal(list)  # the Faithfulness (or None) of each tile

    def __init__(self, client, panel, explain_controller):
        super().__init__(explain_controller)
        self.client, self.panel, self.ec = client, panel, explain_controller
        self.kind = ""
        self.explanations = []
        panel.compare_requested.connect(self.compare_methods)
        panel.classes_requested.connect(self.compare_classes)
        panel.grid.tile_chosen.connect(self._chosen)

    def compare_methods(self) -> None:
        image = self.ec.pc.image
        if image is None:
            return
        self.panel.status.setText("Comparing methods…")
        cls = self.panel.class_index()
        job = tasks.explain_many(self.ec.pc.request(), image, [(m, cls) for m in COMPARE],
                                         self.panel.layer_path(), self.ec.policy())
        self.client.run(job, "Compare heatmap methods", lane="long", slot="compare",
                        on_result=lambda r: self._show("methods", *r), on_error=self.ec.failed)

    def compare_classes(self) -> None:
        image = self.ec.pc.image
        if image is None or not self.ec.top:
            return
        method = self.panel.method_name()
        self.panel.status.setText(f"Comparing the top classes with {METHODS[method].label}…")
        job = tasks.explain_many(self.ec.pc.request(), image,
                                         [(method, c[0]) for c in self.ec.top[:TOP_CLASSES]], self.panel.layer_path(),
                                         self.ec.policy())
        self.client.run(job, "Compare classes", lane="long", slot="compare",
                        on_result=lambda r: self._show("classes", *r), on_error=self.ec.failed)

    def _show(self, kind: str, explanations, box) -> None:
        image = self.ec.pc.image
        if image is None:
            return
        self.kind, self.explanations = kind, explanations
        cmap = self.panel.colormap.currentText()
        tiles = []
        for e in explanations:
            pixels = image.pixels if e.flat else overlay.blend(image.pixels, to_image(e.heatmap, image.size, box),
                                                               cmap, 0.5)
            heading = (METHODS[e.method].label.split(" (")[0] if kind == "methods"
                       else f"{e.class_name} ({self._probability(e.class_index)})")
            tiles.append((self._key(e), pixels, heading))
        first = explanations[0]
        title = (f"Methods for class <b>{first.class_name}</b>" if kind == "methods"
                 else f"{METHODS[first.method].label} for the top {len(explanations)} classes")
        self.panel.grid.show_tiles(title + " — click a tile to open it", tiles)
        for e in explanations:
            if e.flat:
                self.panel.grid.set_score(self._key(e), f"flat map: {e.flat}")
        self.panel.show_grid(True)
        self.panel.status.setText(f"Scoring {len(explanations)} maps ({GRID_STEPS} steps each)…")
        self.shown.emit(kind)
        job = tasks.score_maps(self.ec.pc.request(), image, explanations, self.ec.policy(), GRID_STEPS,
                                       RANDOM_MAPS)
        job = self.client.run(job, "Score the grid's maps", lane="long", slot="grid-score",
                              on_result=lambda r, ex=explanations: self._scored(ex, r), on_error=self.ec.failed)
        when_cancelled(self.client, job, lambda: self.panel.status.setText("Scoring the grid cancelled."))

    def _probability(self, index: int) -> str:
        found = [p for i, _name, p in self.ec.top if i == index]
        return f"{found[0] * 100:.1f}%" if found else f"class {index}"

    def _key(self, e):
        return ("method", e.method) if self.kind == "methods" else ("class", e.class_index)

    def _scored(self, explanations, scores) -> None:
        if explanations is not self.explanations:
            return  # another grid replaced this one
        for e, s in zip(explanations, scores):
            values = sort_values(s) if s is not None else {}
            self.panel.grid.set_score(self._key(e), f"flat map: {e.flat}" if s is None else tile_caption(s), values)
        self.panel.status.setText(SCORED.format(count=len(scores)))
        self.scores_shown.emit(list(scores))

    def _chosen(self, key) -> None:
        what, value = key
        p = self.panel
        if what == "method":
            p.method.setCurrentIndex(p.method.findData(value))  # recomputes through the signal
        else:
            i = p.klass.findData(value)
            if i >= 0:
                p.klass.setCurrentIndex(i)
            self.ec.refresh()
        p.show_grid(False)
