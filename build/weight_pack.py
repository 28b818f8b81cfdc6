"""Check a weight pack before it is bundled into an installer.

A pack (written by ``python main.py weights pack DIR``) is a folder of Keras weight files,
flat, beside ``weights-pack.json``::

    {"format": 1, "app": "pretrained-studio", "created": "2026-...",
     "files": [{"filename": "mobilenet_v2_weights_tf_....h5", "size": 14536120,
                "sha256": "...", "models": ["MobileNetV2"]}]}

The build refuses a pack whose manifest does not match its files: an installer copied to a
whole lab must not carry a truncated download.  The app verifies the files again before use.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "weights-pack.json"
FORMAT = 1


class PackError(Exception):
    """The pack cannot be bundled; the message says which file and why."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_manifest(pack_dir: Path) -> list[dict]:
    """The manifest's file entries, after checking its structure (not the files)."""
    pack_dir = Path(pack_dir)
    manifest = pack_dir / MANIFEST
    if not manifest.is_file():
        raise PackError(f"{pack_dir} is not a weight pack: {MANIFEST} is missing "
                        "(make one with: python main.py weights pack DIR --models ...)")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackError(f"{manifest} cannot be read as JSON: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), list):
        raise PackError(f"{manifest} is not a format-{FORMAT} weight pack manifest")
    entries = data["files"]
    if not entries:
        raise PackError(f"{manifest} lists no weight files")
    for entry in entries:
        name = str(entry.get("filename", "")) if isinstance(entry, dict) else ""
        if not name or Path(name).name != name or name == MANIFEST:
            raise PackError(f"{manifest}: {name!r} is not a plain weight file name")
    return entries


def verify(pack_dir: Path) -> list[dict]:
    """Every manifest entry, after checking each file's size and SHA-256; raises PackError."""
    pack_dir = Path(pack_dir)
    entries = read_manifest(pack_dir)
    for entry in entries:
        path = pack_dir / entry["filename"]
        if not path.is_file():
            raise PackError(f"{path} is listed in {MANIFEST} but missing")
        size = path.stat().st_size
        if size != entry.get("size"):
            raise PackError(f"{path} has {size} bytes, the manifest says {entry.get('size')}: copy the pack again")
        if _sha256(path) != str(entry.get("sha256", "")).lower():
            raise PackError(f"{path} does not match its SHA-256 in {MANIFEST}: the file is damaged; copy it again")
    return entries


def bundled_files(pack_dir: Path) -> list[Path]:
    """What goes into the build: the manifest and the files it lists (nothing else in the folder)."""
    pack_dir = Path(pack_dir)
    return [pack_dir / MANIFEST] + [pack_dir / e["filename"] for e in read_manifest(pack_dir)]
