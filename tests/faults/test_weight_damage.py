"""Weight files damaged or odd in one place, and what the structural check says of each: a
damaged B-tree or compressed chunk, a folder or a pipe under the file's name, an array that
is text or a group, a layer without a ``weight_names`` attribute, Keras 2's byte-string
names.  Every refusal is a :class:`StructureError` with a plain reason (the caller reports
it and tries the next copy); a crash of another kind would stop the search for weights."""

from __future__ import annotations

import os
import sys

import h5py
import numpy as np
import pytest

from engine.weights import structure
from engine.weights.structure import StructureError

from .weightfiles import demo_layers, fingerprint, write_legacy_h5

pytestmark = pytest.mark.faults
CHECKS = (structure.read_layout, structure.check_readable, structure.check_contained, structure.keras_format)


def reason(check, path, *args) -> str:
    with pytest.raises(StructureError) as err:
        check(path, *args)
    return str(err.value)


def test_a_damaged_btree_is_reported_as_damaged_bytes_by_every_check(tmp_path):
    good = write_legacy_h5(tmp_path / "good.h5", demo_layers(width=8)).read_bytes()
    at = good.find(b"TREE")  # the signature of the first B-tree node (a group's index)
    assert at > 0
    bad = tmp_path / "bad.h5"
    bad.write_bytes(good[:at] + b"XXXX" + good[at + 4:])
    for check in CHECKS:
        assert reason(check, bad) == "the file is not an HDF5 file (random or damaged bytes)", check.__name__


