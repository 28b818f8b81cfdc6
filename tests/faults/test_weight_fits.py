"""The check made just before Keras reads a weight file into a built model
(:func:`engine.weights.structure.check_fits`, what ``builder.load_checked`` calls), and the
one the download hook makes (:func:`~engine.weights.structure.check_contained`).

The bounds are the module's promise: one array may be up to twice the model's largest array
or 64 MiB (a top the model does not use, HDF5's own bytes), all arrays together up to eight
times the model's weights plus 64 MiB.  Each bound is shown from both sides: a file at the
bound loads, one byte more is refused with hdf5check's sentence (without the file name).
The arrays are declared only (chunked, never written), so each file is a few KB."""

from __future__ import annotations

import h5py
import keras  # at the top: a mutation run's fork server imports it once for every mutant
import numpy as np
import pytest

from engine import hdf5check
from engine.weights import structure
from engine.weights.structure import StructureError

from ..conftest import MOBILENET_025_NO_TOP, needs_fixtures
from .weightfiles import write_legacy_h5

pytestmark = pytest.mark.faults

MIB = 1 << 20
SLACK = 64 * MIB  # what any model may be sent beyond its own arrays, per array and in all


@pytest.fixture(scope="module")
def models():
    tiny = keras.Sequential([keras.Input((4, 4, 3)), keras.layers.Conv2D(5, 3, name="c"),
                             keras.layers.BatchNormalization(name="bn"), keras.layers.Flatten(),
                             keras.layers.Dense(2, name="d")])
    # one kernel of 33.6 MB: twice it is more than the 64 MiB any model may get
    big = keras.Sequential([keras.Input((2048,)), keras.layers.Dense(4097, name="wide")])
    empty = keras.Sequential([keras.Input((4,)), keras.layers.Flatten()])
    return {"tiny": tiny, "big": big, "empty": empty}


def weight_bytes(model) -> list[int]:
    return [4 * int(np.prod(w.shape)) for w in model.weights]


def declaring(path, sizes: list[int]):
    """An HDF5 file (not Keras' legacy layout: only the bounds apply) declaring uint8 arrays of
    these sizes, named a, b, …; nothing is written, so the file stays small."""
    with h5py.File(path, "w") as f:
        for name, n in zip("abcdefgh", sizes):
            f.create_dataset(name, shape=(n,), dtype="uint8", chunks=(min(n, MIB),) if n else None)
    return path


def refused(path, model) -> str:
    with pytest.raises(StructureError) as err:
        structure.check_fits(path, model)
    return str(err.value)


def hdf5check_says(path, **limits) -> str:
    """hdf5check's own sentence for ``path`` under these bounds, as a verdict shows it: without
    the file's name (the verdict names the file) and without the final stop."""
    with pytest.raises(hdf5check.HDF5Refused) as err:
        hdf5check.check(path, **limits)
    return str(err.value).removeprefix(f"'{path.name}' was refused: ").removesuffix(".")


def test_one_array_may_be_twice_the_models_largest_or_64_mib_and_not_a_byte_more(models, tmp_path):
    tiny, big = models["tiny"], models["big"]
    assert 2 * max(weight_bytes(tiny)) < SLACK < 2 * max(weight_bytes(big))
    for name, model, bound in (("tiny", tiny, SLACK), ("big", big, 2 * max(weight_bytes(big)))):
        structure.check_fits(declaring(tmp_path / f"{name}-at.h5", [bound]), model)
        over = declaring(tmp_path / f"{name}-over.h5", [bound + 1])
        assert refused(over, model) == hdf5check_says(over, max_dataset_bytes=bound)
        assert f"{bound + 1:,} bytes" in refused(over, model)


def test_all_arrays_together_may_be_eight_times_the_models_weights_plus_64_mib(models, tmp_path):
    for name in ("tiny", "empty"):
        model = models[name]
        bound = 8 * sum(weight_bytes(model)) + SLACK
        structure.check_fits(declaring(tmp_path / f"{name}-at.h5", [SLACK, bound - SLACK]), model)
        over = declaring(tmp_path / f"{name}-over.h5", [SLACK, bound - SLACK + 1])
        assert refused(over, model) == hdf5check_says(over, max_total_bytes=bound)
        assert f"more than {bound:,} bytes in all" in refused(over, model)


def tiny_layers(model, change=None):
    """The model's arrays in Keras' legacy layout; ``change(name, arrays)`` alters one layer's."""
    layers = [(layer.name, [np.asarray(w) for w in layer.trainable_weights + layer.non_trainable_weights])
              for layer in model.layers if layer.weights]
    return [(n, change(n, a) if change else a) for n, a in layers]


def test_a_legacy_file_must_declare_exactly_the_models_shapes(models, tmp_path):
    tiny = models["tiny"]
    structure.check_fits(write_legacy_h5(tmp_path / "right.h5", tiny_layers(tiny)), tiny)
    turned = tiny_layers(tiny, lambda n, a: [a[0].T] + a[1:] if n == "d" else a)
    assert refused(write_legacy_h5(tmp_path / "turned.h5", turned), tiny) == \
        "its layer shapes differ from this model's (the file is for another model)"
    fewer = tiny_layers(tiny)[:-1]
    n = structure.fingerprint_of_layers([[list(a.shape) for a in arrays] for _, arrays in fewer])
    want = structure.model_fingerprint(tiny)
    assert refused(write_legacy_h5(tmp_path / "fewer.h5", fewer), tiny) == (
        f"it holds 2 layers with 6 arrays ({n['params']:,} values), but this model needs 3 layers with "
        f"8 arrays ({want['params']:,} values)")


def test_a_legacy_file_listing_an_array_it_lacks_is_refused_naming_it(models, tmp_path):
    tiny = models["tiny"]
    path = write_legacy_h5(tmp_path / "lacking.h5", tiny_layers(tiny))
    with h5py.File(path, "r+") as f:
        del f["d/d/w1:0"]
    text = refused(path, tiny)
    assert text.startswith("the HDF5 file cannot be read (") and "'w1:0'" in text, text


@needs_fixtures
def test_the_official_keras_file_fits_the_model_keras_builds():
    """Keras' own MobileNet α=0.25 no-top file: byte-string names, layers without weights
    (the input, activations) between those with weights."""
    model = keras.applications.MobileNet(alpha=0.25, include_top=False, weights=None, input_shape=(32, 32, 3))
    structure.check_fits(MOBILENET_025_NO_TOP, model)
    structure.check_file(MOBILENET_025_NO_TOP, structure.model_fingerprint(model))


def test_a_file_keeping_data_outside_itself_is_refused_with_hdf5checks_reason(tmp_path):
    good = write_legacy_h5(tmp_path / "w.h5", [("dense", [np.ones((3, 2), "float32")])])
    structure.check_contained(good)
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f.create_dataset("data", data=np.ones(2))
    with h5py.File(good, "r+") as f:  # a hostile file may name its objects anything
        f["dense/a was refused: b"] = h5py.ExternalLink(str(other), "/data")
    reason = hdf5check_says(good)
    assert reason.startswith("it links to an object in another file") and "'/dense/a was refused: b'" in reason
    for check in (structure.check_contained, structure.read_layout, structure.check_readable):
        with pytest.raises(StructureError) as err:
            check(good)
        assert str(err.value) == reason
