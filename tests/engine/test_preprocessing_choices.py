"""engine.sources.preprocessing: what each choice does to the pixels, how typed names are read,
and the words that describe a choice.

A model file's predictions are only right with the preprocessing it was trained with: a scale
off by a factor, a typed name read as another choice, or a grey model fed the wrong mix of
channels gives confident wrong answers with no error.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from engine import families, zoo
from engine.errors import StudioError
from engine.images import FIT_LANCZOS
from engine.messages import code_of
from engine.sources import preprocessing as pre


def test_each_scale_maps_the_pixel_range_where_it_promises():
    x = np.array([0.0, 51.0, 127.5, 255.0])
    np.testing.assert_allclose(pre.minus_one_to_one(x), [-1.0, 51 / 127.5 - 1, 0.0, 1.0])
    np.testing.assert_allclose(pre.zero_to_one(x), [0.0, 0.2, 0.5, 1.0])
    assert pre.raw_pixels(x) is x
    for choice, fn in [("minus1to1", pre.minus_one_to_one), ("teachable_machine", pre.minus_one_to_one),
                       ("0to1", pre.zero_to_one), ("none", pre.raw_pixels)]:
        assert pre.function(choice) is fn


def test_a_family_choice_is_its_modules_preprocess_input(monkeypatch):
    asked = []

    class Family:
        @staticmethod
        def preprocess_input(x):
            return x

    monkeypatch.setattr(families, "family_module", lambda module: asked.append(module) or Family)
    assert pre.function("resnet") is Family.preprocess_input
    assert asked == ["resnet"]


def test_the_choices_are_the_scales_then_the_sorted_family_modules():
    got = pre.choices()
    assert got[:4] == ["teachable_machine", "minus1to1", "0to1", "none"]
    assert got[4:] == sorted(got[4:]) and len(got[4:]) == len(set(got[4:]))
    assert {"mobilenet_v2", "resnet", "efficientnet", "regnet", "vgg16"} <= set(got[4:])


def test_family_modules_come_sorted_and_named_by_their_first_model_whatever_the_catalogs_order(monkeypatch):
    specs = [SimpleNamespace(name="Zeta1", module="zeta", family="Zeta"),
             SimpleNamespace(name="Alpha1", module="alpha", family="Alpha"),
             SimpleNamespace(name="Alpha2", module="alpha", family="Alpha (other)")]
    monkeypatch.setattr(zoo, "catalog", lambda: specs)
    assert pre.family_modules() == {"zeta": "Zeta", "alpha": "Alpha"}
    assert pre.choices()[4:] == ["alpha", "zeta"]
    assert pre.normalise("ALPHA2") == "alpha"


def test_a_family_module_is_named_by_the_first_model_of_the_catalog_that_uses_it():
    modules = pre.family_modules()
    assert modules["mobilenet_v2"] == "MobileNet"
    assert modules["resnet_v2"] == "ResNetV2" and modules["resnet_rs"] == "ResNet-RS"
    assert modules["inception_resnet_v2"] == "Inception"


@pytest.mark.parametrize("typed, canonical", [
    ("minus1to1", "minus1to1"), (" Minus-1-to-1 ", "minus1to1"), ("MINUS_1_TO_1", "minus1to1"),
    ("0to1", "0to1"), ("0 to 1", "0to1"), ("None", "none"),
    ("teachable_machine", "teachable_machine"), ("Teachable Machine", "teachable_machine"),
    ("tm", "teachable_machine"), ("TM", "teachable_machine"), ("teachable-machine", "teachable_machine"),
    ("MobileNet_V2", "mobilenet_v2"), (" resnet_rs ", "resnet_rs"),
    ("MobileNetV2", "mobilenet_v2"), ("resnet50v2", "resnet_v2"), ("EfficientNetB3", "efficientnet"),
])
def test_what_a_user_types_is_read_as_the_choice_they_mean(typed, canonical):
    assert pre.normalise(typed) == canonical


@pytest.mark.parametrize("typed", ["", None, "minus1to2", "mobilenetv2x", "tmx", "resnet 50"])
def test_anything_else_is_refused_with_the_choices_named(typed):
    with pytest.raises(StudioError) as err:
        pre.normalise(typed)
    assert str(err.value) == (f"'{(typed or '').strip()}' is not a preprocessing choice: use teachable_machine, "
                              "minus1to1, 0to1, none or a zoo family such as mobilenet_v2, efficientnet, resnet "
                              "(or a model name, e.g. MobileNetV2).")


def test_a_refused_name_is_shown_printable():
    with pytest.raises(StudioError) as err:
        pre.normalise("bad\x1bname")
    assert str(err.value).startswith("'bad\\x1bname' is not a preprocessing choice")


def test_each_choice_is_described_in_words_with_a_code_to_translate():
    assert pre.describe("0to1") == "scale to 0…1 (x / 255)"
    assert code_of(pre.describe("0to1")) == "preprocess.zero_to_one"
    assert code_of(pre.describe("teachable_machine")) == "preprocess.teachable"
    family = pre.describe("resnet_v2")
    assert family == "ResNetV2's preprocess_input (resnet_v2)"
    assert code_of(family) == "preprocess.family"
    assert family.params == {"family": "ResNetV2", "module": "resnet_v2"}
    assert pre.describe("unknown_module") == "unknown_module's preprocess_input (unknown_module)"


def test_only_teachable_machine_fixes_the_resize():
    assert pre.resize_of("teachable_machine") == FIT_LANCZOS
    for choice in ("minus1to1", "0to1", "none", "mobilenet_v2"):
        assert pre.resize_of(choice) == ""


def test_a_one_channel_model_gets_the_bt601_grey_of_the_image_then_the_choices_scale():
    x = np.array([[[10.0, 200.0, 30.0], [255.0, 0.0, 0.0]],
                  [[0.0, 0.0, 255.0], [90.0, 90.0, 90.0]]])  # each channel different: a swap shows
    grey = pre.for_model("0to1", channels=1)
    expected = (x[..., 0:1] * 0.2989 + x[..., 1:2] * 0.5870 + x[..., 2:3] * 0.1140) / 255.0
    out = grey(x)
    assert out.shape == (2, 2, 1)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    assert type(grey).__qualname__ == "OnGrey" and grey.__qualname__ == "OnGrey[0to1]"
    assert pre.for_model("minus1to1", channels=1).__qualname__ == "OnGrey[minus1to1]"
    assert pre.for_model("0to1") is pre.zero_to_one
    assert pre.for_model("0to1", channels=3) is pre.zero_to_one
