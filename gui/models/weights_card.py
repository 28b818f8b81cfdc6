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
import re
from pathlib import Path

WHERE_TEXT = {
    "pack": "in a weight pack",
    "cache": "in the Keras cache",
    "offline": "in an offline weights folder",
    "imported": "imported",
    "derived": "taken from the full model's weights",
    "missing": "<b style='color:#b00020'>missing</b> (download, import, or run untrained)",
    "unknown": "found when the model is first built",
}
PLACES = {"cache": "the Keras cache", "imported": "your imported weights", "offline": "an offline folder",
          "derived": "the app's derived files"}
RED, GREEN, GRAY = "#b00020", "#1b7f3b", "gray"

# choice emitted with weights_action: (button label, tooltip)
BUTTONS = {
    "download": ("Download", "Download the official file from Keras' server (or your mirror), verified"),
    "import": ("Import…", "Use a weights file you have (.h5 or .weights.h5): it is checked to load into this "
                          "model first, and can be removed again"),
    "replace": ("Replace…", "Use another weights file instead of the imported one (checked to load first); "
                            "the current one is kept and Remove brings it back"),
    "remove": ("Remove", "Remove the imported weights; the import they replaced, if any, is used again"),
    "random": ("Untrained", "Run with random weights: every output is marked 'untrained weights'"),
    "notop_import": ("Import…", "Import the feature-extractor file (…_no_top.h5) the Train tab uses for this "
                                "variant"),
    "notop_replace": ("Replace…", "Use another no-top file for training; the current one is kept and Remove "
                                  "brings it back"),
    "notop_remove": ("Remove", "Remove the imported no-top file; the import it replaced, if any, is used again"),
}
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


def breakable(text: str) -> str:
    """Escaped, with break points after _ . / (a long file name widened the panel)."""
    return re.sub(r"([_./])", "\\1&#8203;", html.escape(text))


def check_text(st) -> str:
    if st.pending:
        return f"<span style='color:{GRAY}'>checking…</span>"
    if st.verdict is None:
        return ""
    if st.verified:
        return f"<span style='color:{GREEN}'>✓ verified</span> <small>({html.escape(st.verdict.how)})</small>"
    return f"<small>not verified by a hash: {html.escape(st.verdict.how)}</small>"


def where_html(st) -> str:
    """The card's "Weights" row: where the file comes from and how it was checked."""
    where = WHERE_TEXT.get(st.where, html.escape(st.where))
    check = check_text(st) if st.path is not None else ""
    return "<br>".join(filter(None, (where, check, refused_text(st))))


def refused_text(st) -> str:
    """A line saying copies were passed over (their reasons are in the details, below the buttons)."""
    n = len(st.problems)
    if not n:
        return ""
    return f"<small style='color:{RED}'>{n} {'copy' if n == 1 else 'copies'} refused (why: below)</small>"


def training_html(notop, full) -> str:
    """The card's "For training" row (the no-top base the Train tab uses)."""
    if notop.path is not None:
        return where_html(notop)
    if full is not None and full.path is not None and notop.where == "missing":
        text = check_text(full) if full.pending else "taken from the full weights when you train"
    elif notop.where == "missing":
        text = f"<span style='color:{RED}'>missing</span> (import it here, or the Train tab offers a download)"
    else:
        text = WHERE_TEXT.get(notop.where, html.escape(notop.where))
    return "<br>".join(filter(None, (text, refused_text(notop))))


def details_html(st, title: str = "") -> str:
    """File, import, the import Remove brings back, and refused copies with their reasons."""
    lines = []
    if st.path is not None:
        lines.append(f"File: {breakable(st.path.name)}")
    rec = st.imported
    if rec is not None:
        lines.append(f"Imported from <b>{breakable(Path(rec.source).name or rec.file)}</b> on {rec.imported_at[:10]}")
        if st.where != "imported":
            why = ("a weight pack comes first" if st.path is not None
                   else "it was refused, see below: replace or remove it")
            lines.append(f"<span style='color:{RED}'>Your import is not used</span>: {why}")
    prev = st.previous_import
    if prev is not None:
        lines.append(f"Remove brings back the import from {breakable(Path(prev.source).name or prev.file)} "
                     f"({prev.imported_at[:10]})")
    for p in st.problems:
        lines.append(f"<span style='color:{RED}'>Refused</span> {breakable(p.path.name)} in {_place(p.source)}: "
                     f"{breakable(p.reason)}. <span style='color:{GRAY}'>{html.escape(p.advice)}</span>")
    if not lines:
        return ""
    head = f"<b>{html.escape(title)}</b><br>" if title else ""
    return head + "<br>".join(lines)


def _place(label: str) -> str:
    kind, _, folder = label.partition(" ")
    return PLACES.get(kind, "") or html.escape(label)
