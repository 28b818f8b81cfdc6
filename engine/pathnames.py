"""File names as the file system has them, and as people and tables can show them.

On Linux a file name is bytes, not text: Python hands over names that are not valid UTF-8
with "surrogate escapes" (``os.fsdecode``), which cannot be printed or written as UTF-8.
The engine carries such paths unchanged (``str`` with surrogates, ``os.fsencode`` gives
the exact bytes back) and converts them only at the edges:

* :func:`printable` — for messages and the tab-separated output, and for any other text
  that comes from a file (a bundle's name, a pack's entries, a state file's strings):
  undecodable bytes become ``\\xNN``, control characters ``\\t``, ``\\n``, ``\\r`` or
  ``\\xNN``, C1 controls and the characters that turn text around or break lines (U+202E…)
  ``\\uNNNN``; on systems where a backslash is a name character (not the separator) it is
  doubled, so the text is unambiguous and :func:`unprintable` gives the exact name back.
* :func:`exact_text` / :func:`path_b64` — for CSV and JSON: the name itself when it is valid
  Unicode (CSV and JSON quote tabs and newlines), else its readable form plus the exact
  bytes in base64 (``path_b64``); :func:`from_b64` turns that back into a path.
"""

from __future__ import annotations

import base64
import os
import re

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# Characters that change how the rest of a line shows (U+202E writes it backwards) or break it.
_INVISIBLE = frozenset([0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# A backslash is a separator on Windows: names cannot contain one, so it needs no escape.
_ESCAPE_BACKSLASH = os.sep != "\\"


def is_exact_text(path: str | os.PathLike) -> bool:
    """True when the name is valid Unicode (no undecodable bytes carried as surrogates)."""
    try:
        os.fspath(path).encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def printable(path: str | os.PathLike) -> str:
    """A one-line, always-encodable form of ``path`` (see the module docstring)."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, carried as a surrogate escape
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:  # a lone surrogate from elsewhere (e.g. Windows names)
            out.append(f"\\u{code:04x}")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0x80 <= code <= 0x9F or code in _INVISIBLE:  # C1 controls, text direction, line breaks
            out.append(f"\\u{code:04x}")
        elif ch == "\\" and _ESCAPE_BACKSLASH:
            out.append("\\\\")
        else:
            out.append(ch)
    return "".join(out)


_UNESCAPE = re.compile(r"\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[tnr\\])")


def unprintable(text: str) -> str:
    """The inverse of :func:`printable` (POSIX): the exact name, surrogate escapes included."""
    def one(m: re.Match) -> str:
        code = m.group(1)
        if code[0] == "x":
            value = int(code[1:], 16)
            return chr(value) if value < 0x80 else chr(0xDC00 + value)
        if code[0] == "u":
            return chr(int(code[1:], 16))
        return {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[code]

    return _UNESCAPE.sub(one, text)


def exact_text(path: str | os.PathLike) -> str:
    """The name for a CSV/JSON ``file`` field: exact when possible, else :func:`printable`."""
    text = os.fspath(path)
    return text if is_exact_text(text) else printable(text)


def path_b64(path: str | os.PathLike) -> str:
    """Base64 of the exact bytes of a name that is not valid Unicode; "" for the others."""
    return "" if is_exact_text(path) else base64.b64encode(os.fsencode(path)).decode("ascii")


def from_b64(text: str) -> str:
    """The path a ``path_b64`` field names (as Python carries it: ``os.fsdecode``)."""
    return os.fsdecode(base64.b64decode(text))
