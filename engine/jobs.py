"""Progress reporting and cancellation shared by every long engine call.

Long calls take ``progress`` (a callable ``(fraction, message)``) and ``cancel`` (a
:class:`CancelToken`).  They raise :class:`Cancelled` instead of returning half a result.
"""

from __future__ import annotations

import threading
from typing import Callable, Optional

ProgressFn = Callable[[float, str], None]


class Cancelled(Exception):
    """Raised inside a job when its cancel token was set."""

    def __init__(self, message: str = "Cancelled by the user."):
        super().__init__(message)


class CancelToken:
    """Thread-safe flag: the GUI sets it, the engine polls it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


def check(cancel: Optional[CancelToken]) -> None:
    """Raise :class:`Cancelled` if ``cancel`` is set; a ``None`` token never cancels."""
    if cancel is not None:
        cancel.raise_if_cancelled()


def report(progress: Optional[ProgressFn], fraction: float, message: str = "") -> None:
    """Call ``progress`` if given, clamping the fraction to [0, 1]."""
    if progress is not None:
        progress(min(1.0, max(0.0, float(fraction))), message)


def sub_progress(progress: Optional[ProgressFn], start: float, end: float) -> Optional[ProgressFn]:
    """Map a sub-step's 0..1 onto the share ``start..end`` of the parent's bar."""
    if progress is None:
        return None

    def _sub(fraction: float, message: str = "") -> None:
        report(progress, start + (end - start) * fraction, message)

    return _sub
