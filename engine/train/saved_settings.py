"""The settings a saved model was trained with, read back field by field (``train --from``).

A bundle's ``metadata.json`` and a kept checkpoint's ``run.json`` may have been edited: every
field is checked before it reaches the trainer, like :mod:`engine.preferences` checks its
fields.  A bad *run option* (mode, epochs, learning rate, …) falls back to its default and
is said once; a bad *architecture* field (model, alpha, input size, pooling, hidden layers,
dropout) cannot fall back — the saved weights have that shape — so the model is refused
with a sentence naming the field.  Class names must be distinct texts; the recorded loss
history must be a list of numbers.
"""

from __future__ import annotations

import math
import os
from typing import Any, Callable

from .. import images, safefiles, zoo
from ..errors import StudioError, UnknownModelError
from ..pathnames import printable
from . import limits

MAX_DENSE_LAYERS = 16
MAX_CLASSES = 100_000


class _Bad(ValueError):
    pass


def _int(bounds: tuple) -> Callable[[Any], int]:
    low, high = bounds

    def check(v):
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise _Bad(f"a whole number from {low} to {high} is expected, not {_shown(v)}")
        return v
    return check


def _float(bounds: tuple, low_open: bool = False, optional: bool = False) -> Callable[[Any], Any]:
    low, high = bounds

    def check(v):
        if v is None and optional:
            return None
        ok = (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
              and (low < v if low_open else low <= v) and v <= high)
        if not ok:
            raise _Bad(f"a number {'above' if low_open else 'from'} {low:g} to {high:g} is expected, not {_shown(v)}")
        return float(v)
    return check


def _one_of(choices) -> Callable[[Any], str]:
    def check(v):
        if v not in choices:
            raise _Bad(f"one of {', '.join(choices)} is expected, not {_shown(v)}")
        return v
    return check


def _optional_text(v):
    if v is not None and not isinstance(v, str):
        raise _Bad(f"text is expected, not {_shown(v)}")
    return v


def _model(v):
    if not isinstance(v, str) or not v.strip():
        raise _Bad(f"a model name is expected, not {_shown(v)}")
    try:
        return zoo.get(v).name
    except UnknownModelError:
        raise _Bad(f"there is no model called {_shown(v)}") from None


def _input_size(v):
    return None if v is None else _int(limits.INPUT_SIZE)(v)


def _dense(v):
    if not isinstance(v, list) or len(v) > MAX_DENSE_LAYERS:
        raise _Bad(f"a list of at most {MAX_DENSE_LAYERS} layer sizes is expected, not {_shown(v)}")
    return [_int(limits.DENSE_UNITS)(u) for u in v]


def _augmentations(v):
    from .layers import AUGMENTATIONS

    if not isinstance(v, list) or not all(isinstance(a, str) and a in AUGMENTATIONS for a in v):
        raise _Bad(f"a list of augmentations ({', '.join(sorted(AUGMENTATIONS))}) is expected, not {_shown(v)}")
    return list(dict.fromkeys(v))


def _model_file(v):
    if v is None:
        return None
    if not isinstance(v, str) or not os.path.isfile(v):
        raise _Bad(f"the model file it was trained from ({_shown(v)}) is not on this computer")
    return v


def _backends() -> tuple:
    from ..backends.base import CHOICES

    return CHOICES


# Fields the saved weights depend on: refused when bad.
ARCHITECTURE: dict[str, Callable] = {
    "model": _model, "alpha": _float(limits.ALPHA, low_open=True, optional=True), "input_size": _input_size,
    "pooling": _one_of(("avg", "flatten")), "dense": _dense, "dropout": _float(limits.DROPOUT),
    "model_file": _model_file, "preprocess": _optional_text,
}
# Run options: a bad one falls back to the default.
OPTIONS: dict[str, Callable] = {
    "mode": _one_of(("extract", "augment", "finetune")), "epochs": _int(limits.EPOCHS),
    "finetune_epochs": _int(limits.FINETUNE_EPOCHS), "unfreeze": _int(limits.UNFREEZE),
    "batch_size": _int(limits.BATCH_SIZE), "learning_rate": _float(limits.LEARNING_RATE, low_open=True),
    "finetune_learning_rate": _float(limits.LEARNING_RATE, low_open=True), "augmentations": _augmentations,
    "early_stopping": _int(limits.EARLY_STOPPING), "lr_schedule": _one_of(("constant", "cosine")),
    "resize_policy": _one_of(images.RESIZE_POLICIES), "seed": _int(limits.SEED),
    "weights": _optional_text, "backend": lambda v: _one_of(_backends())(v),
    "devices": _one_of(("one", "all")), "continued_from": _optional_text,
}


def _shown(v) -> str:
    text = repr(v)
    return printable(text if len(text) <= 60 else text[:57] + "...")


def settings(raw, where: str) -> dict:
    """The saved settings, checked: a bad architecture field raises :class:`StudioError`, a bad
    run option is dropped (the default applies) and said once.  Only the fields named in
    :data:`ARCHITECTURE` and :data:`OPTIONS` (each a ``TrainSettings`` field) are taken."""
    if not isinstance(raw, dict):
        raise StudioError(f"{where} holds no training settings (an object is expected, not {_shown(raw)}), so it "
                          "cannot be continued; train a new model instead.")
    out: dict = {}
    if raw.get("model_file") is None and "model" not in raw:
        raise StudioError(f"{where} does not say which model it was trained from, so it cannot be continued.")
    for name, check in ARCHITECTURE.items():
        if name in raw:
            if name == "model" and raw.get("model_file") is not None:
                out[name] = _optional_text(raw[name]) or "model file"
                continue
            try:
                out[name] = check(raw[name])
            except _Bad as exc:
                raise StudioError(f"{where} cannot be continued: its '{name}' is wrong ({exc}); the model's "
                                  "weights depend on it. Train a new model instead.") from None
    for name, check in OPTIONS.items():
        if name in raw:
            try:
                out[name] = check(raw[name])
            except _Bad as exc:
                safefiles.notice(f"{where}: the saved '{name}' is not used ({exc}); the default applies.")
    return out


def classes(raw, where: str) -> list[str]:
    if (not isinstance(raw, list) or not raw or len(raw) > MAX_CLASSES
            or not all(isinstance(c, str) and c for c in raw) or len(set(raw)) != len(raw)):
        raise StudioError(f"{where} does not list its classes as distinct names ({_shown(raw)}), so it cannot be "
                          "continued; train a new model instead.")
    return list(raw)


def epochs_done(history, where: str) -> int:
    """Epochs trained so far, from the recorded loss history (0, said once, when it is not a list of numbers)."""
    loss = history.get("loss", []) if isinstance(history, dict) else history
    if history is None:
        return 0
    if not isinstance(loss, list) or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in loss):
        safefiles.notice(f"{where}: the recorded training history is not a list of losses ({_shown(loss)}); "
                         "epochs are counted from 0.")
        return 0
    return len(loss)
