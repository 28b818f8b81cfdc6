"""The engine's coded messages (:mod:`engine.messages`) in the window's language.

The engine writes English and marks the messages a student meets with a stable code; the
templates below are those codes' English text, the source strings of the translations
(``tests/gui/test_translations.py`` checks they are the engine's own, code by code).  A code
not listed here, or any text in an English window, is shown exactly as the engine wrote it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from engine.messages import Msg

from . import install
from .engine_catalog import TEMPLATES
from .numbers import fmt

CONTEXT = "EngineText"

def say(text: Any) -> str:
    """``text`` in the window's language: a coded message translated, anything else as it is."""
    if not isinstance(text, Msg):
        return "" if text is None else str(text)
    if install.current() == "en" or text.code not in TEMPLATES:
        return str(text)
    template = QCoreApplication.translate(CONTEXT, TEMPLATES[text.code])
    params = {k: say(v) if isinstance(v, Msg) else v for k, v in text.params.items()}
    try:
        return fmt(template, **params)
    except (KeyError, IndexError, ValueError):  # a translation that lost a field: the English, not a crash
        return str(text)

def say_error(exc: Any, fallback: str) -> str:
    """What the window says for a failed job: the error's coded message translated, else ``fallback``."""
    args = getattr(exc, "args", ())
    return say(args[0]) if args and isinstance(args[0], Msg) else fallback
