"""The allowed range of every numeric training setting, in one place: the command line's
argument types, the Train tab's spin boxes and :func:`check` (for any other caller) all
read them, so a value one accepts the others accept too."""

from __future__ import annotations

import math

from ..errors import StudioError

# name: (low, high, low_open) — ints where both ends are ints
EPOCHS = (1, 1000)
FINETUNE_EPOCHS = (1, 1000)
UNFREEZE = (1, 1000)
EARLY_STOPPING = (0, 1000)
BATCH_SIZE = (1, 4096)
DENSE_UNITS = (1, 65536)
SEED = (0, 2**32 - 1)
INPUT_SIZE = (32, 2048)
LEARNING_RATE = (0.0, 1.0)  # more than 0, at most 1
VAL_SPLIT = (0.0, 0.9)
DROPOUT = (0.0, 0.95)
ALPHA = (0.0, 4.0)  # more than 0

_INTS = {"epochs": EPOCHS, "finetune_epochs": FINETUNE_EPOCHS, "unfreeze": UNFREEZE,
         "early_stopping": EARLY_STOPPING, "batch_size": BATCH_SIZE, "seed": SEED}
_FLOATS = {"learning_rate": (LEARNING_RATE, True), "finetune_learning_rate": (LEARNING_RATE, True),
           "dropout": (DROPOUT, False)}


def check(settings) -> None:
    """Raise :class:`StudioError` naming every setting out of its range."""
    bad = []
    for name, (low, high) in _INTS.items():
        v = getattr(settings, name)
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            bad.append(f"{name} = {v!r} (use a whole number from {low} to {high})")
    for name, ((low, high), low_open) in _FLOATS.items():
        v = getattr(settings, name)
        ok = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and (
            low < v <= high if low_open else low <= v <= high)
        if not ok:
            bad.append(f"{name} = {v!r} (use a number {'above' if low_open else 'from'} {low:g} to {high:g})")
    for units in settings.dense:
        if isinstance(units, bool) or not isinstance(units, int) or not DENSE_UNITS[0] <= units <= DENSE_UNITS[1]:
            bad.append(f"dense layer size {units!r} (use {DENSE_UNITS[0]} to {DENSE_UNITS[1]})")
    if settings.input_size is not None and not INPUT_SIZE[0] <= settings.input_size <= INPUT_SIZE[1]:
        bad.append(f"input_size = {settings.input_size!r} (use {INPUT_SIZE[0]} to {INPUT_SIZE[1]})")
    if settings.alpha is not None and not (isinstance(settings.alpha, (int, float)) and math.isfinite(settings.alpha)
                                           and ALPHA[0] < settings.alpha <= ALPHA[1]):
        bad.append(f"alpha = {settings.alpha!r} (use a number above 0 and at most {ALPHA[1]:g})")
    if bad:
        raise StudioError("Training settings out of range: " + "; ".join(bad) + ".")
