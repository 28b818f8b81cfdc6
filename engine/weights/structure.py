"""The structural check for weight files Keras publishes no hash for.

Keras' legacy HDF5 loader (the one ``weights="imagenet"`` uses) matches a file to a model by
order: the file's layers that hold weights, in order, must be as many as the model's, and
each must hold as many arrays, of the same shapes.  Names are not compared — and must not be:
the official MobileNetV2 files name their layers ``mobl1_conv_1_expand`` and so on, while
Keras 3 builds ``block_1_expand``.  So the fingerprint is exactly what the loader requires:
the list of weight shapes per weight-bearing layer, hashed, plus counts for messages.

:func:`check_file` opens the file with h5py (no pickle anywhere in HDF5) once
:mod:`engine.hdf5check` has found all its data inside it, compares the shapes the file
declares before reading any array, then reads every array, so a truncated file fails, and
refuses arrays that are not finite.  :func:`check_fits` is the same check, from metadata
only, for a file about to be handed to Keras' own loader.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .. import hdf5check, safefiles

HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"


class StructureError(Exception):
    """The file is not the weight file the fingerprint describes (message says why)."""


def _digest(layers: list[list[list[int]]]) -> str:
    text = json.dumps(layers, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def fingerprint_of_layers(layers: list[list[list[int]]]) -> dict:
    return {
        "layers": len(layers),
        "weights": sum(len(shapes) for shapes in layers),
        "params": sum(_count(s) for shapes in layers for s in shapes),
        "shapes_sha256": _digest(layers),
    }


def _count(shape) -> int:
    n = 1
    for d in shape:
        n *= int(d)
    return n


def model_fingerprint(model) -> dict:
    """The fingerprint of the legacy ``.h5`` file that loads into ``model`` (a Keras model)."""
    layers = []
    for layer in model.layers:
        weights = list(layer.trainable_weights) + list(layer.non_trainable_weights)
        if weights:
            layers.append([[int(d) for d in w.shape] for w in weights])
    return fingerprint_of_layers(layers)


def sniff(path: Path) -> str:
    """What the first bytes say: 'hdf5', 'empty', 'gzip', 'html', 'zip' or 'unknown'.

    Raises :class:`OSError` (an :class:`~engine.safefiles.UnsafeFile` is one) for anything
    but a regular file: a FIFO under a weight file's name must not hang the search."""
    try:
        return sniff_head(safefiles.read_head(path, 512))
    except safefiles.UnsafeFile as exc:
        raise OSError(str(exc)) from exc


def sniff_head(head: bytes) -> str:
    if not head:
        return "empty"
    if head.startswith(HDF5_SIGNATURE):
        return "hdf5"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.lstrip()[:1] == b"<":
        return "html"
    return "unknown"


REASONS = {
    "empty": "the file is empty",
    "gzip": "the file is gzip-compressed data, not a weights file",
    "zip": "the file is a zip archive (a .keras model?), not a weights file",
    "html": "the file is a web page (an error page saved under the weights' name?), not a weights file",
    "unknown": "the file is not an HDF5 file (random or damaged bytes)",
}


def _open(path: Path, **limits):
    """The file opened with h5py, after its first bytes said HDF5 and :func:`engine.hdf5check.check`
    found every object inside it and of sane size (else a plain reason).  ``limits``: that
    check's ``max_dataset_bytes`` / ``max_total_bytes``."""
    try:
        kind = sniff(path)
    except OSError as exc:
        raise StructureError(f"it cannot be read ({exc})") from exc
    if kind != "hdf5":
        raise StructureError(REASONS[kind])
    import h5py

    try:
        hdf5check.check(path, **limits)  # metadata only: not a byte of the weights yet
        return h5py.File(path, "r")
    except hdf5check.HDF5Refused as exc:
        raise StructureError(_refusal(exc)) from exc
    except (OSError, RuntimeError) as exc:  # h5py raises RuntimeError for a damaged B-tree or heap
        raise StructureError(_h5_reason(path, exc)) from exc


def _refusal(exc: Exception) -> str:
    """hdf5check's sentence, without the file name a verdict's context already gives."""
    text = str(exc)
    return text.split(" was refused: ", 1)[1].rstrip(".") if " was refused: " in text else text


def keras_format(path: Path) -> str:
    """'legacy' (Keras 2 / ``weights="imagenet"`` layout) or 'keras3' (``.weights.h5``).

    Raises :class:`StructureError` when the file is neither.
    """
    with _open(path) as f:
        if _legacy_group(f) is not None:
            return "legacy"
        if "layers" in f and "vars" in f:
            return "keras3"
    raise StructureError("the HDF5 file holds no Keras weights")


def _legacy_group(f):
    if "layer_names" in f.attrs:
        return f
    if "model_weights" in f and "layer_names" in f["model_weights"].attrs:
        return f["model_weights"]  # a whole model saved with model.save("x.h5")
    return None


def _names(attr) -> list[str]:
    return [n.decode("utf-8") if isinstance(n, bytes) else str(n) for n in attr]


