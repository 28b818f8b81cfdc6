"""The structural check for weight files Keras publishes no hash for.

Keras' legacy HDF5 loader (the one ``weights="imagenet"`` uses) matches a file to a model by
order: the file's layers that hold weights, in order, must be as many as the model's, and
each must hold as many arrays, of the same shapes.  Names are not compared — and must not be:
the official MobileNetV2 files name their layers ``mobl1_conv_1_expand`` and so on, while
Keras 3 builds ``block_1_expand``.  So the fingerprint is exactly what the loader requires:
the list of weight shapes per weight-bearing layer, hashed, plus counts for messages.

:func:`check_file` opens the file with h5py (no pickle anywhere in HDF5) and reads every
array, so a truncated file fails, and refuses arrays that are not finite.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

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
    """What the first bytes say: 'hdf5', 'empty', 'gzip', 'html', 'zip' or 'unknown'."""
    with open(path, "rb") as f:
        return sniff_head(f.read(512))


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


def _open(path: Path):
    """The file opened with h5py, after its first bytes said HDF5 (else a plain reason)."""
    kind = sniff(path)
    if kind != "hdf5":
        raise StructureError(REASONS[kind])
    import h5py

    try:
        return h5py.File(path, "r")
    except OSError as exc:
        raise StructureError(_h5_reason(path, exc)) from exc


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
    if "truncated" in text:
        return f"the file is truncated ({path.stat().st_size:,} bytes; the HDF5 header promises more)"
    if "signature" in text:
        return "the file is not an HDF5 file (random or damaged bytes)"
    return f"the HDF5 file cannot be read ({text})"


def read_layout(path: Path) -> list[list[list[int]]]:
    """Shapes per weight-bearing layer of a legacy file, reading (and checking) every array."""
    import numpy as np

    with _open(path) as f:
        group = _legacy_group(f)
        if group is None:
            if "layers" in f and "vars" in f:
                raise StructureError("the file is in the Keras 3 '.weights.h5' format, not the layout "
                                     "of Keras' ImageNet files")
            raise StructureError("the HDF5 file holds no Keras weights (no 'layer_names')")
        layers = []
        try:
            for name in _names(group.attrs["layer_names"]):
                layer_group = group[name]
                weight_names = _names(layer_group.attrs.get("weight_names", []))
                if not weight_names:
                    continue
                shapes = []
                for w in weight_names:
                    data = layer_group[w][()]  # reads the array: a cut file fails here
                    if data.dtype.kind == "f" and not np.isfinite(data).all():
                        raise StructureError(f"layer '{name}' holds values that are not finite (NaN or infinity)")
                    shapes.append([int(d) for d in data.shape])
                layers.append(shapes)
        except (OSError, KeyError, ValueError, TypeError) as exc:
            raise StructureError(_h5_reason(path, exc)) from exc
        return layers


def check_file(path: Path, expected: dict) -> None:
    """Raise :class:`StructureError` unless ``path`` has the ``expected`` fingerprint."""
    got = fingerprint_of_layers(read_layout(path))
    if got["shapes_sha256"] == expected["shapes_sha256"]:
        return
    raise StructureError(
        f"it holds {got['layers']} layers with {got['weights']} arrays ({got['params']:,} values), "
        f"but this model needs {expected['layers']} layers with {expected['weights']} arrays "
        f"({expected['params']:,} values)"
        if (got["layers"], got["weights"], got["params"]) != (expected["layers"], expected["weights"], expected["params"])
        else "its layer shapes differ from this model's (the file is for another model)"
    )


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
