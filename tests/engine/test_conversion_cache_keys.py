"""The OpenVINO conversion cache: its key changes with each thing that decides the converted
graph (model, variant, weights, architecture, preprocessing, input size, a model file's
postprocessing and input height and width, library versions)
and with nothing else (the same model built again in this process gets other automatic
layer names), and the cache drops the least recently used entries — not the newest — when
it is over its limit, never the one just written."""

from __future__ import annotations

import json
import os
import time
from types import SimpleNamespace

import keras
import numpy as np
import pytest

from engine.backends import convert, convert_cache


def build(units=3, size=8, seed=0):
    keras.utils.set_random_seed(seed)
    inputs = keras.Input((size, size, 3))
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))  # unnamed: numbered per process
    return keras.Model(inputs, keras.layers.Dense(units, activation="softmax")(x))


def scale(x):
    return x / 255.0


def centre(x):
    return x / 127.5 - 1.0


def loaded(model=None, *, name="Tiny", variant="Variant(alpha=None)", preprocess=scale, size=8, post=None, hw=None):
    model = model if model is not None else build(size=size)
    return SimpleNamespace(spec=SimpleNamespace(name=name), request=SimpleNamespace(variant=variant), model=model,
                           preprocess=preprocess, input_size=size, postprocess_fn=post, input_hw=hw)


def test_nothing_changed_is_the_same_key_even_for_a_model_built_again():
    first, again = build(), build()
    assert first.layers[1].name != again.layers[1].name  # Keras numbered them apart
    assert convert.cache_key(loaded(first)) == convert.cache_key(loaded(again)) == convert.cache_key(loaded(first))
    assert len(convert.cache_key(loaded(first))) == 32
    file_like = dict(post=centre, hw=(8, 8))  # a model file's parts, the same each time
    assert convert.cache_key(loaded(first, **file_like)) == convert.cache_key(loaded(again, **file_like))
    key, digest = convert.cache_key_and_digest(loaded(first))
    assert (key, digest) == (convert.cache_key(loaded(first)), convert.weights_digest(first))


@pytest.mark.parametrize("part", ["model", "variant", "weights", "one weight", "architecture", "preprocess",
                                  "input size", "versions", "postprocess", "input hw"])
@pytest.mark.parametrize("file_parts", [False, True], ids=["zoo", "model file"])
def test_each_part_alone_changes_the_key(part, file_parts, monkeypatch):
    post, hw = (centre, (8, 9)) if file_parts else (None, None)
    base = loaded(build(), post=post, hw=hw)
    key = convert.cache_key(base)
    if part == "model":
        other = loaded(base.model, name="Tiny2", post=post, hw=hw)
    elif part == "variant":
        other = loaded(base.model, variant="Variant(alpha=0.5)", post=post, hw=hw)
    elif part == "weights":
        other = loaded(build(seed=1), post=post, hw=hw)
    elif part == "one weight":
        model = build()
        kernel = model.layers[-1].kernel
        kernel.assign(kernel.numpy() + np.eye(*kernel.shape, dtype="float32") * 1e-6)
        other = loaded(model, post=post, hw=hw)
    elif part == "architecture":
        other = loaded(build(units=4), post=post, hw=hw)
    elif part == "preprocess":
        other = loaded(base.model, preprocess=centre, post=post, hw=hw)
    elif part == "input size":
        other = loaded(base.model, size=9, post=post, hw=hw)
    elif part == "postprocess":  # a model file's own postprocessing, added, dropped or another one
        other = loaded(base.model, post=scale if file_parts else centre, hw=hw)
    elif part == "input hw":  # a model file's declared height and width: (8, 9) is not (9, 8)
        other = loaded(base.model, post=post, hw=(9, 8) if file_parts else (8, 9))
    else:
        import openvino

        monkeypatch.setattr(openvino, "__version__", openvino.__version__ + ".1")
        other = base
    assert convert.cache_key(other) != key