def _h5_reason(path: Path, exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, KeyError):  # an object the file lists is missing; its name may say anything
        return f"the HDF5 file cannot be read ({text})"
    if "truncated file" in text:
        return f"the file is truncated ({path.stat().st_size:,} bytes; the HDF5 header promises more)"
    if "signature" in text:
        return "the file is not an HDF5 file (random or damaged bytes)"
    return f"the HDF5 file cannot be read ({text})"


def _declared(group) -> list[tuple[str, list[tuple[str, list[int]]]]]:
    """(layer, [(weight name, shape)]) of a legacy group, from its metadata only: no array is read."""
    import h5py

    layers = []
    for name in _names(group.attrs["layer_names"]):
        layer_group = group[name]
        weight_names = _names(layer_group.attrs.get("weight_names", []))
        if not weight_names:
            continue
        arrays = []
        for w in weight_names:
            ds = layer_group[w]
            if not isinstance(ds, h5py.Dataset) or ds.dtype.kind not in "fiub" or ds.dtype.itemsize > 8:
                raise StructureError(f"layer '{name}' holds '{w}', which is not an array of numbers")
            arrays.append((w, [int(d) for d in ds.shape]))
        layers.append((name, arrays))
    return layers


def read_layout(path: Path, expected: dict | None = None) -> list[list[list[int]]]:
    """Shapes per weight-bearing layer of a legacy file, reading (and checking) every array.

    The shapes come from the file's metadata first: with ``expected`` (a fingerprint) a file
    whose declared shapes differ is refused before any array is read, so a small file that
    declares huge arrays never makes the app allocate them."""
    import numpy as np

    with _open(path) as f:
        group = _legacy_group(f)
        if group is None:
            if "layers" in f and "vars" in f:
                raise StructureError("the file is in the Keras 3 '.weights.h5' format, not the layout "
                                     "of Keras' ImageNet files")
            raise StructureError("the HDF5 file holds no Keras weights (no 'layer_names')")
        try:
            declared = _declared(group)
            layers = [[shape for _, shape in arrays] for _, arrays in declared]
            if expected is not None:
                _compare(fingerprint_of_layers(layers), expected)
            for name, arrays in declared:
                for w, _ in arrays:
                    data = group[name][w][()]  # reads the array: a cut file fails here
                    if data.dtype.kind == "f" and not np.isfinite(data).all():
                        raise StructureError(f"layer '{name}' holds values that are not finite (NaN or infinity)")
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise StructureError(_h5_reason(path, exc)) from exc
        return layers


def check_file(path: Path, expected: dict) -> None:
    """Raise :class:`StructureError` unless ``path`` has the ``expected`` fingerprint."""
    read_layout(path, expected)


def _compare(got: dict, expected: dict) -> None:
    if got["shapes_sha256"] == expected["shapes_sha256"]:
        return
    raise StructureError(
        f"it holds {got['layers']} layers with {got['weights']} arrays ({got['params']:,} values), "
        f"but this model needs {expected['layers']} layers with {expected['weights']} arrays "
        f"({expected['params']:,} values)"
        if (got["layers"], got["weights"], got["params"]) != (expected["layers"], expected["weights"], expected["params"])
        else "its layer shapes differ from this model's (the file is for another model)"
    )


def check_contained(path: Path) -> None:
    """Raise :class:`StructureError` unless the HDF5 file keeps all its data inside itself (metadata only)."""
    with _open(path):
        pass


def check_fits(path: Path, model) -> None:
    """Before Keras reads ``path`` into ``model`` (a built Keras model): every object inside
    the file, no array larger than the model could use, and — in the legacy layout, which
    Keras matches by order — the declared shapes exactly the model's.  Reads metadata only.

    Keras' loaders read each array whole and compare shapes after: a 9 MB file declaring
    8 GiB would be allocated first.  A file may hold more than the weights (a whole model
    saved with its optimizer holds ~3 copies), never more than that."""
    sizes = [4 * _count(w.shape) for w in model.weights] or [0]
    slack = 64 << 20  # a top the model has no use for (ignored by Keras' loader) and HDF5's own bytes
    with _open(path, max_dataset_bytes=max(2 * max(sizes), slack), max_total_bytes=8 * sum(sizes) + slack) as f:
        group = _legacy_group(f)
        if group is not None:
            try:
                layers = [[shape for _, shape in arrays] for _, arrays in _declared(group)]
            except (KeyError, ValueError, TypeError) as exc:
                raise StructureError(_h5_reason(path, exc)) from exc
            _compare(fingerprint_of_layers(layers), model_fingerprint(model))


def check_readable(path: Path) -> None:
    """For files the manifest knows nothing about: a Keras weights file whose arrays all read."""
    import h5py

    if keras_format(path) == "legacy":
        read_layout(path)
        return
    with _open(path) as f:
        try:
            f.visititems(lambda name, obj: obj[()] if isinstance(obj, h5py.Dataset) else None)
        except (OSError, KeyError, ValueError) as exc:
            raise StructureError(_h5_reason(path, exc)) from exc
