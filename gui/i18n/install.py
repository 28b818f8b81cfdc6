"""Installs the window's translators on the application, before the first widget is made.

Three files per language, later ones searched first: the small ``qt_extra`` file (the standard
buttons and the file dialog, which Qt does not translate into every language — there is no
``qtbase_vi.qm``), Qt's own ``qtbase_<lang>.qm`` where it exists (it then wins over ours), and
the window's strings.  English loads only the window's file, for its plural forms ("1 image",
"2 images").  A file that cannot be found or compiled leaves those strings in English and is
said once (``problem``); the window always opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from . import files
from .language import LOCALES

_installed: list = []
_current = "en"


@dataclass
class Installed:
    language: str
    files: list = field(default_factory=list)  # the .qm files loaded
    problem: str = ""  # why a file is missing ("" when every file loaded)


def current() -> str:
    """The language the window speaks now ("en" before anything was installed)."""
    return _current


def uninstall(app: Optional[QCoreApplication] = None) -> None:
    global _current
    app = app or QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    _current = "en"
    QLocale.setDefault(QLocale(LOCALES["en"]))


def install(app: QCoreApplication, language: str) -> Installed:
    """Replace the translators on ``app`` with those of ``language``; numbers follow it too."""
    global _current
    uninstall(app)
    result = Installed(language)
    wanted = [(files.QT_EXTRA, "extra"), ("qtbase", "qt"), (files.APP, "app")] if language != "en" else [
        (files.APP, "app")]
    problems = []
    for name, kind in wanted:
        try:
            path = files.qt_file(language) if kind == "qt" else files.qm_file(name, language)
        except files.TranslationUnavailable as exc:
            problems.append(str(exc))
            continue
        if path is None:
            continue
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)  # installed later: searched first
            _installed.append(translator)
            result.files.append(path)
        else:
            problems.append(f"{path.name} could not be loaded")
    if language != "en" and not any(p.name.startswith(files.APP) for p in result.files):
        problems.insert(0, f"the {language} translation of the window is not available")
    result.problem = "; ".join(problems)
    _current = language if language == "en" or any(p.name.startswith(files.APP) for p in result.files) else "en"
    QLocale.setDefault(QLocale(LOCALES.get(_current, "en_US")))
    return result


def activate(app: QCoreApplication, language: str, translator: QTranslator, locale: str = "en_US") -> None:
    """Speak ``language`` through ``translator`` alone (the tests' pseudo-locale, any QTranslator):
    the engine's coded messages go through it too."""
    global _current
    uninstall(app)
    app.installTranslator(translator)
    _installed.append(translator)
    _current = language
    QLocale.setDefault(QLocale(locale))