def damage_first_chunk(path, dataset: str) -> str:
    """Overwrite the middle of ``dataset``'s first compressed chunk; returns h5py's own error."""
    with h5py.File(path, "r") as f:
        info = f[dataset].id.get_chunk_info(0)
    with open(path, "r+b") as f:
        f.seek(info.byte_offset + info.size // 2)
        f.write(b"\xff" * 64)
    with h5py.File(path, "r") as f, pytest.raises(OSError) as err:
        f[dataset][()]
    return str(err.value)


def test_an_array_whose_compressed_bytes_are_damaged_is_refused_with_h5pys_reason(tmp_path):
    data = np.random.RandomState(0).standard_normal(8000).astype("float32")
    k3 = tmp_path / "x.weights.h5"
    with h5py.File(k3, "w") as h:
        h.create_group("layers").create_group("dense").create_group("vars").create_dataset(
            "0", data=data, chunks=(8000,), compression="gzip")
        h.create_group("vars")
    said = damage_first_chunk(k3, "layers/dense/vars/0")
    assert reason(structure.check_readable, k3) == f"the HDF5 file cannot be read ({said})"

    legacy = tmp_path / "legacy.h5"
    with h5py.File(legacy, "w") as h:
        h.attrs["layer_names"] = [b"dense"]
        g = h.create_group("dense")
        g.attrs["weight_names"] = [b"kernel:0"]
        g.create_dataset("kernel:0", data=data.reshape(80, 100), chunks=(80, 100), compression="gzip")
    said = damage_first_chunk(legacy, "dense/kernel:0")
    layout = [[[80, 100]]]
    for check, args in ((structure.read_layout, ()), (structure.check_readable, ()),
                        (structure.check_file, (structure.fingerprint_of_layers(layout),))):
        assert reason(check, legacy, *args) == f"the HDF5 file cannot be read ({said})", check.__name__
    structure.check_contained(legacy)  # metadata only: the damage is not seen, and need not be


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs: POSIX")
def test_a_folder_or_a_pipe_under_the_files_name_is_refused_without_waiting(tmp_path):
    folder = tmp_path / "w.h5"
    folder.mkdir()
    pipe = tmp_path / "p.h5"
    os.mkfifo(pipe)  # opened for reading without a writer, a plain open would wait for ever
    for check in CHECKS:
        assert reason(check, folder) == "it cannot be read ('w.h5' is a folder, not a file)"
        assert reason(check, pipe) == "it cannot be read ('p.h5' is a named pipe (FIFO), not a file)"


def test_a_missing_array_is_reported_as_missing_whatever_its_name_says(tmp_path):
    """h5py's message quotes the name, which the file chose: a missing array named
    'truncated' or 'signature' does not make a whole file truncated or foreign."""
    for name in ("truncated", "signature"):
        path = tmp_path / f"{name}.h5"
        with h5py.File(path, "w") as h:
            h.attrs["layer_names"] = [b"dense"]
            h.create_group("dense").attrs["weight_names"] = [name.encode()]
        text = reason(structure.read_layout, path)
        assert text.startswith("the HDF5 file cannot be read (") and f"'{name}'" in text, text


def legacy_with(tmp_path, name: str, make) -> object:
    """A legacy file whose layer 'dense' lists one weight, which ``make(group, 'w')`` creates."""
    path = tmp_path / f"{name}.h5"
    with h5py.File(path, "w") as h:
        h.attrs["layer_names"] = [b"dense"]
        g = h.create_group("dense")
        g.attrs["weight_names"] = [b"w"]
        make(g, "w")
    return path


@pytest.mark.parametrize("what, make", [
    ("text", lambda g, w: g.create_dataset(w, data=np.array([b"abc", b"de"]))),
    ("complex", lambda g, w: g.create_dataset(w, data=np.ones(3, "complex64"))),
    ("long-double", lambda g, w: g.create_dataset(w, data=np.ones(3, np.longdouble))),
    ("a-group", lambda g, w: g.create_group(w)),
])
def test_a_weight_that_is_not_an_array_of_plain_numbers_is_refused(tmp_path, what, make):
    path = legacy_with(tmp_path, what, make)
    if what == "long-double" and np.dtype(np.longdouble).itemsize <= 8:
        pytest.skip("long double is a plain double on this platform")
    for check in (structure.read_layout, structure.check_readable):
        assert reason(check, path) == "layer 'dense' holds 'w', which is not an array of numbers"


@pytest.mark.parametrize("dtype", ["float64", "int64", "uint8", "bool", "float16"])
def test_arrays_of_plain_numbers_up_to_8_bytes_each_are_read(tmp_path, dtype):
    path = legacy_with(tmp_path, dtype, lambda g, w: g.create_dataset(w, data=np.ones((2, 3), dtype)))
    assert structure.read_layout(path) == [[[2, 3]]]


def test_layers_without_weights_anywhere_in_the_list_are_skipped(tmp_path):
    """Keras 2 lists every layer (the input, activations) in order; one without weights may
    have an empty ``weight_names`` or none at all."""
    layers = demo_layers(width=8)
    path = tmp_path / "keras2.h5"
    with h5py.File(path, "w") as h:
        names = ["input_1"] + [n for n, _ in layers[:2]] + ["relu_1"] + [n for n, _ in layers[2:]]
        h.attrs["layer_names"] = np.array([n.encode() for n in names], dtype="S")  # as Keras 2 writes them
        h.create_group("input_1")  # no weight_names at all
        h.create_group("relu_1").attrs["weight_names"] = np.array([], dtype="S1")
        for name, arrays in layers:
            g = h.create_group(name)
            weight_names = [f"{name}/w{i}:0" for i in range(len(arrays))]
            g.attrs["weight_names"] = np.array([n.encode() for n in weight_names], dtype="S")
            for n, a in zip(weight_names, arrays):
                g.create_dataset(n, data=a)
    with h5py.File(path, "r") as h:
        assert isinstance(h.attrs["layer_names"][0], bytes)  # the case the names are decoded for
    assert structure.read_layout(path) == [[list(a.shape) for a in arrays] for _, arrays in layers]
    structure.check_file(path, fingerprint(layers))


def test_a_legacy_file_with_values_that_are_not_finite_is_not_readable(tmp_path):
    """A file the manifest knows nothing about is still read whole and its values checked."""
    layers = demo_layers(width=8)
    layers[4][1][1][3] = np.inf
    assert reason(structure.check_readable, write_legacy_h5(tmp_path / "inf.h5", layers)) == \
        "layer 'logits' holds values that are not finite (NaN or infinity)"
