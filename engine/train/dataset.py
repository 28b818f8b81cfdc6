"""The user's image folders: one subfolder per class, or separate train and validation
folders.  Before training, a report: images per class, unreadable files (listed and skipped,
never fatal), tiny classes and imbalance warned, a few thumbnails per class.  The validation
split is stratified per class with a fixed, shown seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from PIL import Image

from .. import images, jobs
from ..errors import StudioError
from ..jobs import CancelToken, ProgressFn

TINY_CLASS = 5
IMBALANCE = 3.0


@dataclass
class Sample:
    path: str
    label: int


@dataclass
class DatasetReport:
    root: str
    classes: list[str]
    counts: dict[str, int]
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[str] = field(default_factory=list)
    thumbnails: dict[str, list[str]] = field(default_factory=dict)
    train: list[Sample] = field(default_factory=list)
    val: list[Sample] = field(default_factory=list)
    seed: int = 123
    val_split: float = 0.2

    def summary(self) -> dict:
        return {"root": self.root, "classes": self.classes, "counts": self.counts, "train": len(self.train),
                "val": len(self.val), "unreadable": len(self.unreadable), "seed": self.seed,
                "val_split": self.val_split, "warnings": self.warnings}


def _readable(path: Path) -> Optional[str]:
    """None if Pillow can open and verify the file; else the reason (fast: no full decode)."""
    try:
        if path.stat().st_size == 0:
            return "the file is empty (0 bytes)."
        with Image.open(path) as img:
            img.verify()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means unreadable
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _class_files(folder: Path) -> dict[str, list[Path]]:
    if not folder.is_dir():
        raise StudioError(f"'{folder}' is not a folder.")
    subdirs = sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))
    if not subdirs:
        raise StudioError(f"'{folder}' has no class subfolders. Put each class's images in its own subfolder, "
                          "e.g. data/cat/*.jpg and data/dog/*.jpg.")
    return {d.name: images.list_images(d) for d in subdirs}


def scan(root: str | Path, *, val_folder: str | Path | None = None, val_split: float = 0.2, seed: int = 123,
         progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None) -> DatasetReport:
    root = Path(root)
    train_files = _class_files(root)
    val_files = _class_files(Path(val_folder)) if val_folder else None
    classes = [c for c, files in train_files.items() if files]
    report = DatasetReport(str(root), classes, {}, seed=seed, val_split=0.0 if val_folder else val_split)
    for c, files in train_files.items():
        if not files:
            report.warnings.append(f"Class '{c}' has no images and was left out.")
    total = sum(len(f) for f in train_files.values()) + sum(len(f) for f in (val_files or {}).values())
    checked = 0

    def good(files):
        nonlocal checked
        ok = []
        for f in files:
            jobs.check(cancel)
            reason = _readable(f)
            checked += 1
            if checked % 20 == 0:
                jobs.report(progress, checked / max(1, total), f"Checking images: {checked} of {total}")
            if reason:
                report.unreadable.append((str(f), reason))
            else:
                ok.append(f)
        return ok

    rng = random.Random(seed)
    for label, c in enumerate(classes):
        files = good(train_files[c])
        report.counts[c] = len(files)
        report.thumbnails[c] = [str(f) for f in files[:4]]
        if val_files is not None:
            train, val = files, good(val_files.get(c, []))
        else:
            shuffled = files[:]
            rng.shuffle(shuffled)
            n_val = max(1, round(len(shuffled) * val_split)) if len(shuffled) > 1 else 0
            val, train = shuffled[:n_val], shuffled[n_val:]
        report.train += [Sample(str(f), label) for f in train]
        report.val += [Sample(str(f), label) for f in val]
    for c, n in report.counts.items():
        if n < TINY_CLASS:
            report.warnings.append(f"Class '{c}' has only {n} readable images; results will be unreliable.")
    counts = [n for n in report.counts.values() if n]
    if counts and max(counts) / max(1, min(counts)) > IMBALANCE:
        report.warnings.append(f"Classes are imbalanced ({min(counts)} to {max(counts)} images); "
                               "accuracy can hide a poor small class — check per-class recall.")
    if report.unreadable:
        report.warnings.append(f"{len(report.unreadable)} unreadable files were skipped (listed in the report).")
    if len(classes) < 2:
        raise StudioError(f"Training needs at least two classes with images; '{root}' has {len(classes)}.")
    jobs.report(progress, 1.0, f"{len(report.train)} training and {len(report.val)} validation images")
    return report
