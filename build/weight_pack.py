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

from pathlib import Path

from engine.fileio import sha256_of

MANIFEST = "weights-pack.json"


class PackError(Exception):
    """The pack cannot be bundled; the message says which file and why."""


def read_manifest(pack_dir: Path) -> list[dict]:
    """The manifest's file entries, after checking its structure (not the files) with the
    same reader the app uses (``engine.weights.packs``): one definition of the format."""
    from engine.weights import packs

    pack_dir = Path(pack_dir)
    if not packs.is_pack(pack_dir):
        raise PackError(f"{pack_dir} is not a weight pack: {MANIFEST} is missing "
                        "(make one with: python main.py weights pack DIR --models ...)")
    pack = packs.read_pack(pack_dir)
    if pack.error:
        raise PackError(f"{pack_dir}: {pack.error}")
    if pack.bad_entries:
        raise PackError(f"{pack_dir / MANIFEST}: " + "; ".join(f"{name}: {why}" for name, why in pack.bad_entries))
    if not pack.files:
        raise PackError(f"{pack_dir / MANIFEST} lists no weight files")
    return list(pack.files.values())


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
        if sha256_of(path) != str(entry.get("sha256", "")).lower():
            raise PackError(f"{path} does not match its SHA-256 in {MANIFEST}: the file is damaged; copy it again")
    return entries


def bundled_files(pack_dir: Path) -> list[Path]:
    """What goes into the build: the manifest and the files it lists (nothing else in the folder)."""
    pack_dir = Path(pack_dir)
    return [pack_dir / MANIFEST] + [pack_dir / e["filename"] for e in read_manifest(pack_dir)]
