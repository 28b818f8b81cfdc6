"""Which variants the window offers: the manifest decides, not a list in the code."""

from __future__ import annotations

from dataclasses import replace

from engine import zoo
from gui.models import variant_options as vo


def _spec(name):
    return next(s for s in zoo.catalog() if s.name == name)


def test_only_widths_and_sizes_with_imagenet_weights():
    mobilenet = _spec("MobileNet")
    assert vo.alphas(mobilenet) == [0.25, 0.5, 0.75, 1.0]
    odd = replace(mobilenet, variants=replace(mobilenet.variants, alphas=(0.25, 0.35, 1.0, 1.4)))
    assert vo.alphas(odd) == [0.25, 1.0]  # MobileNet v1 has no 0.35 or 1.4 weights: not offered
    assert vo.sizes(mobilenet, 0.5) == [128, 160, 192, 224]
    assert vo.sizes(_spec("MobileNetV2"), 1.3) == [224] and vo.sizes(_spec("MobileNetV2"), 0.35)[0] == 96
    assert vo.sizes(_spec("ResNet50")) == [224] and vo.alphas(_spec("ResNet50")) == []
    v3 = _spec("MobileNetV3Large")
    assert vo.minimalistic_allowed(v3, 1.0) and not vo.minimalistic_allowed(v3, 0.75)


def test_variants_are_named_as_the_manifest_names_them():
    mobilenet = _spec("MobileNet")
    assert vo.normalize(mobilenet, 1.0, 224) == zoo.Variant()  # the default stays the default model
    assert vo.normalize(mobilenet, None, 160) == zoo.Variant(alpha=1.0, input_size=160)
    assert vo.normalize(_spec("MobileNetV3Small"), None, None, True) == zoo.Variant(alpha=1.0, minimalistic=True)
    assert vo.has_imagenet(mobilenet, vo.normalize(mobilenet, 1.0, 160))
    assert vo.describe(vo.normalize(mobilenet, 0.5, 128)) == "width 0.5, 128 px"
