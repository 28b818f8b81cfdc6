"""Which variants of a model the window offers: only those with ImageNet weights.

The weights manifest (``resources/weights_manifest.json``) lists the file Keras asks for
each variant; a variant it does not list has no ImageNet weights, so the picker and the
Train tab never offer it (MobileNet v1 has widths 0.25–1.0, not MobileNetV2's 0.35, 1.3 or
1.4).  Pure functions over :class:`engine.zoo.ModelSpec`: no widgets, no TensorFlow.
"""

from __future__ import annotations

from typing import Optional

from engine import builder, zoo
from engine.weights import from_manifest

from ..i18n.words import fmt, number, translate

DEFAULT_ALPHA = 1.0
# Keras asks for these files, but Google's bucket has them at 224 px only (keras issue
# 16452: mobilenet_v2 ..._1.4_96 answers 404), so the manifest over-promises here.
ONLY_AT_DEFAULT_SIZE = {("MobileNetV2", 1.3), ("MobileNetV2", 1.4)}


def normalize(spec: zoo.ModelSpec, alpha: Optional[float] = None, size: Optional[int] = None,
              minimalistic: bool = False, include_top: bool = True) -> zoo.Variant:
    """The variant as the manifest names it: all defaults is ``Variant()``; otherwise the width
    is explicit (``alpha=1, 160px``) and the default size is left out."""
    alpha = None if alpha is None else float(alpha)
    size = None if size in (None, spec.input_size) else int(size)
    if (alpha in (None, DEFAULT_ALPHA)) and size is None and not minimalistic:
        return zoo.Variant(include_top=include_top)
    if spec.variants.alphas and alpha is None:
        alpha = DEFAULT_ALPHA
    return zoo.Variant(alpha=alpha, minimalistic=True if minimalistic else None, include_top=include_top,
                       input_size=size)


def has_imagenet(spec: zoo.ModelSpec, variant: zoo.Variant) -> bool:
    if variant.input_size is not None and (spec.name, variant.alpha) in ONLY_AT_DEFAULT_SIZE:
        return False
    return from_manifest(builder.manifest_key(spec, variant)) is not None


def alphas(spec: zoo.ModelSpec, include_top: bool = True) -> list[float]:
    """Widths with ImageNet weights at the default size (empty: the family has no width)."""
    return [float(a) for a in spec.variants.alphas
            if has_imagenet(spec, normalize(spec, a, include_top=include_top))
            or float(a) == DEFAULT_ALPHA]


def sizes(spec: zoo.ModelSpec, alpha: Optional[float] = None, include_top: bool = True) -> list[int]:
    """Input sizes with ImageNet weights for this width (just the default for most families)."""
    out = [spec.input_size]
    for s in spec.variants.weight_sizes:
        if s != spec.input_size and has_imagenet(spec, normalize(spec, alpha, s, include_top=include_top)):
            out.append(int(s))
    return sorted(out)


def minimalistic_allowed(spec: zoo.ModelSpec, alpha: Optional[float] = None, size: Optional[int] = None,
                         include_top: bool = True) -> bool:
    return spec.variants.minimalistic and has_imagenet(
        spec, normalize(spec, alpha, size, minimalistic=True, include_top=include_top))


def describe(variant: zoo.Variant) -> str:
    """For people: "width 0.5, 160 px, minimalistic" (empty for the default)."""
    parts = []
    if variant.alpha is not None and (variant.alpha != DEFAULT_ALPHA or variant.input_size or variant.minimalistic):
        parts.append(fmt(translate("VariantControls", "width {alpha}"), alpha=number(variant.alpha, "g")))
    if variant.input_size:
        parts.append(f"{variant.input_size} px")
    if variant.minimalistic:
        parts.append(translate("VariantControls", "minimalistic"))
    return ", ".join(parts)
