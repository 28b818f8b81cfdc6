"""What the model card says about a model's ImageNet weights, and which buttons it offers.

Plain functions of an :class:`engine.weights.WeightsStatus` (the full file, for predicting)
and the no-top one (for training): where the file comes from, whether a hash verified it or
only its structure was checked ("checking…" while a worker does it), the import and the one
Remove would bring back, and every copy that was refused with the reason, so a user knows why
a file in the Keras cache was not used.  Which buttons show for which state is one table each,
:data:`WEIGHTS_BUTTONS` and :data:`TRAIN_BUTTONS`.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QObject

from ..i18n.words import QT_TRANSLATE_NOOP, fmt, say, translate
from ..widgets.rich_text import breakable

RED, GREEN, GRAY = "#b00020", "#1b7f3b", "gray"
WHERE_TEXT = {
    "pack": QT_TRANSLATE_NOOP("WeightsCard", "in a weight pack"),
    "cache": QT_TRANSLATE_NOOP("WeightsCard", "in the Keras cache"),
    "offline": QT_TRANSLATE_NOOP("WeightsCard", "in an offline weights folder"),
    "imported": QT_TRANSLATE_NOOP("WeightsCard", "imported"),
    "derived": QT_TRANSLATE_NOOP("WeightsCard", "taken from the full model's weights"),
    "missing": QT_TRANSLATE_NOOP("WeightsCard", "<b style='color:#b00020'>missing</b> (download, import, or run "
                                 "untrained)"),
    "unknown": QT_TRANSLATE_NOOP("WeightsCard", "found when the model is first built"),
}
PLACES = {"cache": QT_TRANSLATE_NOOP("WeightsCard", "the Keras cache"),
          "imported": QT_TRANSLATE_NOOP("WeightsCard", "your imported weights"),
          "offline": QT_TRANSLATE_NOOP("WeightsCard", "an offline folder"),
          "derived": QT_TRANSLATE_NOOP("WeightsCard", "the app's derived files")}

# choice emitted with weights_action: (button label, tooltip), translated where shown (:func:`button_text`)
BUTTONS = {
    "download": (QT_TRANSLATE_NOOP("WeightsCard", "Download"),
                 QT_TRANSLATE_NOOP("WeightsCard", "Download the official file from Keras' server (or your mirror), "
                                   "verified")),
    "import": (QT_TRANSLATE_NOOP("WeightsCard", "Import…"),
               QT_TRANSLATE_NOOP("WeightsCard", "Use a weights file you have (.h5 or .weights.h5): it is checked to "
                                 "load into this model first, and can be removed again")),
    "replace": (QT_TRANSLATE_NOOP("WeightsCard", "Replace…"),
                QT_TRANSLATE_NOOP("WeightsCard", "Use another weights file instead of the imported one (checked to "
                                  "load first); the current one is kept and Remove brings it back")),
    "remove": (QT_TRANSLATE_NOOP("WeightsCard", "Remove"),
               QT_TRANSLATE_NOOP("WeightsCard", "Remove the imported weights; the import they replaced, if any, is "
                                 "used again")),
    "random": (QT_TRANSLATE_NOOP("WeightsCard", "Untrained"),
               QT_TRANSLATE_NOOP("WeightsCard", "Run with random weights: every output is marked 'untrained "
                                 "weights'")),
    "notop_import": (QT_TRANSLATE_NOOP("WeightsCard", "Import…"),
                     QT_TRANSLATE_NOOP("WeightsCard", "Import the feature-extractor file (…_no_top.h5) the Train tab "
                                       "uses for this variant")),
    "notop_replace": (QT_TRANSLATE_NOOP("WeightsCard", "Replace…"),
                      QT_TRANSLATE_NOOP("WeightsCard", "Use another no-top file for training; the current one is kept "
                                        "and Remove brings it back")),
    "notop_remove": (QT_TRANSLATE_NOOP("WeightsCard", "Remove"),
                     QT_TRANSLATE_NOOP("WeightsCard", "Remove the imported no-top file; the import it replaced, if "
                                       "any, is used again")),
}


def _t(text: str) -> str:
    return translate("WeightsCard", text)


def button_text(choice: str) -> tuple[str, str]:
    """(label, tooltip) of a weights button in the window's language."""
    label, tip = BUTTONS[choice]
    return _t(label), _t(tip)
# Which buttons each state offers: the full file (predicting) and the no-top file (training).
WEIGHTS_BUTTONS = {
    "missing": ("download", "import", "random"),
    "found": ("import",),
    "imported": ("replace", "remove"),
    "import-refused": ("replace", "remove", "random"),
    "unknown": ("import",),
}
TRAIN_BUTTONS = {
    "missing": ("notop_import",),
    "found": ("notop_import",),
    "imported": ("notop_replace", "notop_remove"),
    "import-refused": ("notop_replace", "notop_remove"),
}