def test_the_weights_digest_sees_shape_and_type_not_only_bytes():
    a = SimpleNamespace(weights=[SimpleNamespace(numpy=lambda: np.zeros((2, 3), "float32"))])
    b = SimpleNamespace(weights=[SimpleNamespace(numpy=lambda: np.zeros((3, 2), "float32"))])
    c = SimpleNamespace(weights=[SimpleNamespace(numpy=lambda: np.zeros((2, 3), "int32"))])
    swapped = SimpleNamespace(weights=[SimpleNamespace(numpy=lambda: np.ones(2, "float32")),
                                       SimpleNamespace(numpy=lambda: np.zeros(2, "float32"))])
    ordered = SimpleNamespace(weights=list(reversed(swapped.weights)))
    digests = {convert.weights_digest(m) for m in (a, b, c, swapped, ordered)}
    assert len(digests) == 5


def test_the_architecture_numbers_names_by_first_appearance():
    assert convert._architecture(build()) == convert._architecture(build())
    assert convert._architecture(build()) != convert._architecture(build(units=5))

    class Mute:
        def to_json(self):
            raise ValueError("no config")

    assert convert._architecture(Mute()) == "Mute"
    named = build()
    renamed = build()
    renamed.layers[-1].name = "a_different_name"  # names are numbered, not compared
    assert convert._architecture(named) == convert._architecture(renamed)


def test_the_preprocessing_is_named_by_module_and_qualified_name():
    import functools

    assert convert._preprocess_id(scale) == f"{__name__}.scale"
    assert convert._preprocess_id(keras.applications.mobilenet_v2.preprocess_input).endswith(".preprocess_input")
    assert convert._preprocess_id(functools.partial(scale)).startswith(f"partial({__name__}.scale, ")
    # a method descriptor has no __module__: it still gets an id, its own
    assert convert._preprocess_id(str.upper).endswith("str.upper")
    assert convert._preprocess_id(str.upper) != convert._preprocess_id(str.lower)
    assert convert._preprocess_id(lambda x: x).startswith(f"{__name__}.test_the_preprocessing_is_named_by_module_"
                                                          "and_qualified_name.<locals>.<lambda>[")  # and its code


def test_the_converted_model_is_the_keras_model_with_its_preprocessing():
    from engine.backends.openvino_backend import core

    model = build(size=8)
    tiny = loaded(model, preprocess=centre)
    before = convert.conversions
    compiled = core().compile_model(convert.to_openvino(tiny), "CPU", {"INFERENCE_PRECISION_HINT": "f32"})
    assert convert.conversions == before + 1
    pixels = np.random.default_rng(0).integers(0, 256, (3, 8, 8, 3)).astype("float32")
    got = compiled(pixels)[0]
    np.testing.assert_allclose(got, np.asarray(model(centre(pixels), training=False)), rtol=1e-4, atol=1e-6)


# -- the cache's size limit ----------------------------------------------------------------

def entry(name: str, size: int, used: float) -> str:
    folder = convert_cache.cache_root() / name
    folder.mkdir(parents=True)
    (folder / "model.bin").write_bytes(b"x" * size)
    (folder / convert_cache.META).write_text(json.dumps({"sha256": {}, "checks": {}}))
    os.utime(folder / convert_cache.META, (used, used))
    return name


def names() -> set[str]:
    return {p.name for p in convert_cache.cache_root().iterdir()}


