"""The window in Vietnamese, and in a pseudo-locale 40 % longer than English.

Both start the real window under their translator and bring every tab into the states of a
first week (an image with its prediction, a dataset with warnings, the augmentation preview, a
cancelled run's choices, a folder with unreadable files, the layer tree, a heatmap).  In
Vietnamese no text a person can see is still English, menus and dialogs included (model, layer,
ImageNet class and file names excepted); in the pseudo-locale nothing is cut at 1024×768 with the
model list shown."""

from __future__ import annotations

import os
import re

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from gui.i18n.language import LANGUAGES

from .i18n_walk import EnglishSources, PseudoTranslator, english_words, plain, texts
from .test_window_layout import _cut_controls, _fits, _page_area, each_page, first_week

# What the pseudo-locale puts in every string it translates: accented letters, the 40 % padding.
MARKED = re.compile("[áêïöüÿÅÉÏÖÜŸçñšž]|·~")


@pytest.fixture
def window_in(qapp, qtbot):
    """``window_in("vi")`` or ``window_in("pseudo")``: the real window made under that language."""
    from gui.i18n import install
    from gui.shell.main_window import MainWindow

    made = []

    def make(language: str):
        if language == "pseudo":
            install.activate(qapp, "pseudo", PseudoTranslator(qapp), "vi_VN")
        else:
            assert not install.install(qapp, language).problem
        win = MainWindow()
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.engine_ready, timeout=120_000):
            win.start_engine()
        win.controller.random_weights.update({"MobileNetV2", "MobileNet"})
        made.append(win)
        return win

    yield make
    for win in made:
        threads = list(win.client.threads.values())
        win.close_guard.enabled = False
        win.close()
        assert not any(t.isRunning() for t in threads)
    install.install(qapp, "en")


def names_shown(window, data) -> list[str]:
    """Names the window shows as they are: models and families, ImageNet classes, layers, the
    user's folders and files, colormaps, the device."""
    from engine import labels, zoo
    from engine.explain.overlay import COLORMAPS

    names = [s.name for s in zoo.catalog()] + [s.family for s in zoo.catalog()]
    names += [c.display for c in labels.classes()] + list(COLORMAPS)
    names += [str(data), data.name] + [p.name for p in data.iterdir()]
    files = window.picker.model_files()  # model files the user opened (remembered from earlier runs)
    names += files + [os.path.basename(f) for f in files]
    tree = window.inside_panel
    names += [item.text(col) for item in tree.items() for col in (0, 1)]
    names += [window.explain_panel.layer.itemText(i) for i in range(window.explain_panel.layer.count())]
    if window.device is not None:
        names += [window.device.summary(), window.device.name]
    return sorted(set(filter(None, names)), key=len, reverse=True)  # longest first: "tiger cat" before "cat"


