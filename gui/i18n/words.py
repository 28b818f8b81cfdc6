"""What a module needs to speak the window's language, in one import:

    from ..i18n.words import QT_TRANSLATE_NOOP, fmt, percent, say, translate

``translate(context, text)`` is ``QCoreApplication.translate`` (``pyside6-lupdate`` finds its
literal strings); a constant marked with ``QT_TRANSLATE_NOOP`` is translated where it is shown,
because modules are imported before the translator is installed.  Plurals: ``translate(ctx,
"%n image(s)", None, n)`` or ``self.tr("%n image(s)", "", n)``.  Never build a sentence from
pieces or pass an f-string to ``tr``: translators see whole sentences with named fields
(``{model}``), filled by :func:`fmt` (numbers in the window's locale)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .engine_text import say, say_error
from .numbers import decimal, fmt, integer, number, percent

translate = QCoreApplication.translate

__all__ = ["QT_TRANSLATE_NOOP", "decimal", "fmt", "integer", "number", "percent", "say", "say_error", "translate"]
