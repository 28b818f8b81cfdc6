"""What the Train tab says, as HTML: the dataset report, the results, why a run stopped and
what a cancel kept.  Pure functions (no widgets, no TensorFlow), so each sentence is testable;
they speak the window's language (Qt's translator, numbers in its locale)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Optional, Sequence

from PySide6.QtCore import QObject

from ..i18n.words import fmt, percent, say, translate
from ..widgets.rich_text import breakable



class _TextPlurals(QObject):
    """Sentences with a count (``pyside6-lupdate`` finds ``%n`` plurals in ``self.tr`` only)."""

    def misclassified(self, n: int) -> str:
        return self.tr("%n misclassified validation image(s). Click a cell of the confusion matrix to see its "
                       "images.", "", n)

    def validation_images(self, n: int) -> str:
        return self.tr("%n validation image(s)", "", n)


def _pct(x: Optional[float]) -> str:
    return "—" if x is None else percent(x)


def dataset_html(report) -> str:
    rows = "".join(f"<tr><td>{breakable(c)}</td><td align=right>{n}</td></tr>" for c, n in report.counts.items())
    warn = "".join(f"<li>{html.escape(say(w))}</li>" for w in report.warnings)
    bad = "".join(f"<li>{breakable(p)}: {html.escape(say(r))}</li>" for p, r in report.unreadable[:20])
    head = fmt(translate("TrainText", "<b>{classes} classes</b>, {train} training and {val} validation images "
                         "(split seed {seed})"),
               classes=len(report.classes), train=len(report.train), val=len(report.val), seed=report.seed)
    warnings = html.escape(translate("TrainText", "Warnings"))
    skipped = html.escape(translate("TrainText", "Unreadable (skipped)"))
    return (f"{head}<table>{rows}</table>"
            + (f"<p><b>{warnings}</b><ul>{warn}</ul></p>" if warn else "")
            + (f"<p><b>{skipped}</b><ul>{bad}</ul></p>" if bad else ""))


def results_html(evaluation, classes: Sequence[str], folder: str, seconds: float) -> str:
    per = "".join(f"<tr><td>{html.escape(c)}</td><td align=right>{percent(p, 0)}</td><td align=right>"
                  f"{percent(r, 0)}</td></tr>" for c, p, r in zip(classes, evaluation.precision, evaluation.recall))
    wrong = len(evaluation.misclassified)
    saved = (fmt(translate("TrainText", "Saved to {folder} ({seconds:.0f} s)"), folder=breakable(folder),
                 seconds=seconds) if seconds
             else fmt(translate("TrainText", "Saved to {folder}"), folder=breakable(folder)))
    accuracy = fmt(translate("TrainText", "Validation accuracy {accuracy}"), accuracy=percent(evaluation.accuracy))
    heads = [html.escape(translate("TrainText", "class")), html.escape(translate("TrainText", "precision")),
             html.escape(translate("TrainText", "recall"))]
    cells = _TextPlurals().misclassified(wrong)
    return (f"<h3>{html.escape(accuracy)}</h3><table cellspacing=4><tr><th align=left>{heads[0]}</th>"
            f"<th>{heads[1]}</th><th>{heads[2]}</th></tr>{per}</table>"
            f"<p>{html.escape(cells)}</p><p>{saved}</p>")


def _best(values: Sequence[float]) -> tuple[int, float]:
    """(1-based index, value) of the first minimum: the epoch early stopping and the checkpoint keep."""
    i = min(range(len(values)), key=lambda k: (values[k], k))
    return i + 1, values[i]


def stop_reason(settings, epochs_logged: Sequence[int], history: dict, offset: int = 0) -> str:
    """Why the run ended where it did, per phase; empty when it ran every epoch.  ``epochs_logged``
    and ``history`` are the run's own (from 1); ``offset``: the epoch a resumed run went on from."""
    from engine.train.stopping import StopRule

    losses = history.get("val_loss") or []
    accuracy = history.get("val_accuracy") or []
    if not settings.early_stopping or not losses:
        return ""
    stopped = translate("TrainText", "Training stopped early, after epoch {epoch} of {planned}: the validation loss "
                                     "had not fallen for {patience} epochs (early stopping). The weights of its best "
                                     "epoch, {best} ({kept}), were kept.")
    phases = [(stopped, settings.epochs, [e for e in epochs_logged if e <= settings.epochs], 0)]
    if settings.mode == "finetune":
        phases = [(translate("TrainText", "Training the head stopped early, after epoch {epoch} of {planned}: the "
                                          "validation loss had not fallen for {patience} epochs (early stopping). "
                                          "The weights of its best epoch, {best} ({kept}), were kept."),
                   settings.epochs, phases[0][2], 0),
                  (translate("TrainText", "Fine-tuning stopped early, after epoch {epoch} of {planned}: the "
                                          "validation loss had not fallen for {patience} epochs (early stopping). "
                                          "The weights of its best epoch, {best} ({kept}), were kept."),
                   settings.finetune_epochs, [e for e in epochs_logged if e > settings.epochs], settings.epochs)]
    notes = []
    start_of = 0
    for sentence, planned, ran, start in phases:
        done = len(ran)
        scores = losses[start_of:start_of + done]
        acc = accuracy[start_of:start_of + done]
        start_of += done
        if not scores or done >= planned:
            continue
        best_epoch, best = _best(scores)
        patience = StopRule(settings.early_stopping, planned).effective_patience
        shift = offset if start == 0 else 0  # fine-tuning counts its own epochs
        kept = (fmt(translate("TrainText", "validation loss {loss}, accuracy {accuracy}"), loss=f"{best:.3f}",
                    accuracy=_pct(acc[best_epoch - 1])) if acc
                else fmt(translate("TrainText", "validation loss {loss}"), loss=f"{best:.3f}"))
        notes.append(fmt(sentence, epoch=done + shift, planned=planned + shift, patience=patience,
                         best=best_epoch + shift, kept=kept))
    return " ".join(notes)


