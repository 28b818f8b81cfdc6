"""Prove an HDF5 file keeps its data inside itself, before a byte of its weights is read.

HDF5 lets a file's data live elsewhere: a dataset's bytes in *external storage* (any local
file: ``/proc/self/environ``, a private key), a *virtual dataset* mapped from other files, an
*external link* to an object in another file (followed on access), a user-defined link.  A
model or weight file using any of these would read other local files into its weights — wrong
predictions at best, a data leak when the weights are saved again.  :func:`check` walks every
link and object without following a link out of the file, refuses the file at the first such
place, and bounds what reading it could cost (object count, bytes per dataset and in all, the
size of each attribute) so a small file cannot make the app allocate gigabytes.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

GB = 1 << 30
MAX_OBJECTS = 200_000
MAX_DATASET_BYTES = 4 * GB  # the largest Keras Applications weight array is ~400 MB
MAX_TOTAL_BYTES = 8 * GB  # ConvNeXtXLarge, the largest, holds ~1.4 GB of weights
MAX_ATTRIBUTE_BYTES = 64 << 20  # a model_config of a big model is a few MB
# Weights barely compress (gzip saves ~2.7x on the quantised fixture, nothing on float ones):
# arrays declaring far more than the file could hold are a decompression bomb.
MAX_EXPANSION = 64
EXPANSION_SLACK = 256 << 20


def _shown(text) -> str:
    """A name from the file, with control and direction characters escaped (it is hostile)."""
    return repr(str(text))[1:-1]


class HDF5Refused(ValueError):
    """The file points outside itself or declares more than it could sanely hold."""


@dataclass(frozen=True)
class Summary:
    datasets: int
    total_bytes: int  # what reading every dataset would allocate
    largest: int


def check(path: os.PathLike | str, *, max_dataset_bytes: int = MAX_DATASET_BYTES,
          max_total_bytes: int = MAX_TOTAL_BYTES) -> Summary:
    """Raise :class:`HDF5Refused` unless every object of ``path`` is inside the file and sane.

    Reads only the file's metadata (links, dataset headers, attribute sizes), never data."""
    import h5py

    name = Path(path).name
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):  # h5py would wait on a FIFO, read a device without end
        raise HDF5Refused(f"'{name}' was refused: it is not a regular file.")
    file_size = st.st_size
    max_total_bytes = min(max_total_bytes, max(file_size * MAX_EXPANSION, EXPANSION_SLACK))
    with h5py.File(path, "r") as f:
        walk = _Walk(name, max_dataset_bytes, max_total_bytes)
        walk.attributes(f, "/")
        walk.group(f, "/")
        return Summary(walk.datasets, walk.total, walk.largest)


class _Walk:
    def __init__(self, name: str, max_dataset: int, max_total: int):
        self.name, self.max_dataset, self.max_total = name, max_dataset, max_total
        self.seen: set = set()
        self.objects = self.datasets = self.total = self.largest = 0

    def refuse(self, where: str, why: str, outside: bool = True) -> None:
        tail = " A model or weights file must keep all its data inside itself." if outside else ""
        raise HDF5Refused(f"'{_shown(self.name)}' was refused: {why} (at '{_shown(where)}').{tail}")

    def group(self, group, where: str) -> None:
        import h5py

        for key in group.keys():
            path = f"{where.rstrip('/')}/{key}"
            self.objects += 1
            if self.objects > MAX_OBJECTS:
                self.refuse(path, f"it holds more than {MAX_OBJECTS:,} objects", outside=False)
            link = group.get(key, getlink=True)
            if isinstance(link, h5py.ExternalLink):
                self.refuse(path, f"it links to an object in another file ('{_shown(link.filename)}')")
            if isinstance(link, h5py.SoftLink):
                continue  # a name for an object inside this file: reached through its hard link
            if not isinstance(link, h5py.HardLink):
                self.refuse(path, "it holds a user-defined link, which may point outside the file")
            obj = group.get(key)
            addr = h5py.h5o.get_info(obj.id).addr if hasattr(h5py.h5o, "get_info") else id(obj)
            if addr in self.seen:
                continue  # a second hard link to an object already checked
            self.seen.add(addr)
            self.attributes(obj, path)
            if isinstance(obj, h5py.Dataset):
                self.dataset(obj, path)
            elif isinstance(obj, h5py.Group):
                self.group(obj, path)

    def dataset(self, ds, where: str) -> None:
        self.datasets += 1
        if ds.is_virtual:
            self.refuse(where, "a dataset maps data from other files (a virtual dataset)")
        if ds.id.get_create_plist().get_external_count() > 0:
            self.refuse(where, "a dataset keeps its bytes in another file (external storage)")
        size = int(ds.dtype.itemsize)
        for n in ds.shape or ():
            size *= int(n)
        if size > self.max_dataset:
            self.refuse(where, f"one array declares {size:,} bytes, more than the {self.max_dataset:,} allowed", outside=False)
        self.total += size
        self.largest = max(self.largest, size)
        if self.total > self.max_total:
            self.refuse(where, f"its arrays declare more than {self.max_total:,} bytes in all, far more "
                               "than the file could hold", outside=False)

    def attributes(self, obj, where: str) -> None:
        for key in obj.attrs.keys():
            try:
                aid = obj.attrs.get_id(key)
            except (KeyError, RuntimeError, OSError):  # pragma: no cover - h5py refuses to open it
                self.refuse(where, f"its attribute '{_shown(key)}' cannot be read", outside=False)
            try:
                size = aid.get_storage_size()
            except (RuntimeError, OSError):  # HDF5 says 0 as an error: an empty attribute (Keras writes them)
                size = aid.get_space().get_simple_extent_npoints() * aid.get_type().get_size()
            if size > MAX_ATTRIBUTE_BYTES:
                self.refuse(f"{where}@{key}", f"an attribute of {size:,} bytes, more than the "
                                              f"{MAX_ATTRIBUTE_BYTES:,} allowed", outside=False)
