"""How far to trust the current heatmap: the Score action (deletion/insertion curves beside
random maps of equal smoothness) and the sanity check (cascading randomisation).  Both run
on the long lane with progress and cancel; a result that arrives after the map changed is
dropped, never drawn under the wrong map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.explain import METHODS, sanity

from . import tasks
from .score_plots import draw_faithfulness, draw_sanity

STEPS = 32
RANDOM_MAPS = 3
SANITY_DEPTH, SANITY_DRAWS = sanity.DEPTH, sanity.DRAWS  # module constants: the tab's tests ask for less


def score_html(score) -> str:
    rows = []
    for kind in score.curves:
        good = score.margin(kind) > 0
        rows.append(f"<b>{kind.capitalize()}</b> {score.area(kind):.3f} &nbsp;·&nbsp; random as smooth "
                    f"{score.random_area(kind):.3f} ± {score.random_spread(kind):.3f} &nbsp;"
                    f"<span style='color:{'#1a7f37' if good else '#b42318'}'>"
                    f"{'better' if good else 'not better'} than random</span>")
    return ("<br>".join(rows) + f"<br><small>{score.steps} steps; lower deletion and higher insertion areas "
            "mean the map shows what the model uses.</small>")


def short(x: float) -> str:
    """Two decimals, or two significant digits below 0.1 (a 0.4% class has areas of 0.001)."""
    return f"{x:.2f}" if abs(x) >= 0.1 else f"{x:.2g}"


def tile_caption(score) -> str:
    """A grid tile's score: 'del 0.04 (rnd 0.13, +0.09) · ins 0.64 (rnd 0.41, +0.23)', the signed
    number being how much better than random (what the grid sorts by)."""
    if score is None:
        return "flat map: no score"
    return " · ".join(f"{kind[:3]} {short(score.area(kind))} (rnd {short(score.random_area(kind))}, "
                      f"{'+' if score.margin(kind) >= 0 else '−'}{short(abs(score.margin(kind)))})"
                      for kind in score.curves)


def when_cancelled(client, job, fn) -> None:
    """Call ``fn()`` if ``job`` ends cancelled (the status bar's Cancel, or a newer request)."""

    def finished(done) -> None:
        if done is job:
            client.job_finished.disconnect(finished)
            if job.token.cancelled:
                fn()

    client.job_finished.connect(finished)


class ExplainTrust(QObject):
    scored = Signal(object)  # Faithfulness
    checked = Signal(object)  # Sanity

    def __init__(self, client, panel, explain_controller):
        super().__init__(explain_controller)
        self.client, self.panel, self.ec = client, panel, explain_controller
        self.score = None
        self.check = None
        panel.score_requested.connect(self.request_score)
        panel.sanity_requested.connect(self.request_sanity)

    def _current(self):
        e = self.ec.explanation
        if e is None or self.ec.pc.image is None:
            self.panel.score_text.setText("Compute a heatmap first (open an image).")
            return None
        if e.flat:
            self.panel.score_text.setText("This heatmap is flat: there is nothing to score.")
            return None
        return e

    def request_score(self) -> None:
        e = self._current()
        if e is None:
            return
        self.panel.score_text.setText(f"Scoring {METHODS[e.method].label}…")
        job = tasks.score_maps(self.ec.pc.request(), self.ec.pc.image, [e], self.ec.policy(), STEPS,
                                       RANDOM_MAPS)
        job = self.client.run(job, f"Faithfulness of {METHODS[e.method].label}", lane="long", slot="score",
                              on_result=lambda r, e=e: self._scored(e, r[0]), on_error=self.ec.failed)
        when_cancelled(self.client, job, lambda: self.panel.score_text.setText("Scoring cancelled."))

    def _scored(self, e, score) -> None:
        if e is not self.ec.explanation:
            return  # the map changed meanwhile
        self.score = score
        self.panel.score_text.setText(f"<b>Faithfulness</b> of {METHODS[e.method].label} for <b>{e.class_name}</b>"
                                      f"<br>{score_html(score)}")
        draw_faithfulness(self.panel.curves, score, e.class_name)
        self.scored.emit(score)

    def request_sanity(self) -> None:
        e = self._current()
        if e is None:
            return
        self.panel.sanity.caption.setText(f"Sanity check of {METHODS[e.method].label}: randomising the top layers…")
        self.panel.sanity.show()
        layer = None if e.layer == "(input)" else tuple(e.layer.split(" / "))
        job = tasks.sanity_check(self.ec.pc.request(), self.ec.pc.image, e.method, e.class_index, layer,
                                         self.ec.policy(), SANITY_DEPTH, SANITY_DRAWS)
        job = self.client.run(job, f"Sanity check of {METHODS[e.method].label}", lane="long", slot="sanity",
                              on_result=lambda r, e=e: self._checked(e, r), on_error=self.ec.failed)
        when_cancelled(self.client, job, lambda: self.panel.sanity.caption.setText("Sanity check cancelled."))

    def _checked(self, e, check) -> None:
        if e is not self.ec.explanation:
            return
        self.check = check
        colour = {"passes": "#1a7f37", "weak": "#9a6700", "fails": "#b42318"}.get(check.grade, "#57606a")
        self.panel.sanity.caption.setText(f"<b>Sanity check</b> ({METHODS[e.method].label}): "
                                          f"<span style='color:{colour}'>{check.verdict}</span>"
                                          + (f"<br><small>Randomised, top first: {', '.join(check.stages)}.</small>"
                                             if check.stages else ""))
        draw_sanity(self.panel.sanity, check)
        self.checked.emit(check)
