"""Model files of every format, small and built in the test, and ways to damage them."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import numpy as np

SIZE = 24


def keras3_file(path: Path, seed: int = 1, activation: str = "softmax") -> Path:
    import keras

    keras.utils.set_random_seed(seed)
    inputs = keras.Input((SIZE, SIZE, 3))
    x = keras.layers.Conv2D(4, 3, activation="relu", name="conv")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, keras.layers.Dense(3, activation=activation, name="dense")(x))
    model.save(path)
    return path


def keras2_file(path: Path, seed: int = 1) -> Path:
    import tf_keras as k2

    k2.utils.set_random_seed(seed)
    model = k2.Sequential([k2.Input((SIZE, SIZE, 3)), k2.layers.Conv2D(4, 3, activation="relu", name="conv"),
                           k2.layers.GlobalAveragePooling2D(), k2.layers.Dense(3, activation="softmax", name="dense")])
    model.save(path)
    return path


def tflite_file(path: Path) -> Path:
    import tensorflow as tf
    import tf_keras as k2

    k2.utils.set_random_seed(2)
    model = k2.Sequential([k2.Input((SIZE, SIZE, 3)), k2.layers.Conv2D(4, 3, activation="relu"),
                           k2.layers.GlobalAveragePooling2D(), k2.layers.Dense(3, activation="softmax")])
    path.write_bytes(tf.lite.TFLiteConverter.from_keras_model(model).convert())
    return path


def saved_model_folder(path: Path, lambda_layer: bool = False) -> Path:
    import tf_keras as k2

    k2.utils.set_random_seed(3)
    layers = [k2.Input((SIZE, SIZE, 3))]
    if lambda_layer:
        layers.append(k2.layers.Lambda(lambda t: t * 2.0))
    layers += [k2.layers.Conv2D(4, 3, activation="relu"), k2.layers.GlobalAveragePooling2D(),
               k2.layers.Dense(3, activation="softmax")]
    k2.Sequential(layers).save(str(path))
    return path


# -- damage ----------------------------------------------------------------------------------

def cut(src: Path, dst: Path, offset: int) -> Path:
    dst.write_bytes(src.read_bytes()[:offset])
    return dst


def rewrite_keras_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """A copy of a .keras archive with one member's bytes replaced."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == name else zin.read(info.filename))
    return dst


def keras_weights_edited(src: Path, dst: Path, tmp: Path, edit) -> Path:
    """A copy of a .keras archive whose model.weights.h5 went through ``edit(h5py.File)``."""
    import h5py

    with zipfile.ZipFile(src) as zf:
        (tmp / "w.h5").write_bytes(zf.read("model.weights.h5"))
    with h5py.File(tmp / "w.h5", "r+") as f:
        edit(f)
    return rewrite_keras_member(src, dst, "model.weights.h5", (tmp / "w.h5").read_bytes())


def first_kernel(f) -> str:
    """The name of the first rank-4 dataset (a convolution's kernel) in an HDF5 file."""
    import h5py

    found = []
    f.visititems(lambda n, o: found.append(n) if isinstance(o, h5py.Dataset) and o.ndim == 4 else None)
    return found[0]


def replace_dataset(f, name: str, make) -> None:
    """Swap a dataset for ``make(group, leaf name, old values)``."""
    parent, leaf = name.rsplit("/", 1)
    group = f[parent]
    old = group[leaf][()]
    del group[leaf]
    make(group, leaf, old)


def external_storage(secret: Path):
    def make(group, leaf, old):
        group.create_dataset(leaf, shape=old.shape, dtype=old.dtype, external=[(str(secret), 0, old.nbytes)])
    return make


def external_link(other: Path):
    import h5py

    def make(group, leaf, old):
        with h5py.File(other, "w") as g:
            g["data"] = np.ones_like(old)
        group[leaf] = h5py.ExternalLink(str(other), "/data")
    return make


def virtual(other: Path):
    import h5py

    def make(group, leaf, old):
        with h5py.File(other, "w") as g:
            g["data"] = np.ones_like(old)
        layout = h5py.VirtualLayout(shape=old.shape, dtype=old.dtype)
        layout[...] = h5py.VirtualSource(str(other), "data", shape=old.shape)
        group.create_virtual_dataset(leaf, layout)
    return make


def resized(group, leaf, old):
    group[leaf] = np.zeros(tuple(n + 1 for n in old.shape), old.dtype)


def set_h5_config(path: Path, value) -> None:
    import h5py

    with h5py.File(path, "r+") as f:
        f.attrs["model_config"] = value


def keras_config(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read("config.json"))


def copy(src: Path, dst: Path) -> Path:
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copy(src, dst)
    return dst
