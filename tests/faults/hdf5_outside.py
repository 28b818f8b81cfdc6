"""Weight files that keep data outside themselves, and small files that declare huge arrays,
made on the spot from a legacy Keras layout (``weightfiles.write_legacy_h5``).

Every way HDF5 can place data outside a file: *external storage* (a dataset's bytes in
another file, whole or in segments, at any depth), an *external link* (to a group or to one
dataset, or at the root of a full-model file), a *virtual dataset* mapped from another file,
a *soft link* whose target is an external link.  Each maker rewrites one weight of a good
file; ``outside`` is the file whose bytes would be read (a secret, or another HDF5 file).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .weightfiles import write_legacy_h5

SECRET = b"API_TOKEN=do-not-leak-0123456789\0" * 4096


def _replace(f, path: str, make) -> None:
    """Swap the dataset at ``path`` for what ``make(f, path, shape, dtype)`` puts there."""
    ds = f[path]
    shape, dtype = ds.shape, ds.dtype
    del f[path]
    make(f, path, shape, dtype)


def _external_storage(secret: Path, other: Path):
    def make(f, path, shape, dtype):
        n = int(np.prod(shape)) * dtype.itemsize
        f.create_dataset(path, shape=shape, dtype=dtype, external=[(str(secret), 0, n)])
    return make


def _external_segments(secret: Path, other: Path):
    def make(f, path, shape, dtype):
        n = int(np.prod(shape)) * dtype.itemsize
        half = n // 2
        f.create_dataset(path, shape=shape, dtype=dtype, external=[(str(secret), 0, half), (str(secret), 64, n - half)])
    return make


def _external_link(secret: Path, other: Path):
    import h5py

    def make(f, path, shape, dtype):
        f[path] = h5py.ExternalLink(str(other), "/data")
    return make


def _virtual(secret: Path, other: Path):
    import h5py

    def make(f, path, shape, dtype):
        layout = h5py.VirtualLayout(shape=shape, dtype=dtype)
        layout[...] = h5py.VirtualSource(str(other), "/data", shape=shape)
        f.create_virtual_dataset(path, layout)
    return make


def _soft_to_external(secret: Path, other: Path):
    import h5py

    def make(f, path, shape, dtype):
        f["/hidden_link"] = h5py.ExternalLink(str(other), "/data")
        f[path] = h5py.SoftLink("/hidden_link")
    return make


MAKERS = {
    "external storage": (_external_storage, "external storage"),
    "external storage in segments": (_external_segments, "external storage"),
    "external link to a dataset": (_external_link, "another file"),
    "virtual dataset": (_virtual, "virtual dataset"),
    "soft link to an external link": (_soft_to_external, "another file"),
}


def outside_files(folder: Path, shape=(3, 3, 3, 64), dtype="float32") -> tuple[Path, Path]:
    """The secret a hostile file would read, and another HDF5 file holding /data."""
    import h5py

    secret = folder / "environ"
    secret.write_bytes(SECRET)
    other = folder / "other.h5"
    with h5py.File(other, "w") as f:
        f.create_dataset("data", data=np.full(shape, 7.0, dtype))
    return secret, other


def hostile_copy(good: Path, out: Path, variant: str, folder: Path, weight: str = "conv1/conv1/w0:0") -> Path:
    """``good`` with the dataset at ``weight`` put outside the file the ``variant`` way."""
    import h5py
    import shutil

    shutil.copyfile(good, out)
    with h5py.File(out, "r") as f:
        shape, dtype = f[weight].shape, f[weight].dtype
    secret, other = outside_files(folder, shape, dtype)
    with h5py.File(out, "r+") as f:
        _replace(f, weight, MAKERS[variant][0](secret, other))
    return out


def whole_group_link(good: Path, out: Path, folder: Path, group: str = "conv2") -> Path:
    """``good`` with a whole layer's group swapped for an external link to another file's group."""
    import h5py
    import shutil

    shutil.copyfile(good, out)
    donor = folder / "donor.h5"
    shutil.copyfile(good, donor)
    with h5py.File(out, "r+") as f:
        del f[group]
        f[group] = h5py.ExternalLink(str(donor), f"/{group}")
    return out


def declared_bomb(layers, out: Path, weight_layer: str, shape: tuple) -> Path:
    """A legacy file whose ``weight_layer`` declares ``shape`` (float32, chunked, gzip, nothing
    written: a few KB on disk, any size when read)."""
    import h5py

    write_legacy_h5(out, layers)
    with h5py.File(out, "r+") as f:
        g = f[weight_layer]
        name = [n.decode() if isinstance(n, bytes) else n for n in g.attrs["weight_names"]][0]
        del g[name]
        chunk = tuple(min(d, 256) for d in shape)
        g.create_dataset(name, shape=shape, dtype="float32", chunks=chunk, compression="gzip")
    return out