def test_pruning_drops_the_least_recently_used_first(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    now = time.time()
    old, middle, new = entry("old", 1000, now - 300), entry("middle", 1000, now - 200), entry("new", 1000, now - 100)
    meta = len((convert_cache.cache_root() / "old" / convert_cache.META).read_bytes())
    convert_cache.prune(limit=3 * (1000 + meta))  # fits: nothing goes
    assert names() == {old, middle, new}
    convert_cache.prune(limit=2 * (1000 + meta))
    assert names() == {middle, new}
    convert_cache.prune(limit=1000 + meta)
    assert names() == {new}


def test_pruning_goes_on_until_the_rest_fits_after_a_small_old_entry(tmp_path, monkeypatch):
    """Removing a small old entry is not enough here: the next oldest must go too."""
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    now = time.time()
    entry("small", 100, now - 300), entry("middle", 5000, now - 200), entry("new", 5000, now - 100)
    meta = len((convert_cache.cache_root() / "new" / convert_cache.META).read_bytes())
    convert_cache.prune(limit=5000 + meta)
    assert names() == {"new"}


def test_pruning_keeps_the_entry_just_written_and_what_is_not_an_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    now = time.time()
    entry("a", 5000, now - 500)
    entry("b", 1000, now - 100)
    stray = convert_cache.cache_root() / "not-an-entry"
    stray.mkdir()
    (stray / "x").write_bytes(b"y" * 10_000)
    convert_cache.prune(keep="a", limit=2000)
    assert names() == {"a", "not-an-entry"}  # "b" went although newer: "a" was just written
    convert_cache.prune(keep="a", limit=0)
    assert names() == {"a", "not-an-entry"}


def test_loading_an_entry_makes_it_the_most_recently_used(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    tiny = loaded(build(size=8))
    key = convert.cache_key(tiny)
    convert_cache.store(key, convert.to_openvino(tiny), "tiny")
    meta_file = convert_cache.cache_root() / key / convert_cache.META
    os.utime(meta_file, (time.time() - 1000, time.time() - 1000))
    entry("newer", 10, time.time() - 10)
    assert convert_cache.load(key) is not None
    size = sum(f.stat().st_size for f in (convert_cache.cache_root() / key).iterdir())
    convert_cache.prune(limit=size + 5)
    assert names() == {key}  # loading refreshed it: the other one was the least recently used


def test_the_architecture_alone_changes_the_key_with_the_same_weights():
    def head(activation):
        keras.utils.set_random_seed(0)
        inputs = keras.Input((8, 8, 3))
        x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3)(inputs))
        return keras.Model(inputs, keras.layers.Dense(3, activation=activation)(x))

    soft, sig = head("softmax"), head("sigmoid")
    assert convert.weights_digest(soft) == convert.weights_digest(sig)
    assert convert.cache_key(loaded(soft)) != convert.cache_key(loaded(sig))


def test_the_wiring_changes_the_key_with_the_same_layers_and_weights():
    def wired(skip_from_input):
        keras.utils.set_random_seed(0)
        inputs = keras.Input((4,))
        a = keras.layers.Dense(4, name="a")(inputs)
        b = keras.layers.Dense(4, name="b")(a)
        skip = inputs if skip_from_input else a
        return keras.Model(inputs, keras.layers.Softmax()(keras.layers.Add(name="add")([skip, b])))

    one, other = wired(True), wired(False)
    assert convert.weights_digest(one) == convert.weights_digest(other)
    assert convert._architecture(one) != convert._architecture(other)


class _Weight:
    def __init__(self, value):
        self.value = value

    def numpy(self):
        return self.value


class _Described:
    """A model as the key sees it: its weights and its configuration (keys in Keras' order, not sorted)."""

    weights = [_Weight(np.arange(6, dtype="float32").reshape(2, 3)), _Weight(np.ones(3, "float32"))]

    def to_json(self):
        return json.dumps({"class_name": "Functional", "config": {"name": "dense_7", "layers": [
            {"name": "input_3", "inbound_nodes": []}, {"name": "dense_7", "inbound_nodes": [["input_3", 0, 0]]}]}})


def test_keys_written_by_earlier_versions_are_still_found(monkeypatch):
    """Conversions already on a user's disk stay usable after an update that changes nothing they
    depend on.  A change of these values converts every user's models again: make it on purpose
    (raise "format") and update them."""
    import openvino
    import tensorflow as tf

    for module, version in ((openvino, "2024.0.0"), (tf, "2.16.1"), (keras, "3.3.3")):
        monkeypatch.setattr(module, "__version__", version)
    model = _Described()
    assert convert._architecture(model) == "8c18cd9370b190a2afcc456000abdaa3e0c08a8ead90ac66b0be3a91ea973b42"
    zoo = loaded(model, size=224)
    assert convert.cache_key(zoo) == "bdb3bfe98f5ad277de615aba88a68cf0"
    assert convert.cache_key(loaded(model, size=224, post=centre, hw=(224, 160))) == "0c392a469dc097927159ca0b6a15f760"
    assert convert._preprocess_id(str.upper) == ".str.upper"