def state(st) -> str:
    """missing / found / imported / import-refused / unknown, for the button tables."""
    if st.where == "unknown":
        return "unknown"
    if st.imported is not None:
        return "imported" if st.path is not None else "import-refused"
    return "found" if st.path is not None else "missing"


def check_text(st) -> str:
    if st.pending:
        checking = translate("WeightsCard", "checking…")
        return f"<span style='color:{GRAY}'>{html.escape(checking)}</span>"
    if st.verdict is None:
        return ""
    parts = getattr(st.verdict, "parts", ())
    how = " + ".join(say(p) for p in parts) if parts else say(st.verdict.how)
    if st.verified:
        verified = translate("WeightsCard", "verified")
        return f"<span style='color:{GREEN}'>✓ {html.escape(verified)}</span> <small>({html.escape(how)})</small>"
    return "<small>" + html.escape(fmt(translate("WeightsCard", "not verified by a hash: {how}"), how=how)) + "</small>"

def where_html(st) -> str:
    """The card's "Weights" row: where the file comes from and how it was checked."""
    where = _t(WHERE_TEXT[st.where]) if st.where in WHERE_TEXT else html.escape(st.where)
    check = check_text(st) if st.path is not None else ""
    return "<br>".join(filter(None, (where, check, refused_text(st))))


def refused_text(st) -> str:
    """A line saying copies were passed over (their reasons are in the details, below the buttons)."""
    n = len(st.problems)
    if not n:
        return ""
    refused = _CardPlurals().refused(n)
    return f"<small style='color:{RED}'>{html.escape(refused)}</small>"

class _CardPlurals(QObject):
    """Sentences with a count (``pyside6-lupdate`` finds ``%n`` plurals in ``self.tr`` only)."""

    def refused(self, n: int) -> str:
        return self.tr("%n copy(s) refused (why: below)", "", n)


def training_html(notop, full) -> str:
    """The card's "For training" row (the no-top base the Train tab uses)."""
    if notop.path is not None:
        return where_html(notop)
    if full is not None and full.path is not None and notop.where == "missing":
        text = check_text(full) if full.pending else html.escape(translate("WeightsCard", "taken from the full weights "
                                                                                          "when you train"))
    elif notop.where == "missing":
        text = translate("WeightsCard", "<span style='color:#b00020'>missing</span> (import it here, or the Train tab "
                                        "offers a download)")
    else:
        text = _t(WHERE_TEXT[notop.where]) if notop.where in WHERE_TEXT else html.escape(notop.where)
    return "<br>".join(filter(None, (text, refused_text(notop))))


def details_html(st, title: str = "") -> str:
    """File, import, the import Remove brings back, and refused copies with their reasons."""
    lines = []
    if st.path is not None:
        lines.append(fmt(html.escape(translate("WeightsCard", "File: {file}")), file=breakable(st.path.name)))
    rec = st.imported
    if rec is not None:
        lines.append(fmt(translate("WeightsCard", "Imported from <b>{file}</b> on {date}"),
                         file=breakable(Path(rec.source).name or rec.file), date=rec.imported_at[:10]))
        if st.where != "imported":
            why = (translate("WeightsCard", "a weight pack comes first") if st.path is not None
                   else translate("WeightsCard", "it was refused, see below: replace or remove it"))
            lines.append(fmt(translate("WeightsCard", "<span style='color:#b00020'>Your import is not used</span>: "
                                                      "{why}"),
                             why=html.escape(why)))
    prev = st.previous_import
    if prev is not None:
        lines.append(fmt(html.escape(translate("WeightsCard", "Remove brings back the import from {file} ({date})")),
                         file=breakable(Path(prev.source).name or prev.file), date=prev.imported_at[:10]))
    for p in st.problems:
        lines.append(fmt(translate("WeightsCard", "<span style='color:#b00020'>Refused</span> {file} in {place}: "
                                                  "{reason}."),
                         file=breakable(p.path.name), place=_place(p.source), reason=breakable(say(p.reason)))
                     + f" <span style='color:{GRAY}'>{html.escape(say(p.advice))}</span>")
    if not lines:
        return ""
    head = f"<b>{html.escape(title)}</b><br>" if title else ""
    return head + "<br>".join(lines)


def _place(label: str) -> str:
    kind, _, folder = label.partition(" ")
    return html.escape(_t(PLACES[kind])) if kind in PLACES else html.escape(label)
