"""Help ▸ Getting started (a short guide) and Help ▸ Keyboard shortcuts (read from the menus,
so the list is always the one the window really has)."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

from ..i18n.words import QT_TRANSLATE_NOOP, translate

# The guide, one paragraph a string (translators see whole paragraphs, markup included).
GUIDE_TITLE = QT_TRANSLATE_NOOP("Help", "Getting started")
GUIDE_STEPS = [
    QT_TRANSLATE_NOOP("Help", "<b>Pick a model</b> in the list on the left (MobileNetV2 is small and fast). Its card "
                      "says where its ImageNet weights are; if they are missing, download or import them, or run it "
                      "untrained to try things out. Families with variants (MobileNet widths, input sizes, "
                      "MobileNetV3 minimalistic) show them on the card. Hide the list with <i>◀ Models</i> or Ctrl+M "
                      "when the screen is small."),
    QT_TRANSLATE_NOOP("Help", "<b>Predict</b>: drop an image (or a folder) on the canvas, paste one, or click <i>Try a "
                      "sample</i>. The bars show the top classes."),
    QT_TRANSLATE_NOOP("Help", "<b>Explain</b>: where did the network look? Pick a method, a class and a layer."),
    QT_TRANSLATE_NOOP("Help", "<b>Inside</b>: the layers, the feature maps of the current image, and filter patterns."),
    QT_TRANSLATE_NOOP("Help", "<b>Folder</b>: every image of a folder in a table; sort it, click a row to see the "
                      "image, export CSV."),
    QT_TRANSLATE_NOOP("Help", "<b>Train</b>: choose a folder with one subfolder per class (data/cat, data/dog…), a "
                              "base "
                      "model, and press <i>Train</i>. The defaults (feature extraction, early stopping) suit a first "
                      "run; the rest is under <i>Advanced</i>. Afterwards, click a cell of the confusion matrix to see "
                      "its images, open them in Predict or Explain, move a mislabelled one to its right class folder "
                      "(undoable), train again, and export the model."),
    QT_TRANSLATE_NOOP("Help", "<b>Compare</b>: the published figures of every model beside what this computer "
                      "measures."),
]
GUIDE_LANGUAGE = QT_TRANSLATE_NOOP(
    "Help", "<b>Language</b>: the window speaks English or Vietnamese. It follows the system (Vietnamese under a "
    "Vietnamese locale); choose in File ▸ Preferences ▸ Language, or start it with <code>python main.py --lang "
    "vi</code>. A new choice applies when the window starts again. ImageNet class names (<i>tabby</i>, <i>golden "
    "retriever</i>), model names and layer names stay in English, as Keras and the papers write them.")
GUIDE_CLI = QT_TRANSLATE_NOOP("Help", "Everything also runs from the command line (in English): "
                              "<code>python main.py --help</code>.")


def guide_html() -> str:
    """The Getting started guide in the window's language."""
    steps = "".join("<li>" + translate("Help", step) + "</li>" for step in GUIDE_STEPS)
    title = html.escape(translate("Help", GUIDE_TITLE))
    return (f"<h3>{title}</h3><ol>{steps}</ol><p>" + translate("Help", GUIDE_LANGUAGE) + "</p><p>"
            + translate("Help", GUIDE_CLI) + "</p>")

def _dialog(parent: QWidget, title: str, body: str, name: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    text = QTextBrowser()
    text.setOpenExternalLinks(True)
    text.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(560, 480)
    return dialog


def shortcuts(menubar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, key) for every menu action that has a shortcut."""
    rows = []
    for menu_action in menubar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for a in menu.actions():
            key = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key:
                rows.append((menu.title().replace("&", ""), a.text().replace("&", ""), key))
    return rows


def shortcuts_html(menubar: QMenuBar) -> str:
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{html.escape(a)}</td><td style='color:gray'>{html.escape(m)}"
                   "</td></tr>" for m, a, k in shortcuts(menubar))
    title = translate("Help", "Keyboard shortcuts")
    also = translate("Help", "Also: the mouse wheel zooms the image, dragging pans it.")
    return f"<h3>{html.escape(title)}</h3><table cellspacing=4>{rows}</table><p>{html.escape(also)}</p>"

def show_guide(parent: QWidget) -> QDialog:
    dialog = _dialog(parent, translate("Help", GUIDE_TITLE), guide_html(), "helpGuide")
    dialog.open()
    return dialog


def show_shortcuts(parent: QWidget, menubar: QMenuBar) -> QDialog:
    dialog = _dialog(parent, translate("Help", "Keyboard shortcuts"), shortcuts_html(menubar), "helpShortcuts")
    dialog.open()
    return dialog
