"""Make a weight pack: copy this computer's verified weight files into a folder with a manifest.

A lab prepares it once on a machine with internet and copies it to USB sticks or a
read-only share.  Only files that pass the app's own checks under Keras' name go in (an
imported file that differs from a published hash, or one in the Keras 3 format, stays out).
The output folder must be new, empty or a pack already: the files of any other folder are
never overwritten, and neither is a file in a pack that the pack's manifest does not list.
Each file is copied under a temp name and renamed; the manifest is written last.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .. import fileio, jobs, targets
from ..errors import StudioError, UnknownModelError
from ..pathnames import printable
from ..jobs import CancelToken, ProgressFn
from . import manifest, packs
from .manifest import official_checks
from .resolve import locate
from .structure import StructureError, keras_format
from .verify import verify_file


@dataclass
class PackReport:
    folder: Path
    added: list = field(default_factory=list)  # file names copied now
    kept: list = field(default_factory=list)  # already in the pack, unchanged
    skipped: list = field(default_factory=list)  # (file name, why)


def _keys_for_models(models: Optional[Iterable[str]]) -> list[str]:
    keys = sorted(manifest.entries())
    if not models:
        return keys
    known = sorted({k.split("|", 1)[0] for k in keys})
    chosen = []
    for m in models:
        name = next((k for k in known if k.lower() == m.strip().lower()), None)
        if name is None:
            raise UnknownModelError(m.strip(), known)
        chosen += [k for k in keys if k.split("|", 1)[0] == name]
    return chosen


def _check_out_dir(out: Path) -> Optional[packs.Pack]:
    if os.path.lexists(out) and (out.is_symlink() or not out.is_dir()):
        raise StudioError(f"'{printable(out)}' is a file or a link; give a new or empty folder for the pack.")
    if packs.is_pack(out):
        pack = packs.read_pack(out)
        if pack.error:
            raise StudioError(f"'{printable(out)}' holds a weight pack that cannot be read ({pack.error}); "
                              "choose another folder.")
        return pack
    if out.exists() and any(not fileio.is_stale_temp(p) for p in out.iterdir()):
        raise StudioError(f"'{printable(out)}' already holds files and is not a weight pack; nothing was written. "
                          "Choose a new or empty folder.")
    return None


def make_pack(out_dir: os.PathLike | str, models: Optional[Iterable[str]] = None, offline_dirs=(), *,
              progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None) -> PackReport:
    out = targets.check_name(out_dir, "The pack folder", make_parents=True)  # not '/', not too long
    keys = _keys_for_models(models)
    existing = _check_out_dir(out)
    out.mkdir(parents=True, exist_ok=True)
    fileio.remove_stale_temps(out)
    rows = dict(existing.files) if existing else {}
    report = PackReport(out)
    by_file: dict[str, str] = {}
    for key in keys:
        by_file.setdefault(manifest.entries()[key]["filename"], key)
    for i, (filename, key) in enumerate(sorted(by_file.items())):
        jobs.check(cancel)
        jobs.report(progress, i / max(1, len(by_file)), f"Looking for {filename}")
        why = _add(out, key, filename, offline_dirs, rows, report, cancel)
        if why:
            report.skipped.append((filename, why))
    if not report.added and not report.kept:
        raise StudioError(f"No weight file for {', '.join(models) if models else 'any model'} is on this computer "
                          f"and verified, so no pack was made in '{out}'.")
    created = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    with fileio.atomic_path(out / packs.PACK_MANIFEST) as tmp:
        tmp.write_text(json.dumps(packs.pack_manifest(list(rows.values()), created), indent=1) + "\n", encoding="utf-8")
        os.chmod(tmp, 0o644)
    jobs.report(progress, 1.0, f"Pack written: {out}")
    return report


def _add(out: Path, key: str, filename: str, offline_dirs, rows: dict, report: PackReport, cancel) -> str:
    """Copy one file into the pack; return why not, or '' when it is in."""
    wf = manifest.from_manifest(key)
    model = key.split("|", 1)[0]
    target = out / filename
    if filename in rows and target.is_file():
        verdict = verify_file(target, official_checks(wf), cancel)
        if verdict.ok and verdict.sha256 == rows[filename]["sha256"]:
            rows[filename]["models"] = manifest.keys_for_file(filename)
            report.kept.append(filename)
            return ""
    elif target.exists():
        return f"'{target}' is already there and not part of the pack; it was left alone"
    found = locate(wf, offline_dirs, cancel=cancel, model=model)
    if found.path is None:
        return "not on this computer (or no copy passed its checks)"
    try:
        if keras_format(found.path) != "legacy":
            return f"the copy found ({found.source}) is in the Keras 3 format, which Keras cannot load under its name"
    except StructureError as exc:
        return str(exc)
    official = verify_file(found.path, official_checks(wf), cancel)
    if not official.ok:
        return f"the copy found ({found.source}) is not the official file: {official.reason}"
    with fileio.atomic_path(target) as tmp:
        sha, size = fileio.copy_hashed(found.path, tmp, cancel)
        os.chmod(tmp, 0o644)  # temp files are private; a pack is for sharing
        if sha != official.sha256:
            raise StudioError(f"'{found.path}' changed while it was copied into the pack; nothing was kept. Try again.")
    rows[filename] = {"filename": filename, "size": size, "sha256": sha, "models": manifest.keys_for_file(filename)}
    report.added.append(filename)
    return ""