def resumed_text(resumed_at: int, last: int, why: str = "") -> str:
    """What a resumed run did: where it went on from and where it ended."""
    return (fmt(translate("TrainText", "Resumed from epoch {epoch} (the kept epoch of the cancelled run) and trained "
                                       "to epoch {last}."),
                epoch=resumed_at, last=last) + (f" {why}" if why else ""))


def kept_html(kept, cancelled_at: int, offset: int = 0) -> str:
    """What a cancelled run leaves: the best epoch's checkpoint, or nothing.  ``offset``: the epoch a
    resumed run went on from (the engine counts each run's epochs from 1)."""
    if kept is None or not getattr(kept, "checkpoint", None):
        return translate("TrainText", "<b>Cancelled</b> before the first epoch finished: nothing was kept.")
    return fmt(translate("TrainText", "<b>Cancelled</b> during epoch {epoch}. Kept: the best epoch so far, epoch "
                                      "{best} (validation "
                  "accuracy {accuracy}). Resume training from it, use it as the trained model, or discard it."),
               epoch=cancelled_at, best=kept.best_epoch + offset, accuracy=_pct(kept.best_accuracy))


def saved_note(folder: str) -> tuple[str, str]:
    """The status bar's note after a run (short: the model's name) and its tooltip (the folder)."""
    return fmt(translate("TrainText", "Trained model saved: {name}"), name=Path(folder).name), folder


def cell_title(classes: Sequence[str], true: int, pred: int, count: int) -> str:
    t, p = html.escape(classes[true]), html.escape(classes[pred])
    what = (fmt(translate("TrainText", "<b>{true}</b> recognised as {true}"), true=t) if true == pred
            else fmt(translate("TrainText", "<b>{true}</b> taken for <b>{predicted}</b>"), true=t, predicted=p))
    images = _TextPlurals().validation_images(count)
    return f"{what}: " + html.escape(images)


def cell_paths(report, evaluation, true: int, pred: int) -> list[str]:
    """The validation images of one confusion-matrix cell (rows: true class, columns: predicted)."""
    if true != pred:
        return [p for p, t, q, _ in evaluation.misclassified if t == true and q == pred]
    wrong = {p for p, *_ in evaluation.misclassified}
    return [s.path for s in report.val if s.label == true and s.path not in wrong]


def moved_text(move) -> str:
    source, target = Path(move.source), Path(move.target)
    if target.name != source.name:
        return fmt(translate("TrainText", "Moved {file} to the folder '{folder}' as {name}. The next Train checks the "
                                          "dataset again."),
                   file=source.name, folder=target.parent.name, name=target.name)
    return fmt(translate("TrainText", "Moved {file} to the folder '{folder}'. The next Train checks the dataset "
                         "again."), file=source.name, folder=target.parent.name)
