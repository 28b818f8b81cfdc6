"""The structural check of weight files Keras publishes no hash for, on files that differ
from the expected one in exactly one way: a layer more or less, an array more, the same
counts with other shapes, a value that is not finite, a cut file, the other Keras format."""

from __future__ import annotations

import hashlib
import json

import h5py
import numpy as np
import pytest

from engine.weights import structure
from engine.weights.structure import StructureError

from .weightfiles import demo_layers, fingerprint, write_legacy_h5

pytestmark = pytest.mark.faults


def test_the_fingerprint_counts_layers_arrays_values_and_hashes_the_shapes():
    layers = [[[3, 3, 3, 8]], [[8], [8], [8], [8]], [], [[8, 10], [10]]]
    fp = structure.fingerprint_of_layers(layers)
    text = json.dumps(layers, separators=(",", ":"))
    assert fp == {"layers": 4, "weights": 7, "params": 216 + 32 + 90, "shapes_sha256":
                  hashlib.sha256(text.encode("ascii")).hexdigest()}
    assert text.startswith("[[[3,3,3,8]],[[8],")
    assert structure.fingerprint_of_layers([[[2, 3]], [[3]]])["shapes_sha256"] != \
        structure.fingerprint_of_layers([[[3, 2]], [[3]]])["shapes_sha256"]


def test_a_models_fingerprint_lists_trainable_then_frozen_arrays_of_layers_with_weights():
    import keras

    model = keras.Sequential([keras.Input((4, 4, 3)), keras.layers.Conv2D(5, 3, name="c"),
                              keras.layers.BatchNormalization(name="bn"), keras.layers.Flatten(),
                              keras.layers.Dense(2, name="d")])
    model.get_layer("d").trainable = False
    assert structure.model_fingerprint(model) == structure.fingerprint_of_layers(
        [[[3, 3, 3, 5], [5]], [[5], [5], [5], [5]], [[20, 2], [2]]])


@pytest.mark.parametrize("head,kind", [(b"", "empty"), (structure.HDF5_SIGNATURE + b"rest", "hdf5"),
                                       (b"\x1f\x8b\x08", "gzip"), (b"PK\x03\x04zip", "zip"),
                                       (b"  \n<!doctype html>", "html"), (b"<html>", "html"),
                                       (b"\x89HDF\r\n\x1a", "unknown"), (b"hello", "unknown")])
def test_sniff_names_what_the_first_bytes_say(tmp_path, head, kind):
    assert structure.sniff_head(head) == kind
    path = tmp_path / "f"
    path.write_bytes(head)
    assert structure.sniff(path) == kind


def test_sniff_reads_the_first_512_bytes_only(tmp_path):
    """The sniff names a file of any size from its head: a tag after 512 blank bytes is not seen."""
    for blanks, kind in ((511, "html"), (512, "unknown")):
        path = tmp_path / f"{blanks}.h5"
        path.write_bytes(b" " * blanks + b"<html>" + b"x" * 100_000)
        assert structure.sniff(path) == kind


def legacy(tmp_path, layers=None, name="w.h5"):
    return write_legacy_h5(tmp_path / name, layers if layers is not None else demo_layers(width=8))


def test_the_right_file_passes_and_its_layout_skips_layers_without_weights(tmp_path):
    path = legacy(tmp_path)
    assert structure.read_layout(path) == [[list(a.shape) for a in arrays] for _, arrays in demo_layers(width=8)]
    structure.check_file(path, fingerprint(demo_layers(width=8)))
    structure.check_readable(path)
    assert structure.keras_format(path) == "legacy"


def expect(path, fp) -> str:
    with pytest.raises(StructureError) as err:
        structure.check_file(path, fp)
    return str(err.value)


def test_a_file_that_differs_in_one_way_is_refused_with_the_counts(tmp_path):
    want = demo_layers(width=8)
    fp = fingerprint(want)
    fewer = legacy(tmp_path, want[:-1], "fewer.h5")
    n = structure.fingerprint_of_layers(structure.read_layout(fewer))
    assert expect(fewer, fp) == (f"it holds 4 layers with 7 arrays ({n['params']:,} values), but this model needs "
                                 f"5 layers with 9 arrays ({fp['params']:,} values)")
    extra = legacy(tmp_path, want + [("extra", [np.zeros((2, 2), "float32")])], "extra.h5")
    assert expect(extra, fp).startswith("it holds 6 layers with 10 arrays")
    more = [(n_, a + [np.zeros(1, "float32")] if n_ == "conv2" else a) for n_, a in want]
    assert "5 layers with 10 arrays" in expect(legacy(tmp_path, more, "more.h5"), fp)
    swapped = [(n_, [a[0].reshape(a[0].shape[::-1])] + a[1:] if n_ == "logits" else a) for n_, a in want]
    assert expect(legacy(tmp_path, swapped, "swapped.h5"), fp) == \
        "its layer shapes differ from this model's (the file is for another model)"


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_values_that_are_not_finite_are_refused_naming_the_layer(tmp_path, bad):
    layers = demo_layers(width=8)
    layers[3][1][0][0, 0, 0, 1] = bad
    path = legacy(tmp_path, layers)
    with pytest.raises(StructureError, match="layer 'conv3' holds values that are not finite"):
        structure.read_layout(path)


