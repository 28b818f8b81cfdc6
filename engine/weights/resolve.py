"""Find a weight file in one pass: every candidate in order, verified until one passes.

The order (README, "Models"):

1. the pack bundled into an installer build
2. weights imported through the app (an explicit choice for that model)
3. the Keras cache (``$KERAS_HOME`` or ``~/.keras``)
4. the offline folders of Preferences (each a pack or a plain folder, also its ``models/``)
5. the packs named in ``PRETRAINED_STUDIO_WEIGHT_PACKS``
6. a no-top file derived earlier from a full file that is still here, unchanged
7. a no-top file derived now from a verified full file (when the caller can build models)
8. a verified download (when the caller allows it)

Every copy is verified (memoised) before it is chosen; a bad one becomes a :class:`Problem`
(its path, what is wrong, what to do) and the search goes on.  Every step is recorded as an
:class:`Attempt` in ``WeightsStatus.tried``, which ``weights where MODEL`` prints.
:func:`peek` walks the same candidates reading no weight file (for the model list and card,
on the GUI thread): remembered verdicts count, the first copy never checked comes back
``pending``.  Nothing found is deleted or changed, except a no-top file the app derived
itself from a full file that has since changed or gone.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .. import jobs
from ..errors import WeightsMissingError
from ..messages import msg
from ..jobs import CancelToken, ProgressFn
from . import importing, ledger, notop, packs
from .download import download, mirror_url
from .manifest import WeightsFile, official_checks
from .sources import Source, cleanup_stale_temps, search_dirs, sources
from .status import Attempt, Problem, WeightsStatus
from .verify import Check, Verdict, remembered, verify_file

log = logging.getLogger("engine.weights")


@dataclass(frozen=True)
class Candidate:
    """A copy to try: where it is and what it must pass (``refused``: unusable unread)."""

    source: Source
    path: Path
    checks: tuple = ()
    refused: str = ""
    derived_from: Optional[tuple] = None  # (full WeightsFile, its sha256 when derived)


def candidates(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = ()) -> Iterator[Candidate]:
    """Steps 1-6 for ``wf``, in order, reading only small indexes (nothing is verified here)."""
    for src in sources(offline_dirs):
        if src.where == "imported":
            rec = importing.current(wf.filename)
            if rec is not None:
                yield Candidate(src, rec.path, (Check("size", rec.size),
                                                Check("sha256", rec.sha256, msg("check.imported", "recorded when it "
                                                                                                  "was imported"))))
            else:  # imported by an older version: no record
                yield Candidate(src, src.folder / wf.filename, tuple(official_checks(wf)))
        elif src.where == "derived":
            got = notop.recorded(wf)
            if got is not None:
                path, checks, source = got
                yield Candidate(src, path, tuple(checks), derived_from=source)
        elif src.pack is None:
            yield Candidate(src, src.folder / wf.filename, tuple(official_checks(wf)))
        else:
            yield _pack_candidate(src, wf)


def _pack_candidate(src: Source, wf: WeightsFile) -> Candidate:
    path = src.folder / wf.filename
    if src.pack.error:
        return Candidate(src, path, refused=f"the pack cannot be used: {src.pack.error}")
    entry = packs.lookup(src.pack, wf.filename)
    if entry is None:
        return Candidate(src, path, refused="the file is not listed in the pack's manifest")
    pack_checks = [Check("size", entry["size"], msg("check.pack", "in the pack's manifest")),
                   Check("sha256", entry["sha256"], msg("check.pack", "in the pack's manifest"))]
    return Candidate(src, path, tuple(pack_checks + official_checks(wf)))


def advice(src: Source, path: Path, model: str) -> str:
    m = model or "MODEL"
    if src.where == "cache":
        if ledger.app_created(path):
            return msg("advice.download_again", "The next download replaces it: `python main.py weights download "
                       "{model}`.", model=m)
        return msg("advice.not_ours", "This app did not create it, so it was left alone: delete or move it, then run "
                   "`python main.py weights download {model}`.", model=m)
    if src.where == "imported":
        return msg("advice.import_again", "Import the file again, or remove the import with `python main.py weights "
                   "remove {model}`.", model=m)
    if src.pack is not None:
        return msg("advice.pack", "The pack is damaged: copy it again, or make it again with `python main.py weights "
                   "pack`.")
    return msg("advice.replace", "Replace it with a good copy, or remove it from that folder.")


class _Search:
    """One search's running record: the attempts and the refused copies, in order."""

    def __init__(self, wf: WeightsFile, model: str, progress: Optional[ProgressFn]):
        self.wf, self.model, self.progress = wf, model, progress
        self.tried: list[Attempt] = []
        self.problems: list[Problem] = []

    def note(self, where: str, label: str, path: Optional[Path], outcome: str) -> None:
        self.tried.append(Attempt(where, label, path, outcome))

    def refuse(self, c: Candidate, reason: str, advice_text: str) -> None:
        self.note(c.source.where, c.source.label, c.path, f"refused: {reason}")
        problem = Problem(c.path, c.source.label, reason, advice_text)
        self.problems.append(problem)
        jobs.report(self.progress, 0.0, str(problem))

    def status(self, where: str, path=None, verdict=None, label: str = "", pending: bool = False) -> WeightsStatus:
        filename = self.wf.filename
        return WeightsStatus(self.wf, where, path, verdict, label, tuple(self.problems), importing.current(filename),
                             importing.previous(filename), pending, tuple(self.tried))


