"""Argument types that refuse bad numbers at the command line, with a message that says
which values are allowed (argparse prints it with the option's name), before any work."""

from __future__ import annotations

import argparse
import math

from ..train import limits


def integer(low: int, high: int | None = None):
    """An int in [low, high]."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is out of range: use {_range(low, high)}")
        return value

    parse.__name__ = "whole number"
    return parse


def number(low: float, high: float | None = None, *, low_open: bool = False, high_open: bool = False):
    """A finite float in the range (open ends where asked)."""
    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
        if (value < low or (low_open and value == low) or (high is not None and value > high)
                or (high is not None and high_open and value == high)):
            lo = f"{'more than' if low_open else 'at least'} {low:g}"
            hi = "" if high is None else f" and {'less than' if high_open else 'at most'} {high:g}"
            raise argparse.ArgumentTypeError(f"{value:g} is out of range: use a number {lo}{hi}")
        return value

    parse.__name__ = "number"
    return parse


def int_list(low: int, high: int | None = None, *, allow_empty: bool = True):
    """Comma-separated ints, each in [low, high]."""
    one = integer(low, high)

    def parse(text: str) -> list[int]:
        values = [one(part) for part in text.split(",") if part.strip()]
        if not values and not allow_empty:
            raise argparse.ArgumentTypeError("give at least one number")
        return values

    parse.__name__ = "list of whole numbers"
    return parse


def _range(low: int, high: int | None) -> str:
    return f"{low} or more" if high is None else f"{low} to {high}"


def limit(bounds: tuple, *, low_open: bool = False):
    """An argument type from a range in :mod:`engine.train.limits`."""
    low, high = bounds
    if isinstance(low, int) and isinstance(high, int) and not low_open:
        return integer(low, high)
    return number(low, high, low_open=low_open)


BATCH_SIZE = limit(limits.BATCH_SIZE)
INPUT_SIZE = limit(limits.INPUT_SIZE)
ALPHA = limit(limits.ALPHA, low_open=True)
TOP_K = integer(1, 1000)
