"""Numbers as the window's language writes them: ``12.5%`` and ``1,234`` in English,
``12,5%`` and ``1.234`` in Vietnamese (QLocale's default, set when the language is installed).

:func:`fmt` fills a translated template's ``{named}`` fields and writes the numbers among them
this way, keeping Python's format specs: ``{x:.1f}``, ``{n:,}``, ``{x:.3g}``, ``{p:.1%}``."""

from __future__ import annotations

import re
import string
from typing import Any

from PySide6.QtCore import QLocale

_SPEC = re.compile(r"^(?P<sign>\+)?(?P<comma>,)?(?:\.(?P<digits>\d+))?(?P<kind>[fgd%])?$")


def _locale(grouped: bool) -> QLocale:
    loc = QLocale()
    if not grouped:
        loc.setNumberOptions(loc.numberOptions() | QLocale.NumberOption.OmitGroupSeparator)
    return loc


def number(value: float, spec: str = "") -> str:
    """``value`` written with a Python format ``spec`` (``.1f``, ``,``, ``.3g``, ``.0%``…) in the
    window's locale; a spec it does not know is Python's own."""
    match = _SPEC.match(spec)
    if match is None or isinstance(value, bool):
        return format(value, spec)
    if match["sign"]:
        text = number(value, spec[1:])
        return text if text.startswith("-") else "+" + text
    grouped, digits, kind = bool(match["comma"]), match["digits"], match["kind"]
    loc = _locale(grouped)
    if kind == "%":
        return loc.toString(float(value) * 100, "f", int(digits or 6)) + loc.percent()
    if kind == "d" or (kind is None and digits is None and isinstance(value, int)):
        return loc.toString(int(value))
    if kind == "g" or (kind is None and digits is not None):
        return loc.toString(float(value), "g", int(digits or 6))
    if kind == "f":
        return loc.toString(float(value), "f", int(6 if digits is None else digits))
    return loc.toString(float(value), "g", QLocale.FloatingPointPrecisionOption.FloatingPointShortest)


def percent(fraction: float, decimals: int = 1) -> str:
    """``0.125`` → "12.5%" (English), "12,5%" (Vietnamese)."""
    return number(fraction, f".{decimals}%")


def decimal(value: float, decimals: int = 1) -> str:
    return number(value, f".{decimals}f")


def integer(value: int) -> str:
    """A whole number with the language's thousands separator."""
    return number(int(value), ",")


class _Formatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fmt(template: str, **params: Any) -> str:
    """``template.format(**params)``, numbers in the window's locale."""
    return _FORMATTER.format(template, **params)
