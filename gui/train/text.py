"""What the Train tab says, as HTML: the dataset report, the results, why a run stopped and
what a cancel kept.  Pure functions (no Qt, no TensorFlow), so each sentence is testable."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Optional, Sequence


def breakable(path: str) -> str:
    """A path as HTML that may wrap after each separator (a long path widened the page)."""
    return html.escape(path).replace("/", "/&#8203;").replace("\\", "\\&#8203;")


def _pct(x: Optional[float]) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def dataset_html(report) -> str:
    rows = "".join(f"<tr><td>{html.escape(c)}</td><td align=right>{n}</td></tr>" for c, n in report.counts.items())
    warn = "".join(f"<li>{html.escape(w)}</li>" for w in report.warnings)
    bad = "".join(f"<li>{breakable(p)}: {html.escape(r)}</li>" for p, r in report.unreadable[:20])
    return (f"<b>{len(report.classes)} classes</b>, {len(report.train)} training and {len(report.val)} validation "
            f"images (split seed {report.seed})<table>{rows}</table>"
            + (f"<p><b>Warnings</b><ul>{warn}</ul></p>" if warn else "")
            + (f"<p><b>Unreadable (skipped)</b><ul>{bad}</ul></p>" if bad else ""))


def results_html(evaluation, classes: Sequence[str], folder: str, seconds: float) -> str:
    per = "".join(f"<tr><td>{html.escape(c)}</td><td align=right>{p * 100:.0f}%</td><td align=right>{r * 100:.0f}%"
                  "</td></tr>" for c, p, r in zip(classes, evaluation.precision, evaluation.recall))
    wrong = len(evaluation.misclassified)
    return (f"<h3>Validation accuracy {evaluation.accuracy * 100:.1f}%</h3>"
            f"<table cellspacing=4><tr><th align=left>class</th><th>precision</th><th>recall</th></tr>{per}</table>"
            f"<p>{wrong} misclassified validation image{'s' if wrong != 1 else ''}. Click a cell of the confusion "
            "matrix to see its images.</p>"
            f"<p>Saved to {breakable(folder)}" + (f" ({seconds:.0f} s)" if seconds else "") + "</p>")


def _best(values: Sequence[float]) -> tuple[int, float]:
    """(1-based index, value) of the first maximum, as Keras' EarlyStopping and our checkpoint count it."""
    i = max(range(len(values)), key=lambda k: (values[k], -k))
    return i + 1, values[i]


def stop_reason(settings, epochs_logged: Sequence[int], history: dict, offset: int = 0) -> str:
    """Why the run ended where it did, per phase; empty when it ran every epoch.  ``epochs_logged``
    and ``history`` are the run's own (from 1); ``offset``: the epoch a resumed run went on from."""
    val = history.get("val_accuracy") or []
    if not settings.early_stopping or not val:
        return ""
    phases = [("", settings.epochs, [e for e in epochs_logged if e <= settings.epochs], 0)]
    if settings.mode == "finetune":
        phases = [("Training the head", settings.epochs, phases[0][2], 0),
                  ("Fine-tuning", settings.finetune_epochs, [e for e in epochs_logged if e > settings.epochs],
                   settings.epochs)]
    notes = []
    start_of = 0
    for label, planned, ran, start in phases:
        done = len(ran)
        scores = val[start_of:start_of + done]
        start_of += done
        if not scores or done >= planned:
            continue
        best_epoch, best = _best(scores)
        where = f"{label} stopped" if label else "Training stopped"
        shift = offset if start == 0 else 0  # fine-tuning counts its own epochs
        notes.append(f"{where} early, after epoch {done + shift} of {planned + shift}: validation accuracy had not "
                     f"improved for {settings.early_stopping} epochs (early stopping). The weights of its best epoch, "
                     f"{best_epoch + shift} ({_pct(best)}), were kept.")
    return " ".join(notes)


def resumed_text(resumed_at: int, last: int, why: str = "") -> str:
    """What a resumed run did: where it went on from and where it ended."""
    return (f"Resumed from epoch {resumed_at} (the kept epoch of the cancelled run) and trained to epoch {last}."
            + (f" {why}" if why else ""))


def kept_html(kept, cancelled_at: int, offset: int = 0) -> str:
    """What a cancelled run leaves: the best epoch's checkpoint, or nothing.  ``offset``: the epoch a
    resumed run went on from (the engine counts each run's epochs from 1)."""
    if kept is None or not getattr(kept, "checkpoint", None):
        return "<b>Cancelled</b> before the first epoch finished: nothing was kept."
    return (f"<b>Cancelled</b> during epoch {cancelled_at}. Kept: the best epoch so far, epoch "
            f"{kept.best_epoch + offset} (validation accuracy {_pct(kept.best_accuracy)}). Resume training from it, "
            "use it as the trained model, or discard it.")


def saved_note(folder: str) -> tuple[str, str]:
    """The status bar's note after a run (short: the model's name) and its tooltip (the folder)."""
    return f"Trained model saved: {Path(folder).name}", folder


def cell_title(classes: Sequence[str], true: int, pred: int, count: int) -> str:
    t, p = html.escape(classes[true]), html.escape(classes[pred])
    what = f"<b>{t}</b> recognised as {t}" if true == pred else f"<b>{t}</b> taken for <b>{p}</b>"
    return f"{what}: {count} validation image{'s' if count != 1 else ''}"


def cell_paths(report, evaluation, true: int, pred: int) -> list[str]:
    """The validation images of one confusion-matrix cell (rows: true class, columns: predicted)."""
    if true != pred:
        return [p for p, t, q, _ in evaluation.misclassified if t == true and q == pred]
    wrong = {p for p, *_ in evaluation.misclassified}
    return [s.path for s in report.val if s.label == true and s.path not in wrong]


def moved_text(move) -> str:
    return (f"Moved {Path(move.source).name} to the folder '{Path(move.target).parent.name}'"
            + (f" as {Path(move.target).name}" if Path(move.target).name != Path(move.source).name else "")
            + ". The next Train checks the dataset again.")
