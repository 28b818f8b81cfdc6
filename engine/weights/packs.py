"""Weight packs: a folder of Keras-named weight files with a manifest, for offline labs.

``OUT_DIR/weights-pack.json`` is ``{"format": 1, "app": "pretrained-studio", "created":
ISO-8601, "files": [{"filename", "size", "sha256", "models": ["MobileNetV2|<variant>", ...]}]}``
and the files lie flat beside it under Keras' file names.  A pack is accepted wherever
weights are searched (offline folders, ``PRETRAINED_STUDIO_WEIGHT_PACKS``, the pack bundled
into an installer); every file is checked against the pack's size and sha256 and against the
app's own manifest before use.  Packs are read-only to the app, except the one it is making.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import safefiles
from ..pathnames import printable

PACK_MANIFEST = "weights-pack.json"
PACK_FORMAT = 1
PACK_APP = "pretrained-studio"
ENV_PACKS = "PRETRAINED_STUDIO_WEIGHT_PACKS"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
MANIFEST_CAP = 4 << 20  # a manifest of every zoo file is about 30 KB


@dataclass(frozen=True)
class Pack:
    folder: Path
    created: str = ""
    files: dict = field(default_factory=dict)  # filename -> {"filename", "size", "sha256", "models"}
    error: str = ""  # the manifest cannot be used at all
    bad_entries: tuple = ()  # (filename or index, why) for entries that were ignored

    @property
    def label(self) -> str:
        return f"pack {printable(self.folder)}"


def is_pack(folder: Path) -> bool:
    return os.path.lexists(Path(folder) / PACK_MANIFEST)  # a FIFO or folder there: a pack that cannot be used


def env_pack_dirs() -> list[Path]:
    raw = os.environ.get(ENV_PACKS, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def _valid_name(name) -> bool:
    return (isinstance(name, str) and name not in ("", ".", "..") and not name.startswith(".")
            and "/" not in name and "\\" not in name and name != PACK_MANIFEST)


def read_pack(folder: Path) -> Pack:
    """Read and validate a pack's manifest; problems are recorded, never raised."""
    folder = Path(folder)
    try:  # a regular file, capped, JSON of sane depth: a pack comes from elsewhere (a USB stick, a share)
        data = safefiles.load_json(folder / PACK_MANIFEST, cap=MANIFEST_CAP)
    except safefiles.UnsafeFile as exc:
        return Pack(folder, error=f"its {PACK_MANIFEST} cannot be used: {exc}")
    except OSError as exc:
        return Pack(folder, error=f"its {PACK_MANIFEST} cannot be read ({exc.strerror or exc})")
    if not isinstance(data, dict) or data.get("format") != PACK_FORMAT or not isinstance(data.get("files"), list):
        return Pack(folder, error=f"its {PACK_MANIFEST} is not a format-{PACK_FORMAT} weight pack manifest")
    files, bad = {}, []
    for i, row in enumerate(data["files"]):
        name = row.get("filename") if isinstance(row, dict) else None
        if not _valid_name(name):
            bad.append((f"entry {i}", "no usable file name"))
        elif not (isinstance(row.get("size"), int) and row["size"] >= 0):
            bad.append((name, "no valid size"))
        elif not (isinstance(row.get("sha256"), str) and _HEX64.match(row["sha256"])):
            bad.append((name, "no valid sha256"))
        else:
            models = row.get("models") if isinstance(row.get("models"), list) else []
            files[name] = {"filename": name, "size": row["size"], "sha256": row["sha256"],
                           "models": [m for m in models if isinstance(m, str)]}
    created = data.get("created") if isinstance(data.get("created"), str) else ""
    return Pack(folder, created, files, "", tuple(bad))


def pack_manifest(files: list[dict], created: str) -> dict:
    return {"format": PACK_FORMAT, "app": PACK_APP, "created": created,
            "files": sorted(files, key=lambda r: r["filename"])}


def lookup(pack: Pack, filename: str) -> Optional[dict]:
    return pack.files.get(filename)
