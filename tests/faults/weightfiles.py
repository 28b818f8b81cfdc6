"""Real weight files for fault tests: legacy Keras HDF5 files written with h5py, and a way to
register them in the app's manifest (as a hash-known or a structure-only file) for one test."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import numpy as np

from engine.weights import manifest, structure, verify
from engine.weights.manifest import KERAS_WEIGHTS_BASE, WeightsFile


def demo_layers(seed: int = 0, width: int = 64) -> list[tuple[str, list[np.ndarray]]]:
    """A small conv net's weights (~300 KB at width 64), in the legacy loader's order."""
    rng = np.random.RandomState(seed)
    f = lambda *s: rng.standard_normal(s).astype("float32")  # noqa: E731
    return [
        ("conv1", [f(3, 3, 3, width)]),
        ("conv1_bn", [f(width), f(width), f(width), np.abs(f(width)) + 1]),
        ("conv2", [f(3, 3, width, width)]),
        ("conv3", [f(3, 3, width, width)]),
        ("logits", [f(width, 100), f(100)]),
    ]


def write_legacy_h5(path: Path, layers) -> Path:
    """The layout of Keras' ImageNet files: root attr layer_names, a group per layer."""
    import h5py

    with h5py.File(path, "w") as h:
        h.attrs["layer_names"] = [n.encode() for n, _ in layers] + [b"relu"]
        h.attrs["backend"] = b"tensorflow"
        h.attrs["keras_version"] = b"2.2.4"
        for name, arrays in layers:
            g = h.create_group(name)
            names = [f"{name}/w{i}:0" for i in range(len(arrays))]
            g.attrs["weight_names"] = [n.encode() for n in names]
            for n, a in zip(names, arrays):
                g.create_dataset(n, data=a)
        h.create_group("relu").attrs["weight_names"] = np.array([], dtype="S1")
    return path


def fingerprint(layers) -> dict:
    return structure.fingerprint_of_layers([[list(a.shape) for a in arrays] for _, arrays in layers])


def register(monkeypatch, filename: str, model: str = "Demo", *, data: bytes | None = None,
             hashed: bool = True, layers=None, size: bool = True) -> WeightsFile:
    """Put ``filename`` into the app's manifest for this test: with Keras' kind of hash (md5
    of ``data``) and its size, or structure-only (the fingerprint of ``layers``)."""
    patched = copy.deepcopy(manifest._manifest())
    url = KERAS_WEIGHTS_BASE + "demo/" + filename
    file_hash = hashlib.md5(data).hexdigest() if hashed else None
    patched["entries"][f"{model}|"] = {"filename": filename, "url": url, "file_hash": file_hash}
    facts = {}
    if layers is not None:
        facts["structure"] = fingerprint(layers)
    if size and data is not None:
        facts["size"] = len(data)
    patched.setdefault("files", {})[filename] = facts
    monkeypatch.setattr(manifest, "_manifest", lambda: patched)
    return WeightsFile(filename, url, file_hash)


def isolate(monkeypatch, tmp_path: Path) -> Path:
    """A fresh Keras cache and user folder; returns the Keras models cache path."""
    from engine.weights import sources

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "user"))
    monkeypatch.delenv("PRETRAINED_STUDIO_WEIGHT_PACKS", raising=False)
    monkeypatch.setattr(sources, "_cleaned", False)
    verify.forget_memo()
    return tmp_path / "keras" / "models"