def _is_current(c: Candidate, offline_dirs, cancel) -> bool:
    """A derived file is usable only while the full file it came from is here, unchanged."""
    source_wf, sha = c.derived_from
    full = locate(source_wf, offline_dirs, cancel=cancel)
    return full.verdict is not None and full.verdict.sha256 == sha


def locate(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = (), *,
           cancel: Optional[CancelToken] = None, model: str = "", report: bool = False,
           progress: Optional[ProgressFn] = None, derive: Optional[notop.Maker] = None,
           allow_download: bool = False, mirror: str = "") -> WeightsStatus:
    """The first verified copy of ``wf`` (``where`` is "missing" when there is none).

    ``derive`` (a builder's :data:`notop.Maker`) adds step 7, ``allow_download`` step 8.  Every
    bad copy passed over is in ``problems`` (also reported to ``progress``, and logged with
    ``report``: the command line shows it on stderr); every step is in ``tried``.
    """
    offline_dirs = list(offline_dirs)
    cleanup_stale_temps()
    search = _Search(wf, model, progress)
    try:
        for c in candidates(wf, offline_dirs):
            found = _try(search, c, offline_dirs, cancel)
            if found is not None:
                return found
        if derive is not None:
            found = _derive(search, wf, offline_dirs, cancel, derive)
            if found is not None:
                return found
        if allow_download:
            path = download(wf, mirror=mirror, progress=progress, cancel=cancel, model=model)
            verdict = verify_file(path, official_checks(wf), cancel)  # memoised by the download
            search.note("download", mirror_url(wf, mirror), path, "used")
            return search.status("cache", Path(path), verdict, f"cache {Path(path).parent}")
        search.note("download", wf.url, None, "not allowed here")
        return search.status("missing")
    finally:
        if report:
            for p in search.problems:
                log.warning("%s", p)


def _try(search: _Search, c: Candidate, offline_dirs, cancel) -> Optional[WeightsStatus]:
    src = c.source
    if c.refused:
        if c.path.exists():
            search.refuse(c, c.refused, "Make the pack again with `python main.py weights pack`.")
        else:
            search.note(src.where, src.label, c.path, "not there")
        return None
    if not c.path.is_file():
        search.note(src.where, src.label, c.path, "not there")
        return None
    if c.derived_from is not None and not _is_current(c, offline_dirs, cancel):
        c.path.unlink(missing_ok=True)  # made by the app from a file that is gone or changed
        search.note(src.where, src.label, c.path, "removed: the full file it was made from changed or is gone")
        return None
    verdict = verify_file(c.path, list(c.checks), cancel)
    if verdict.ok:
        search.note(src.where, src.label, c.path, "used")
        return search.status(src.where, c.path, verdict, src.label)
    search.refuse(c, verdict.reason, advice(src, c.path, search.model))
    return None


def _derive(search: _Search, wf, offline_dirs, cancel, maker) -> Optional[WeightsStatus]:
    counterpart = notop.full_counterpart(wf, search.model or None)
    if counterpart is None:
        return None
    name, _, _, wf_full = counterpart
    jobs.report(search.progress, 0.0, msg("weights.looking_full", "Looking for {model}'s full weights to take the base "
                                          "from", model=name))
    full = locate(wf_full, offline_dirs, cancel=cancel, model=name)
    if full.path is None:
        search.note("derive", f"from {wf_full.filename}", None, "no verified full file here")
        return None
    path = notop.make(wf, full, maker, name)
    _, checks, _ = notop.recorded(wf)
    verdict = verify_file(path, checks, cancel)
    search.note("derive", f"from {full.path}", path, "used")
    return search.status("derived", path, verdict, f"derived {path.parent}")


def peek(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = (), *, model: str = "") -> WeightsStatus:
    """Where ``wf`` would come from, reading no weight file: ``stat`` calls and small indexes.

    A copy checked before in the same state gets its remembered verdict (a bad one is passed
    over, as :func:`locate` would); the first copy not checked yet is returned with
    ``pending`` set, for :func:`locate` to check off the GUI thread.  A derived file's source
    is not re-checked here.
    """
    search = _Search(wf, model, None)
    for c in candidates(wf, offline_dirs):
        src = c.source
        if c.refused:
            if c.path.exists():
                search.refuse(c, c.refused, "Make the pack again with `python main.py weights pack`.")
            continue
        if not c.path.is_file():
            continue
        verdict: Optional[Verdict] = remembered(c.path, list(c.checks))
        if verdict is None:
            search.note(src.where, src.label, c.path, "not checked yet")
            return search.status(src.where, c.path, None, src.label, pending=True)
        if verdict.ok:
            search.note(src.where, src.label, c.path, "used")
            return search.status(src.where, c.path, verdict, src.label)
        search.refuse(c, verdict.reason, advice(src, c.path, model))
    return search.status("missing")


def missing_error(model: str, wf: WeightsFile, offline_dirs=(), why: str = "",
                  problems: Iterable[Problem] = ()) -> WeightsMissingError:
    searched = [str(folder) for _, folder in search_dirs(offline_dirs)]
    bad = "".join(f"\n  {p}" for p in problems)
    if bad:
        why = (why + " " if why else "") + "Copies found but refused:" + bad + "\n"
    return WeightsMissingError(model, wf.filename, searched, wf.url, why)
