"""The user's image folders: one subfolder per class, or separate train and validation
folders.  Before training, a report: images per class, unreadable files and sub-folders
(listed and skipped, never fatal), tiny classes and imbalance warned, a few thumbnails per
class.  The validation split is stratified per class with a fixed, shown seed.

Whether a file is readable is decided by the loader itself (``images.check_image``: the
same checks and decoder, JPEGs at 1/8 scale), so every file the report accepts is one that
training, caching and evaluation can read."""

from __future__ import annotations

import os
import random
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import images, jobs
from ..errors import StudioError
from ..messages import msg
from ..pathnames import printable
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


def check_files(files: list[Path], *, progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None,
                done_before: int = 0, total: Optional[int] = None) -> list[Optional[str]]:
    """For each file, None if the loader reads it, else the reason (``images.check_image``).

    A thread pool: Pillow decodes outside the GIL, and JPEGs are decoded at 1/8 scale.
    """
    total = total or len(files)
    reasons: list[Optional[str]] = [None] * len(files)
    if not files:
        return reasons
    workers = min(len(files), 2 * (os.cpu_count() or 2), 16)
    with ThreadPoolExecutor(workers) as pool:
        pending = {pool.submit(images.check_image, f): i for i, f in enumerate(files)}
        try:
            for n, fut in enumerate(as_completed(pending), 1):
                reasons[pending[fut]] = fut.result()
                if n % 50 == 0:
                    jobs.check(cancel)
                    done = done_before + n
                    jobs.report(progress, done / max(1, total), msg("dataset.checking", "Checking images: {done} of "
                                                                    "{total}", done=done, total=total))
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
    jobs.check(cancel)
    return reasons


def _class_files(folder: Path, problems: list) -> dict[str, list[Path]]:
    if not folder.is_dir():
        raise StudioError(msg("dataset.not_a_folder", "'{folder}' is not a folder.", folder=printable(folder)))
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise StudioError(msg("dataset.unreadable_folder", "The folder '{folder}' cannot be read ({why}).",
                              folder=printable(folder), why=str(exc.strerror or exc))) from None
    subdirs = [d for d in entries if not d.name.startswith(".") and d.is_dir()]
    if not subdirs:
        raise StudioError(msg("dataset.no_classes", "'{folder}' has no class subfolders. Put each class's images in "
                              "its own subfolder, e.g. data/cat/*.jpg and data/dog/*.jpg.", folder=printable(folder)))
    out = {}
    for d in subdirs:
        files, bad = images.find_images(d)
        out[d.name] = files
        problems += bad
    return out


def scan(root: str | Path, *, val_folder: str | Path | None = None, val_split: float = 0.2, seed: int = 123,
         progress: Optional[ProgressFn] = None, cancel: Optional[CancelToken] = None) -> DatasetReport:
    root = Path(root)
    problems: list[tuple[str, str]] = []
    train_files = _class_files(root, problems)
    val_files = _class_files(Path(val_folder), problems) if val_folder else None
    candidates = [c for c, files in train_files.items() if files]
    used = [f for c in candidates for f in train_files[c] + (val_files or {}).get(c, [])]
    verdict = dict(zip(used, check_files(used, progress=progress, cancel=cancel)))
    classes = [c for c in candidates if any(not verdict[f] for f in train_files[c])]
    report = DatasetReport(str(root), classes, {}, seed=seed, val_split=0.0 if val_folder else val_split)
    for c, files in train_files.items():
        if c not in classes:
            report.warnings.append(
                msg("dataset.class_unreadable", "Class '{name}' has no readable images and was left out.",
                    name=printable(c)) if files else
                msg("dataset.class_empty", "Class '{name}' has no images and was left out.", name=printable(c)))
            report.unreadable += [(str(f), verdict[f]) for f in files]
    report.unreadable += problems

    def good(files):
        ok = []
        for f in files:
            if verdict[f]:
                report.unreadable.append((str(f), verdict[f]))
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
            report.warnings.append(msg("dataset.tiny_class", "Class '{name}' has only {count} readable images; results "
                                       "will be unreliable.", name=printable(c), count=n))
    counts = [n for n in report.counts.values() if n]
    if counts and max(counts) / max(1, min(counts)) > IMBALANCE:
        report.warnings.append(msg("dataset.imbalanced", "Classes are imbalanced ({low} to {high} images); accuracy "
                                   "can hide a poor small class — check per-class recall.", low=min(counts),
                                   high=max(counts)))
    if report.unreadable:
        report.warnings.append(msg("dataset.skipped", "{count} unreadable files or folders were skipped (listed in "
                                   "the report).", count=len(report.unreadable)))
    if len(classes) < 2:
        raise StudioError(msg("dataset.too_few_classes", "Training needs at least two classes with images; '{folder}' "
                              "has {count}.", folder=printable(root), count=len(classes)))
    jobs.report(progress, 1.0, msg("dataset.split", "{train} training and {val} validation images",
                                   train=len(report.train), val=len(report.val)))
    return report
