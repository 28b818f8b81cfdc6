"""What a model expects its pixels to look like, for models that do not say.

A zoo model's family knows its ``preprocess_input``; our bundles carry preprocessing as a
layer.  A model *file* (a ``.keras`` a classmate trained, a Teachable Machine export) stores
none of it, so the user picks one of :data:`SCALES` or a zoo family's ``preprocess_input``
(:func:`choices`); :mod:`.guess` proposes one where the file gives it away.  Each choice is a
named function, so caches that key on the function (:mod:`engine.backends.convert`) tell them
apart.  :data:`TEACHABLE_MACHINE` is −1…1 with Teachable Machine's own resize (a centre fit
with LANCZOS, :data:`engine.images.FIT_LANCZOS`), so probabilities agree with its snippet.
A model with a one-channel input gets the image as grey first (:func:`for_model`).
Imports no TensorFlow until used.
"""

from __future__ import annotations

from typing import Callable

from ..errors import StudioError

MINUS1TO1, ZERO_TO_ONE, NONE = "minus1to1", "0to1", "none"
TEACHABLE_MACHINE = "teachable_machine"
SCALES = {
    TEACHABLE_MACHINE: "Teachable Machine's own (centre fit with LANCZOS, then −1…1)",
    MINUS1TO1: "scale to −1…1 (x / 127.5 − 1, as MobileNet)",
    ZERO_TO_ONE: "scale to 0…1 (x / 255)",
    NONE: "none (the model takes raw 0–255 pixels)",
}


def minus_one_to_one(x):
    return x / 127.5 - 1.0


def zero_to_one(x):
    return x / 255.0


def raw_pixels(x):
    return x


_SCALE_FNS = {MINUS1TO1: minus_one_to_one, TEACHABLE_MACHINE: minus_one_to_one, ZERO_TO_ONE: zero_to_one,
              NONE: raw_pixels}
_ALIASES = {"tm": TEACHABLE_MACHINE, "teachablemachine": TEACHABLE_MACHINE}


def family_modules() -> dict[str, str]:
    """{family module: display family} of the zoo, e.g. {"mobilenet_v2": "MobileNetV2"} (no Keras)."""
    from .. import zoo

    out: dict[str, str] = {}
    for spec in zoo.catalog():
        out.setdefault(spec.module, spec.family)
    return out


def choices() -> list[str]:
    """Every valid choice: the scales, then the zoo's family modules."""
    return list(SCALES) + sorted(family_modules())


def normalise(choice: str) -> str:
    """The canonical choice for what a user typed: a scale, a family module, or a zoo model's
    name (its family's preprocessing).  Raises :class:`StudioError` for anything else."""
    text = (choice or "").strip()
    low = text.lower().replace("_", "").replace("-", "").replace(" ", "")
    for scale in SCALES:
        if low == scale.replace("_", ""):
            return scale
    if low in _ALIASES:
        return _ALIASES[low]
    modules = family_modules()
    if text.lower() in modules:
        return text.lower()
    from .. import zoo

    for spec in zoo.catalog():
        if spec.name.lower() == text.lower():
            return spec.module
    from ..pathnames import printable

    raise StudioError(f"'{printable(text)}' is not a preprocessing choice: use {', '.join(SCALES)} or a zoo family "
                      f"such as mobilenet_v2, efficientnet, resnet (or a model name, e.g. MobileNetV2).")


def describe(choice: str) -> str:
    if choice in SCALES:
        return SCALES[choice]
    return f"{family_modules().get(choice, choice)}'s preprocess_input ({choice})"


def function(choice: str) -> Callable:
    """The preprocessing function for a canonical choice (a family's imports Keras)."""
    if choice in _SCALE_FNS:
        return _SCALE_FNS[choice]
    from .. import families

    return families.family_module(choice).preprocess_input


def resize_of(choice: str) -> str:
    """The resize a choice fixes ("" for the user's preference)."""
    from ..images import FIT_LANCZOS

    return FIT_LANCZOS if choice == TEACHABLE_MACHINE else ""


# ITU-R BT.601 luma, as tf.image.rgb_to_grayscale (and so Keras' color_mode="grayscale") computes it.
_LUMA = (0.2989, 0.5870, 0.1140)


class OnGrey:
    """A choice's preprocessing applied to the grey image, for a model with a one-channel input
    (on TensorFlow tensors and numpy arrays alike).  Named per choice, so caches tell it apart."""

    def __init__(self, inner: Callable, choice: str):
        self.inner = inner
        self.__qualname__ = f"OnGrey[{choice}]"

    def __call__(self, x):
        grey = x[..., 0:1] * _LUMA[0] + x[..., 1:2] * _LUMA[1] + x[..., 2:3] * _LUMA[2]
        return self.inner(grey)


def for_model(choice: str, channels: int = 3) -> Callable:
    """The preprocessing of ``choice`` for a model taking ``channels`` (1: grey, 3: RGB)."""
    fn = function(choice)
    return OnGrey(fn, choice) if channels == 1 else fn
