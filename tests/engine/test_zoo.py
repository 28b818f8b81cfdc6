"""The zoo is introspected from keras.applications and our own families, and carries
Keras' published figures."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine import builder, layers, paths, zoo
from engine.errors import UnknownModelError, VariantError


def test_every_keras_application_and_our_families_are_listed():
    import keras

    from engine.families import regnet, resnet_rs

    public = {n for n in dir(keras.applications) if n[:1].isupper() and callable(getattr(keras.applications, n))}
    ours = set(regnet.MODELS) | set(resnet_rs.MODELS)
    assert {s.name for s in zoo.discover()} == public | ours
    assert len(public) >= 40 and len(ours) == 2 * 12 + 7 and not public & ours
    assert {s.family for s in zoo.discover() if s.name in ours} == {"RegNet", "ResNet-RS"}


def test_family_trio_exists_for_every_model():
    for spec in zoo.discover():
        mod = spec.family_module()
        assert callable(mod.preprocess_input) and callable(mod.decode_predictions), spec.name
        assert spec.input_size >= 32 and not spec.size_is_guess, spec.name


def test_figures_missing_stay_missing_never_zero():
    data = json.loads((paths.resources_dir() / "zoo_figures.json").read_text())
    for spec in zoo.discover():
        row = data["models"][spec.name]
        for key, value in vars(spec.figures).items():
            assert value == row[key], (spec.name, key)
            assert value is None or value > 0, (spec.name, key)
    assert zoo.get("MobileNetV3Small").figures.top1 is None
    assert zoo.get("ResNet50").figures.top1 == pytest.approx(0.749)
    assert zoo.get("ResNet50").figures.cpu_ms == pytest.approx(58.2)


def test_input_sizes_and_lookup():
    assert zoo.get("efficientnetb7").input_size == 600
    assert zoo.get("NASNetLarge").input_size == 331
    assert zoo.get("InceptionV3").input_size == 299
    with pytest.raises(UnknownModelError, match="MobileNet"):
        zoo.get("MobileNet9")


def test_preprocessing_is_described_by_behaviour():
    assert zoo.preprocessing_kind(zoo.get("EfficientNetB0")) == zoo.PREPROCESS_INSIDE
    assert zoo.preprocessing_kind(zoo.get("ConvNeXtTiny")) == zoo.PREPROCESS_INSIDE
    assert "caffe" in zoo.preprocessing_kind(zoo.get("VGG16"))
    assert "caffe" in zoo.preprocessing_kind(zoo.get("ResNet50"))
    assert "[-1, 1]" in zoo.preprocessing_kind(zoo.get("MobileNetV2"))
    assert "torch" in zoo.preprocessing_kind(zoo.get("DenseNet121"))


def test_preprocess_input_modifies_numpy_in_place_so_we_copy():
    """The trap the Predictor avoids: Keras' preprocess_input writes into float arrays."""
    x = np.full((1, 2, 2, 3), 200.0, np.float32)
    zoo.get("ResNet50").family_module().preprocess_input(x)
    assert x[0, 0, 0, 0] != 200.0


def test_variants_are_validated_with_helpful_messages():
    mn = zoo.get("MobileNet")
    assert zoo.validate_variant(mn, zoo.Variant(alpha=0.25))
    with pytest.raises(VariantError, match="0.25, 0.5, 0.75, 1"):
        zoo.validate_variant(mn, zoo.Variant(alpha=0.3))
    with pytest.raises(VariantError, match="no width multiplier"):
        zoo.validate_variant(zoo.get("ResNet50"), zoo.Variant(alpha=0.5))
    with pytest.raises(VariantError, match="minimalistic"):
        zoo.validate_variant(mn, zoo.Variant(minimalistic=True))
    assert zoo.validate_variant(zoo.get("MobileNetV3Small"), zoo.Variant(minimalistic=True))


def test_catalog_without_tensorflow_agrees_with_discovery():
    assert {s.name for s in zoo.catalog()} == {s.name for s in zoo.discover()}


@pytest.mark.parametrize("name,variant,filename", [
    ("MobileNet", zoo.Variant(alpha=0.25, include_top=False), "mobilenet_2_5_224_tf_no_top.h5"),
    ("MobileNetV2", zoo.Variant(), "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"),
    ("MobileNetV2", zoo.Variant(alpha=0.35, input_size=96, include_top=False),
     "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"),
])
def test_weights_file_names_come_from_keras_itself(name, variant, filename):
    spec = zoo.get(name)
    captured = builder.required_weights(spec, variant)
    assert captured.filename == filename
    assert captured.url.endswith(filename) and captured.url.startswith("https://")
    assert builder.weights_file_for(spec, variant) == captured  # manifest agrees with Keras


@pytest.mark.parametrize("name,expected", [
    ("MobileNetV2", "out_relu"), ("ResNet50", "conv5_block3_out"), ("VGG16", "block5_conv3"),
    ("EfficientNetB0", "top_activation"), ("RegNetX002", "regnetx002_Stage_3_XBlock_6_exit_relu"),
    ("ResNetRS50", "BlockGroup5__block_2__output_act"),
])
def test_feature_layer_of_common_models(name, expected):
    spec = zoo.get(name)
    model = builder.build(spec, zoo.Variant(), None)
    assert layers.feature_layer(model).name == expected
