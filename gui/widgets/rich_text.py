"""Text from files and folders, made safe and wrappable for Qt's rich text."""

from __future__ import annotations

import html
import re

_BREAK_AFTER = re.compile(r"([_/\\-])")


def breakable(text: str) -> str:
    """``text`` escaped, with a break point after each ``_ / \\ -``: file, folder and class
    names have no spaces (``daisy_white_petals_yellow_centre…``), so Qt either widened the
    panel for them or cut them at the edge mid-letter.  Not after a dot: ``bad.jpg`` stays one
    word for the reader, a search and a copy."""
    return _BREAK_AFTER.sub("\\1&#8203;", html.escape(text))
