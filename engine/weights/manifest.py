"""What the app knows about each ImageNet weight file, from ``resources/weights_manifest.json``.

Two tables: ``entries`` maps a model variant (``"MobileNetV2|alpha=0.5, no top"``) to the
file Keras asks for (name, URL, Keras' own hash, the variant's fields); ``files`` maps a
file name to what can check it:

- ``sha256`` and ``size``: computed from the official file by the manifest script when it
  could fetch it (``build/make_weights_manifest.py --fetch``); authoritative.
- ``md5`` and ``size`` from the server's bucket listing (``--listing``); authoritative.
- ``structure``: the layout Keras' legacy HDF5 loader needs (weight-bearing layers in order,
  the shape of each weight), computed offline from the model built with ``weights=None``.
  The check for files Keras publishes no hash for (MobileNet, MobileNetV2).
- ``reported``: a size or sha256 seen in public sources, with where from.  Not trusted to
  refuse a file (a wrong value would lock users out); used to cap downloads and to say
  "verified" when a file does match it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Optional

from .. import paths
from ..messages import msg
from .verify import Check

KERAS_WEIGHTS_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"

# Downloads of a file whose size is not known at all stop here (the largest Keras
# Applications file, ConvNeXtXLarge with its top, is about 1.4 GB).
GLOBAL_DOWNLOAD_CAP = 4 << 30


@dataclass(frozen=True)
class WeightsFile:
    """One weight file as Keras names it."""

    filename: str
    url: str
    file_hash: Optional[str] = None


@dataclass(frozen=True)
class FileFacts:
    """Everything the manifest records about one file name (all optional)."""

    size: Optional[int] = None
    sha256: Optional[str] = None
    md5: Optional[str] = None
    structure: Optional[dict] = None
    reported: Optional[dict] = None  # {"size", "sha256", "source"}


@functools.lru_cache(maxsize=1)
def _manifest() -> dict:
    path = paths.resources_dir() / "weights_manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"entries": {}, "files": {}}
    return data if isinstance(data, dict) else {"entries": {}, "files": {}}


def entries() -> dict:
    return _manifest().get("entries", {})


def from_manifest(key: str) -> Optional[WeightsFile]:
    entry = entries().get(key)
    if entry is None:
        return None
    return WeightsFile(entry["filename"], entry["url"], entry.get("file_hash"))


def file_by_name(filename: str) -> Optional[WeightsFile]:
    """The manifest's WeightsFile for a file name (any key using it), or None."""
    keys = keys_for_file(filename)
    return from_manifest(keys[0]) if keys else None


def facts(filename: str) -> FileFacts:
    row = _manifest().get("files", {}).get(filename) or {}
    return FileFacts(row.get("size"), row.get("sha256"), row.get("md5"), row.get("structure"), row.get("reported"))


def keys_for_file(filename: str) -> list[str]:
    """Every model variant (manifest key) that uses this file."""
    return sorted(k for k, e in entries().items() if e.get("filename") == filename)


def variant_of(key: str) -> Optional[dict]:
    """The variant fields recorded for a key (alpha, minimalistic, include_top, input_size)."""
    entry = entries().get(key)
    return None if entry is None else entry.get("variant")


def hash_algorithm(file_hash: str) -> str:
    """Keras' rule: a 64-character hash is sha256, anything else md5."""
    return "sha256" if len(file_hash) == 64 else "md5"


def download_cap(wf: WeightsFile) -> tuple[int, str]:
    """The most bytes a download of ``wf`` may write, and how that figure was found.

    The official size recorded in the manifest gets 1 % + 64 KiB of margin; a reported size
    or one estimated from the structure (4 bytes per value plus HDF5 overhead per array) gets
    25 % + 4 MiB; a file the manifest does not know gets :data:`GLOBAL_DOWNLOAD_CAP`.
    """
    f = facts(wf.filename)
    if f.size:
        return int(f.size + f.size // 100 + (64 << 10)), "its size in the app's manifest"
    reported = (f.reported or {}).get("size")
    if reported:
        return int(reported * 1.25 + (4 << 20)), "its reported size"
    if f.structure and f.structure.get("params"):
        s = f.structure
        estimate = 4 * s["params"] + (16 << 10) * (s.get("layers", 0) + s.get("weights", 0)) + (1 << 20)
        return int(estimate * 1.25 + (4 << 20)), "its size estimated from the model"
    return GLOBAL_DOWNLOAD_CAP, "the cap for files of unknown size"


def official_checks(wf: WeightsFile) -> list[Check]:
    """What a file under Keras' name must satisfy to be taken as the official file."""
    f = facts(wf.filename)
    checks = []
    if f.size:
        checks.append(Check("size", f.size, msg("check.official_size", "recorded from the official file")))
    if f.sha256:
        checks.append(Check("sha256", f.sha256, msg("check.manifest_hash", "of the official file, in the app's "
                                                    "manifest")))
    if f.md5:
        checks.append(Check("md5", f.md5, msg("check.server_listing", "from the server's listing")))
    if wf.file_hash:
        checks.append(Check(hash_algorithm(wf.file_hash), wf.file_hash.lower(),
                            msg("check.keras_hash", "published by Keras")))
    if any(c.kind in ("md5", "sha256") for c in checks):
        return checks
    if f.structure:
        checks.append(Check("structure", f.structure, msg("check.no_hash", "Keras publishes no hash for this file")))
    else:
        checks.append(Check("readable"))
    reported = f.reported or {}
    for algo in ("sha256", "md5"):
        if reported.get(algo):
            checks.append(Check(algo, reported[algo], msg("check.reported", "matching the official file's as "
                                                          "reported in public sources"), required=False))
    return checks