def test_integer_arrays_are_not_held_to_finiteness(tmp_path):
    layers = [("table", [np.arange(6, dtype="int32").reshape(2, 3)])]
    assert structure.read_layout(legacy(tmp_path, layers)) == [[[2, 3]]]


def test_a_whole_model_file_and_the_keras3_format(tmp_path):
    whole = tmp_path / "model.h5"
    with h5py.File(whole, "w") as h:
        g = h.create_group("model_weights")
        g.attrs["layer_names"] = [b"dense"]
        d = g.create_group("dense")
        d.attrs["weight_names"] = [b"dense/kernel:0"]
        d.create_dataset("dense/kernel:0", data=np.ones((3, 2), "float32"))
    assert structure.keras_format(whole) == "legacy" and structure.read_layout(whole) == [[[3, 2]]]
    k3 = tmp_path / "x.weights.h5"
    with h5py.File(k3, "w") as h:
        h.create_group("layers").create_group("dense").create_group("vars").create_dataset("0", data=np.ones(3))
        h.create_group("vars")
    assert structure.keras_format(k3) == "keras3"
    structure.check_readable(k3)
    with pytest.raises(StructureError) as err:
        structure.read_layout(k3)
    assert str(err.value) == "the file is in the Keras 3 '.weights.h5' format, not the layout of Keras' ImageNet files"
    neither = tmp_path / "neither.h5"
    with h5py.File(neither, "w") as h:
        h.create_dataset("x", data=np.ones(2))
    with pytest.raises(StructureError, match="^the HDF5 file holds no Keras weights$"):
        structure.keras_format(neither)
    no_names = "the HDF5 file holds no Keras weights (no 'layer_names')"
    with pytest.raises(StructureError) as err:
        structure.read_layout(neither)
    assert str(err.value) == no_names
    only_layers = tmp_path / "half.h5"
    with h5py.File(only_layers, "w") as h:
        h.create_group("layers")
    with pytest.raises(StructureError, match="^the HDF5 file holds no Keras weights$"):
        structure.keras_format(only_layers)
    with pytest.raises(StructureError) as err:  # half of Keras 3's layout is not Keras 3
        structure.read_layout(only_layers)
    assert str(err.value) == no_names


def test_a_listed_array_that_is_missing_is_a_plain_reason(tmp_path):
    path = tmp_path / "missing.h5"
    with h5py.File(path, "w") as h:
        h.attrs["layer_names"] = [b"dense"]
        h.create_group("dense").attrs["weight_names"] = [b"dense/kernel:0"]
    with pytest.raises(StructureError, match="^the HDF5 file cannot be read"):
        structure.read_layout(path)


def test_cut_and_foreign_files_say_what_they_are(tmp_path):
    whole = legacy(tmp_path).read_bytes()
    cut = tmp_path / "cut.h5"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(StructureError) as err:
        structure.check_readable(cut)
    assert str(err.value) == f"the file is truncated ({len(whole) // 2:,} bytes; the HDF5 header promises more)"
    page = tmp_path / "page.h5"
    page.write_bytes(b"<html>404</html>")
    with pytest.raises(StructureError) as err:
        structure.read_layout(page)
    assert str(err.value) == structure.REASONS["html"]
    empty = tmp_path / "empty.h5"
    empty.write_bytes(b"")
    with pytest.raises(StructureError, match="^the file is empty$"):
        structure.keras_format(empty)
    damaged = tmp_path / "damaged.h5"
    damaged.write_bytes(structure.HDF5_SIGNATURE + b"\0" * 2000)
    with pytest.raises(StructureError, match="HDF5"):
        structure.check_readable(damaged)


def test_a_keras3_file_with_an_unreadable_array_is_refused(tmp_path):
    k3 = tmp_path / "x.weights.h5"
    with h5py.File(k3, "w") as h:
        h.create_group("layers").create_dataset("big", data=np.arange(200000, dtype="float32"))
        h.create_group("vars")
    data = k3.read_bytes()
    cut = tmp_path / "cut.weights.h5"
    cut.write_bytes(data[: len(data) - 100000])
    with pytest.raises(StructureError):
        structure.check_readable(cut)
