"""Errors a person can act on.

Each message says what went wrong, which file or model, and what to do next.  The GUI
shows ``str(error)`` and keeps the traceback as details; the command line prints it.
"""

from __future__ import annotations

import re

# Terminal control sequences that libraries put in their messages (Keras bolds its errors with
# ESC[1m … ESC[0m): CSI and OSC sequences, any other escape, and C0 controls but tab and newline.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?|[\x00-\x08\x0b-\x1f\x7f\x9b]")


def plain(text: str) -> str:
    """``text`` without terminal escape codes or control characters (tab and newline kept):
    a message may quote a library's error, and the terminal must never interpret it."""
    return _CONTROL.sub("", str(text))


class StudioError(Exception):
    """Base for every error the engine raises on purpose; its message is always :func:`plain`."""

    def __init__(self, *args):
        super().__init__(*(plain(a) if isinstance(a, str) else a for a in args))


class ImageLoadError(StudioError):
    """An image file could not be read (missing, empty, truncated, not an image, too big)."""

    def __init__(self, path, reason: str):
        from .pathnames import printable

        self.path = str(path)
        self.reason = reason
        super().__init__(f"Cannot read image '{printable(self.path)}': {reason}")


class UnknownModelError(StudioError):
    def __init__(self, name: str, known: list[str]):
        self.name = name
        close = [k for k in known if name.lower() in k.lower()][:5]
        hint = f" Did you mean: {', '.join(close)}?" if close else " Run `python main.py models` for the list."
        super().__init__(f"There is no model called '{name}'.{hint}")


class VariantError(StudioError):
    """A variant (alpha, input size, ...) the model family does not offer."""


class WeightsMissingError(StudioError):
    def __init__(self, model: str, filename: str, searched: list[str], url: str | None, why: str = ""):
        self.model = model
        self.filename = filename
        self.searched = list(searched)
        self.url = url
        places = "\n".join(f"  - {p}" for p in self.searched) or "  (none)"
        how = (
            f"Download it with `python main.py weights download {model}`"
            + (f" (from {url})" if url else "")
            + f", or copy '{filename}' into one of the folders above, or import a file with "
            f"`python main.py weights import FILE --model {model}`. "
            "You can also run the model with random weights (--weights none); its outputs are then "
            "marked as untrained."
        )
        reason = f" {why}" if why else ""
        super().__init__(
            f"ImageNet weights for {model} are not on this computer: '{filename}' was not found in\n"
            f"{places}\n{reason}{how}"
        )


class WeightsDownloadError(StudioError):
    """The download failed (network, interrupted, hash mismatch); nothing partial is kept."""


class WeightsFileError(StudioError):
    """A weights file the user chose does not fit the model."""