def overlapping(window) -> list[str]:
    """Visible controls laid over a sibling control (a layout squeezed below what its rows need)."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QWidget

    controls = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QLabel)
    by_parent: dict = {}
    for w in window.findChildren(QWidget):
        if isinstance(w, controls) and w.isVisible() and w.width() > 0 and w.height() > 0 and w.parentWidget():
            by_parent.setdefault(id(w.parentWidget()), []).append(w)
    out = []
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                both = a.geometry().adjusted(1, 1, -1, -1).intersected(b.geometry().adjusted(1, 1, -1, -1))
                if not both.isEmpty():
                    out.append(f"{_name(a)} overlaps {_name(b)}")
    return out


def _name(w) -> str:
    return f"{type(w).__name__} {w.objectName() or plain(getattr(w, 'text', str)())[:30]!r}"


def english_left(found, sources: EnglishSources, allowed: list[str]) -> list[str]:
    out = []
    for where, raw in found:
        text = plain(raw or "")
        if not text:
            continue
        source = sources.match(text)
        words = english_words(text, allowed)
        if source or words:
            out.append(f"{where}: {text[:120]!r} " + (f"is the English source {source[:60]!r}" if source
                                                          else f"has English words {words}"))
    return sorted(set(out))


def open_dialogs(window, qtbot) -> tuple[list, list]:
    """Every dialog and box the window opens, shown: (the dialogs, (where, text) of each)."""
    from PySide6.QtWidgets import QMessageBox, QTextBrowser

    from engine import preferences
    from engine.sources import guess
    from gui.models.missing_weights import MissingWeightsDialog
    from gui.models.preprocess_dialog import PreprocessDialog
    from gui.shell.about import about_text
    from gui.shell.closing import CloseQuestion
    from gui.shell.help import show_guide, show_shortcuts
    from gui.shell.preferences_dialog import PreferencesDialog
    from gui.widgets.error_dialog import message_box

    window.controller.batch_job = object()  # as if a folder batch ran: the question closing asks
    try:
        question = CloseQuestion(window, window.close_guard.running()[0])
    finally:
        window.controller.batch_job = None
    dialogs = [PreferencesDialog(preferences.Preferences(), window.picker.names(), window),
               MissingWeightsDialog("MobileNetV2", "details", window),
               PreprocessDialog("flowers.keras", None, window, guess=guess.DEFAULT),
               question, message_box(window, QMessageBox.Icon.Warning, "", "", "details"),
               window.ask_restart("vi"), show_guide(window), show_shortcuts(window, window.menuBar())]
    found = []
    for dialog in dialogs:
        dialog.show()
        qtbot.wait(20)
        found += [(f"{type(dialog).__name__} › {where}", text) for where, text in texts(dialog)]
        found += [(type(dialog).__name__, b.toPlainText()) for b in dialog.findChildren(QTextBrowser)]
    found += [("About", about_text(window.device))]
    return dialogs, found


def test_no_english_is_left_in_the_vietnamese_window(window_in, qtbot, tmp_path, monkeypatch):
    window = window_in("vi")
    window.resize(1024, 768)
    data = first_week(window, qtbot, tmp_path, monkeypatch)
    sources = EnglishSources()
    found = []
    for tab in each_page(window, qtbot):
        found += [(f"{tab} › {where}", text) for where, text in texts(window)]
    allowed = names_shown(window, data)
    dialogs, in_dialogs = open_dialogs(window, qtbot)
    found += in_dialogs
    left = english_left(found, sources, allowed)
    assert not left, "English in the Vietnamese window:\n" + "\n".join(left)
    # What was looked at: every tab, menu and dialog, in Vietnamese.
    seen = {plain(t) for _, t in found}
    assert {"Dự đoán", "Giải thích", "Bên trong", "Thư mục", "Huấn luyện", "So sánh", "Tệp", "Tùy chọn…",
            "Phím tắt", "Ngôn ngữ", "Khởi động lại ngay", "Nâng cao", "Tải xuống", "Xem chi tiết..."} <= seen
    assert any("Bắt đầu" in t for t in seen) and any("Lớp 'empty_class_folder'" in t for t in seen)
    for dialog in dialogs:
        dialog.close()


def not_through_tr(found, allowed: list[str]) -> list[str]:
    """Texts shown without the pseudo-locale's marks: they never went through a translator (a
    string without tr(), or one built outside it), whatever words they hold."""
    out = []
    for where, raw in found:
        text = re.sub(r"(?:/[\w.\-]+)+/?|\S+\.(?:jpe?g|png|h5|keras|csv|txt|json)\b", " ", plain(raw or ""),
                      flags=re.I)
        text = re.sub(r"\([a-z0-9_]+\)", " ", text)  # a Keras module's name: "(mobilenet_v2)"
        # The app's name, and each language by its own name (a language menu lists them so).
        for name in [*allowed, "Pretrained Studio", *LANGUAGES.values()]:
            if name and name in text:
                text = text.replace(name, " ")
        if len(re.findall(r"[A-Za-z]", text)) < 3 or MARKED.search(text):
            continue
        out.append(f"{where}: {plain(raw)[:100]!r}")
    return sorted(set(out))


def test_a_40_percent_longer_language_fits_1024_by_768_with_the_model_list(window_in, qtbot, tmp_path,
                                                                          monkeypatch):
    window = window_in("pseudo")
    assert window.tabs.tabText(0) == "Prêdïçt·~·"  # "Predict", accented and 40 % longer
    window.resize(1024, 768)
    assert not window.dock.isHidden()
    data = first_week(window, qtbot, tmp_path, monkeypatch)
    problems, found = [], []
    for tab in each_page(window, qtbot):
        found += [(f"{tab} › {where}", text) for where, text in texts(window)]
        assert window.size() == QSize(1024, 768), f"{tab} resized the window"
        if not _fits(_page_area(window)):
            problems.append(f"{tab}: the page needs more room than 1024×768 gives it")
        problems += [f"{tab}: {cut}" for cut in _cut_controls(window)]
        problems += [f"{tab}: {lap}" for lap in overlapping(window)]
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 768 - 60
    assert not problems, "\n".join(problems)
    dialogs, in_dialogs = open_dialogs(window, qtbot)
    raw = not_through_tr(found + in_dialogs, names_shown(window, data))
    for dialog in dialogs:
        dialog.close()
    assert not raw, "Shown without a translator (no tr()):\n" + "\n".join(raw)
    QApplication.processEvents()
