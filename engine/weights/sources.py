"""Where a weight file is looked for, in order, and the first copy that passes its checks.

Order: the pack bundled into an installer build (read-only), the user's imported weights
(an explicit choice for that model), the Keras cache (``$KERAS_HOME`` or ``~/.keras``, so
files Keras already downloaded are reused), the offline folders of Preferences (each a pack
or a plain folder of Keras-named files, also its ``models/`` sub-folder), the packs named in
``PRETRAINED_STUDIO_WEIGHT_PACKS``, then no-top files the app derived from a full file.

Every candidate is verified (memoised) before it is returned; a bad one is reported as a
:class:`Problem` (its path, what is wrong, what to do) and the next source is tried.
:func:`peek` walks the same order reading no file (for the model list and card, on the GUI
thread): remembered verdicts count, the first copy never checked is returned as ``pending``.  Nothing
found is ever deleted or changed here, except a no-top file the app derived itself from a
full file that has since changed or gone (:mod:`.notop`).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import fileio, paths
from ..errors import WeightsMissingError
from ..jobs import CancelToken
from . import importing, ledger, packs
from .manifest import WeightsFile, official_checks
from .verify import Check, Verdict, remembered, verify_file

log = logging.getLogger("engine.weights")
_cleaned = False


@dataclass(frozen=True)
class Source:
    where: str  # "pack", "imported", "cache", "offline", "derived"
    folder: Path
    pack: Optional[packs.Pack] = None

    @property
    def label(self) -> str:
        return self.pack.label if self.pack is not None else f"{self.where} {self.folder}"


@dataclass(frozen=True)
class Problem:
    path: Path
    source: str
    reason: str
    advice: str

    def __str__(self) -> str:
        return f"Skipped '{self.path}' ({self.source}): {self.reason}. {self.advice}"


@dataclass(frozen=True)
class WeightsStatus:
    file: Optional[WeightsFile]
    where: str  # "pack", "imported", "cache", "offline", "derived", "missing", "unknown"
    path: Optional[Path] = None
    verdict: Optional[Verdict] = None
    source: str = ""  # e.g. "pack /media/lab-pack"
    problems: tuple = ()
    imported: Optional[importing.ImportRecord] = None  # the current import, used or not
    previous_import: Optional[importing.ImportRecord] = None  # what `remove` would bring back
    pending: bool = False  # from :func:`peek`: where it would come from, not checked yet

    @property
    def available(self) -> bool:
        return self.path is not None

    @property
    def verified(self) -> bool:
        return bool(self.verdict and self.verdict.verified)

    def describe(self) -> str:
        if self.path is None:
            return self.where
        return f"{self.source}: {self.verdict.describe() if self.verdict else 'not checked yet'}"


def _folder_source(kind: str, folder: Path) -> Source:
    return Source("pack", folder, packs.read_pack(folder)) if packs.is_pack(folder) else Source(kind, folder)


def sources(offline_dirs: Iterable[str | os.PathLike] = ()) -> list[Source]:
    found = []
    bundled = paths.bundled_pack_dir()
    if bundled is not None:
        found.append(_folder_source("offline", bundled))
    found.append(Source("imported", importing.imported_dir()))
    found.append(Source("cache", paths.keras_models_cache()))
    for d in offline_dirs:
        d = Path(d).expanduser()
        found.append(_folder_source("offline", d))
        found.append(_folder_source("offline", d / "models"))
    for d in packs.env_pack_dirs():
        found.append(_folder_source("offline", d))
    found.append(Source("derived", importing.imported_dir() / "derived"))
    return found


def search_dirs(offline_dirs: Iterable[str | os.PathLike] = ()) -> list[tuple[str, Path]]:
    """Folders searched for a weight file, in order, with a label for each."""
    return [(s.where, s.folder) for s in sources(offline_dirs)]


def cleanup_stale_temps(force: bool = False) -> None:
    """Remove what killed downloads, imports and verifications left (once per process)."""
    global _cleaned
    if _cleaned and not force:
        return
    _cleaned = True
    for folder in (paths.keras_models_cache(), importing.imported_dir(), importing.previous_dir(),
                   importing.imported_dir() / "derived", paths.user_data_dir()):
        fileio.remove_stale_temps(folder)


def _candidates(src: Source, wf: WeightsFile, offline_dirs, cancel, dry: bool = False):
    """(path, checks) pairs to try in ``src``, or a Problem for a candidate that cannot be used.

    ``dry``: read no weight file (a derived file's source is not re-checked)."""
    if src.where == "imported":
        rec = importing.current(wf.filename)
        if rec is not None:
            yield rec.path, [Check("size", rec.size), Check("sha256", rec.sha256, "recorded when it was imported")]
        elif (src.folder / wf.filename).is_file():  # imported by an older version: no record
            yield src.folder / wf.filename, official_checks(wf)
        return
    if src.where == "derived":
        from . import notop

        got = notop.recorded(wf) if dry else notop.current_derived(wf, offline_dirs, cancel)
        if got is not None:
            yield got
        return
    path = src.folder / wf.filename
    if src.pack is None:
        yield path, official_checks(wf)
        return
    if src.pack.error:
        if path.exists():
            yield Problem(path, src.label, f"the pack cannot be used: {src.pack.error}",
                          "Make the pack again with `python main.py weights pack`."), None
        return
    entry = packs.lookup(src.pack, wf.filename)
    if entry is None:
        if path.exists():
            yield Problem(path, src.label, "the file is not listed in the pack's manifest",
                          "Make the pack again with `python main.py weights pack`."), None
        return
    pack_checks = [Check("size", entry["size"], "in the pack's manifest"),
                   Check("sha256", entry["sha256"], "in the pack's manifest")]
    yield path, pack_checks + official_checks(wf)


def _advice(src: Source, path: Path, model: str) -> str:
    m = model or "MODEL"
    if src.where == "cache":
        if ledger.app_created(path):
            return f"The next download replaces it: `python main.py weights download {m}`."
        return ("This app did not create it, so it was left alone: delete or move it, then run "
                f"`python main.py weights download {m}`.")
    if src.where == "imported":
        return f"Import the file again, or remove the import with `python main.py weights remove {m}`."
    if src.pack is not None:
        return "The pack is damaged: copy it again, or make it again with `python main.py weights pack`."
    return "Replace it with a good copy, or remove it from that folder."


def locate(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = (), *,
           cancel: Optional[CancelToken] = None, model: str = "", report: bool = False) -> WeightsStatus:
    """The first verified copy of ``wf``; every bad copy passed over is in ``problems``.

    With ``report`` each problem is also logged (the command line shows it on stderr).
    """
    offline_dirs = list(offline_dirs)
    cleanup_stale_temps()
    problems: list[Problem] = []
    for src in sources(offline_dirs):
        for path, checks in _candidates(src, wf, offline_dirs, cancel):
            if isinstance(path, Problem):
                problems.append(path)
                continue
            if not path.is_file():
                continue
            verdict = verify_file(path, checks, cancel)
            if verdict.ok:
                _report(problems, report)
                return _status(wf, src.where, path, verdict, src.label, problems)
            problems.append(Problem(path, src.label, verdict.reason, _advice(src, path, model)))
    _report(problems, report)
    return _status(wf, "missing", None, None, "", problems)


def peek(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = (), *, model: str = "") -> WeightsStatus:
    """Where ``wf`` would come from, reading no weight file: ``stat`` calls and small indexes.

    A copy checked before in the same state gets its remembered verdict (a bad one is passed
    over, as :func:`locate` would); the first copy not checked yet is returned with
    ``pending`` set, for :func:`locate` to check off the GUI thread.
    """
    offline_dirs = list(offline_dirs)
    problems: list[Problem] = []
    for src in sources(offline_dirs):
        for path, checks in _candidates(src, wf, offline_dirs, None, dry=True):
            if isinstance(path, Problem):
                problems.append(path)
                continue
            if not path.is_file():
                continue
            verdict = remembered(path, checks)
            if verdict is None:
                return _status(wf, src.where, path, None, src.label, problems, pending=True)
            if verdict.ok:
                return _status(wf, src.where, path, verdict, src.label, problems)
            problems.append(Problem(path, src.label, verdict.reason, _advice(src, path, model)))
    return _status(wf, "missing", None, None, "", problems)


def _status(wf, where, path, verdict, label, problems, pending: bool = False) -> WeightsStatus:
    return WeightsStatus(wf, where, path, verdict, label, tuple(problems),
                         importing.current(wf.filename), importing.previous(wf.filename), pending)


def _report(problems: list[Problem], report: bool) -> None:
    if report:
        for p in problems:
            log.warning("%s", p)


def missing_error(model: str, wf: WeightsFile, offline_dirs=(), why: str = "",
                  problems: Iterable[Problem] = ()) -> WeightsMissingError:
    searched = [str(folder) for _, folder in search_dirs(offline_dirs)]
    bad = "".join(f"\n  {p}" for p in problems)
    if bad:
        why = (why + " " if why else "") + "Copies found but refused:" + bad + "\n"
    return WeightsMissingError(model, wf.filename, searched, wf.url, why)
