"""How far to trust the current heatmap: the Score action (deletion/insertion curves beside
random maps of equal smoothness) and the sanity check (cascading randomisation).  Both run
on the long lane with progress and cancel; a result that arrives after the map changed is
dropped, never drawn under the wrong map."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.explain import sanity

from ..i18n.words import fmt, say, translate
from . import tasks
from .methods import label
from .score_plots import curve_name, draw_faithfulness, draw_sanity

STEPS = 32
RANDOM_MAPS = 3
SANITY_DEPTH, SANITY_DRAWS = sanity.DEPTH, sanity.DRAWS  # module constants: the tab's tests ask for less



def score_html(score) -> str:
    rows = []
    for kind in score.curves:
        good = score.margin(kind) > 0
        verdict = translate("ExplainTrust", "better than random") if good else translate("ExplainTrust", "not better "
                                                                                                         "than random")
        rows.append(f"<b>{curve_name(kind)}</b> "
                    + fmt(translate("ExplainTrust", "{area:.3f} &nbsp;·&nbsp; random as smooth {random:.3f} ± "
                                                    "{spread:.3f}"),
                          area=score.area(kind), random=score.random_area(kind), spread=score.random_spread(kind))
                    + f" &nbsp;<span style='color:{'#1a7f37' if good else '#b42318'}'>{verdict}</span>")
    return ("<br>".join(rows) + "<br><small>" + fmt(translate("ExplainTrust", "{steps} steps; lower deletion and "
                                                                              "higher insertion areas "
                                                       "mean the map shows what the model uses."), steps=score.steps)
            + "</small>")


def short(x: float) -> str:
    """Two decimals, or two significant digits below 0.1 (a 0.4% class has areas of 0.001)."""
    return fmt("{x:.2f}", x=x) if abs(x) >= 0.1 else fmt("{x:.2g}", x=x)


def tile_caption(score) -> str:
    """A grid tile's score: 'del 0.04 (rnd 0.13, +0.09) · ins 0.64 (rnd 0.41, +0.23)', the signed
    number being how much better than random (what the grid sorts by)."""
    if score is None:
        return translate("ExplainTrust", "flat map: no score")
    short_names = {"deletion": translate("ExplainTrust", "del"), "insertion": translate("ExplainTrust", "ins")}
    template = translate("ExplainTrust", "{kind} {area} (rnd {random}, {margin})")
    return " · ".join(fmt(template, kind=short_names.get(kind, kind[:3]),
                          area=short(score.area(kind)), random=short(score.random_area(kind)),
                          margin=('+' if score.margin(kind) >= 0 else '−') + short(abs(score.margin(kind))))
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
            self.panel.score_text.setText(self.tr("Compute a heatmap first (open an image)."))
            return None
        if e.flat:
            self.panel.score_text.setText(self.tr("This heatmap is flat: there is nothing to score."))
            return None
        return e

    def request_score(self) -> None:
        e = self._current()
        if e is None:
            return
        self.panel.score_text.setText(fmt(self.tr("Scoring {method}…"), method=label(e.method)))
        job = tasks.score_maps(self.ec.pc.request(), self.ec.pc.image, [e], self.ec.policy(), STEPS,
                                       RANDOM_MAPS)
        job = self.client.run(job, fmt(self.tr("Faithfulness of {method}"), method=label(e.method)), lane="long",
                              slot="score", on_result=lambda r, e=e: self._scored(e, r[0]), on_error=self.ec.failed)
        when_cancelled(self.client, job, lambda: self.panel.score_text.setText(self.tr("Scoring cancelled.")))

    def _scored(self, e, score) -> None:
        if e is not self.ec.explanation:
            return  # the map changed meanwhile
        self.score = score
        self.panel.score_text.setText(fmt(self.tr("<b>Faithfulness</b> of {method} for <b>{name}</b>"),
                                          method=label(e.method), name=e.class_name) + f"<br>{score_html(score)}")
        draw_faithfulness(self.panel.curves, score, e.class_name)
        self.scored.emit(score)

    def request_sanity(self) -> None:
        e = self._current()
        if e is None:
            return
        self.panel.sanity.caption.setText(fmt(self.tr("Sanity check of {method}: randomising the top layers…"),
                                              method=label(e.method)))
        self.panel.sanity.show()
        layer = None if e.layer == "(input)" else tuple(e.layer.split(" / "))
        job = tasks.sanity_check(self.ec.pc.request(), self.ec.pc.image, e.method, e.class_index, layer,
                                         self.ec.policy(), SANITY_DEPTH, SANITY_DRAWS)
        job = self.client.run(job, fmt(self.tr("Sanity check of {method}"), method=label(e.method)), lane="long",
                              slot="sanity", on_result=lambda r, e=e: self._checked(e, r), on_error=self.ec.failed)
        when_cancelled(self.client, job, lambda: self.panel.sanity.caption.setText(self.tr("Sanity check cancelled.")))

    def _checked(self, e, check) -> None:
        if e is not self.ec.explanation:
            return
        self.check = check
        colour = {"passes": "#1a7f37", "weak": "#9a6700", "fails": "#b42318"}.get(check.grade, "#57606a")
        self.panel.sanity.caption.setText(
            fmt(self.tr("<b>Sanity check</b> ({method}):"), method=label(e.method))
            + f" <span style='color:{colour}'>{say(check.verdict)}</span>"
            + ("<br><small>" + fmt(self.tr("Randomised, top first: {layers}."), layers=", ".join(check.stages))
               + "</small>" if check.stages else ""))
        draw_sanity(self.panel.sanity, check)
        self.checked.emit(check)
