"""Check a weight file before it is used, once: results are remembered per file state.

A file is checked against a list of :class:`Check` (a published hash, a size, a pack's
sha256, the structure Keras needs).  Results are memoised in a small JSON in the user data
folder keyed by the file's path and its state (size, mtime_ns, inode, ctime_ns): a second
start costs a ``stat`` per file, and any change to the file (even one that keeps size and
mtime, which still moves ctime) means it is checked again.  :data:`STATS` counts the real
work done, so tests can prove the memo saves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from .. import fileio, jobs, paths, safefiles
from ..jobs import CancelToken
from ..messages import msg
from . import structure

STATS = {"digests": 0, "structures": 0}
# 2: results of version 1 were found before external HDF5 storage and links were refused
_MEMO_VERSION = 2
_MEMO_MAX = 1000
_lock = threading.RLock()
_memo: Optional[dict] = None


@dataclass(frozen=True)
class Check:
    """One thing a file must (``required``) or may (a reported value) satisfy."""

    kind: str  # "md5", "sha256", "size", "structure", "readable"
    value: object = None  # hex digest, byte count, or a structure fingerprint
    source: str = ""  # where the expected value comes from, for messages
    required: bool = True

    @property
    def id(self) -> str:
        value = self.value["shapes_sha256"] if isinstance(self.value, dict) else self.value
        return f"{self.kind}:{value}"


@dataclass(frozen=True)
class Verdict:
    ok: bool
    verified: bool  # a hash matched (required or reported): the bytes are known to be right
    how: str  # what was checked, for people
    sha256: Optional[str] = None
    reason: str = ""  # why not ok
    parts: tuple = ()  # the checks that passed, each a coded message (``how`` is them joined with " + ")

    def describe(self) -> str:
        if not self.ok:
            return f"refused: {self.reason}"
        return ("verified: " if self.verified else "") + self.how


def memo_file() -> Path:
    return paths.user_data_dir() / "weights-verified.json"


def _stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def _load() -> dict:
    global _memo
    if _memo is None:
        _memo = _read_disk()
    return _memo


def _read_disk() -> dict:
    data = safefiles.read_state(memo_file(), what="the record of checked weight files", check=_memo_shape)
    if isinstance(data, dict) and data.get("version") == _MEMO_VERSION:
        return {k: v for k, v in data["files"].items() if _entry_shape(v)}
    return {}  # none yet, or an older version's (checked again: hdf5check came later)


def _memo_shape(data) -> str:
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        return "is not a record of checked files"
    return ""


def _entry_shape(entry) -> bool:
    """A remembered entry the code below can use (a hand-edited one is simply checked again)."""
    return (isinstance(entry, dict) and isinstance(entry.get("stat"), list) and isinstance(entry.get("digests"), dict)
            and isinstance(entry.get("results"), dict)
            and all(isinstance(v, str) for v in entry["digests"].values())
            and all(isinstance(v, list) and len(v) == 2 and isinstance(v[1], str) for v in entry["results"].values()))


def _save(key: str, entry: dict) -> None:
    """Merge our entry into what is on disk (another process may have added some), atomically.

    Entries are kept oldest first (written in that order, not sorted), so the cap drops the
    files checked longest ago."""
    files = _read_disk()
    files.update(_load())
    files.pop(key, None)
    files[key] = entry
    files = {k: v for k, v in files.items() if os.path.exists(k)}
    if len(files) > _MEMO_MAX:
        files = dict(list(files.items())[-_MEMO_MAX:])
    try:
        fileio.write_text(memo_file(), json.dumps({"version": _MEMO_VERSION, "files": files}) + "\n")
    except OSError:
        pass  # a read-only home: checks are simply not remembered
    _memo.clear()
    _memo.update(files)


def forget_memo() -> None:
    """Drop the in-process copy (tests, or after another process changed the file)."""
    global _memo
    with _lock:
        _memo = None


def digests(path: Path, cancel: Optional[CancelToken] = None) -> dict[str, str]:
    """sha256 and md5 of a file in one pass."""
    STATS["digests"] += 1
    sha, md5 = hashlib.sha256(), hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            jobs.check(cancel)
            sha.update(chunk)
            md5.update(chunk)
    return {"sha256": sha.hexdigest(), "md5": md5.hexdigest()}


def verify_file(path: os.PathLike | str, checks: Iterable[Check], cancel: Optional[CancelToken] = None) -> Verdict:
    """Check ``path`` against ``checks`` (memoised); never raises for a bad file."""
    return _verify(Path(path), list(checks), cancel, dry=False)


def remembered(path: os.PathLike | str, checks: Iterable[Check]) -> Optional[Verdict]:
    """The verdict :func:`verify_file` would give, when every check is remembered for the file's
    current state; None when one would need the file read (a hash, a structure walk).

    Costs a ``stat``: for lists and the model card, on the GUI thread.  Nothing is recorded.
    """
    return _verify(Path(path), list(checks), None, dry=True)


def _verify(path: Path, checks: list, cancel, dry: bool) -> Optional[Verdict]:
    key = os.path.abspath(path)
    try:
        st = path.stat()
    except OSError as exc:
        return Verdict(False, False, "", None, f"it cannot be read ({exc.strerror or exc})")
    # A check holds the lock while it hashes (up to a second for a large file): a dry look
    # never waits for it, it answers "not checked yet".
    if not _lock.acquire(blocking=not dry):
        return None
    try:
        entry = _load().get(key)
        if not entry or entry.get("stat") != _stat_key(st):
            entry = {"stat": _stat_key(st), "digests": {}, "results": {}}
        if dry and any(_needs_work(c, entry) for c in checks):
            return None
        changed = False
        passed, verified, reason = [], False, ""
        for check in checks:
            ok, why, did_work = _run(path, st, check, entry, cancel)
            changed |= did_work
            if ok:
                if check.kind in ("md5", "sha256"):
                    verified = True
                if check.kind != "size":
                    passed.append(_describe(check))
            elif check.required and not reason:
                reason = why
        if changed:
            _save(key, entry)
        sha = entry["digests"].get("sha256")
        if reason:
            return Verdict(False, False, "", sha, reason)
        return Verdict(True, verified, " + ".join(passed) or msg("check.nothing", "nothing to check against"), sha,
                       parts=tuple(passed))
    finally:
        _lock.release()


def _needs_work(check: Check, entry: dict) -> bool:
    if check.kind == "size":
        return False
    if check.kind in ("md5", "sha256"):
        return check.kind not in entry["digests"]
    return entry["results"].get(check.id) is None


def _run(path: Path, st, check: Check, entry: dict, cancel) -> tuple[bool, str, bool]:
    """(passed, reason, whether real work was done) for one check."""
    if check.kind == "size":
        ok = st.st_size == int(check.value)
        return ok, "" if ok else f"it is {st.st_size:,} bytes instead of {int(check.value):,}{_what_it_is(path)}", False
    if check.kind in ("md5", "sha256"):
        work = False
        if check.kind not in entry["digests"]:
            entry["digests"] = digests(path, cancel)
            work = True
        got = entry["digests"][check.kind]
        ok = got == str(check.value).lower()
        why = "" if ok else (f"its {check.kind} is {got[:12]}… instead of {str(check.value)[:12]}… "
                             f"({check.source}){_what_it_is(path)}")
        return ok, why, work
    cached = entry["results"].get(check.id)
    if cached is not None:
        return bool(cached[0]), cached[1], False
    STATS["structures"] += 1
    jobs.check(cancel)
    try:
        if check.kind == "structure":
            structure.check_file(path, check.value)
        else:
            structure.check_readable(path)
        result = (True, "")
    except structure.StructureError as exc:
        result = (False, str(exc))
    if "sha256" not in entry["digests"]:  # packs and "matches the reported hash" need it
        entry["digests"] = digests(path, cancel)
    entry["results"][check.id] = list(result)
    return result[0], result[1], True


def _what_it_is(path: Path) -> str:
    try:
        kind = structure.sniff(path)
    except OSError:
        return ""
    return "" if kind == "hdf5" else f"; {structure.REASONS[kind]}"


def _describe(check: Check) -> str:
    if check.kind in ("md5", "sha256"):
        return (msg("check.hash", "{kind} {source}", kind=check.kind, source=check.source) if check.source
                else check.kind)
    if check.kind == "structure":
        return (msg("check.structure_from", "structure checked ({source})", source=check.source) if check.source
                else msg("check.structure", "structure checked"))
    return msg("check.readable", "readable (nothing known to check it against)")


def carry_over(old: Path, new: Path) -> None:
    """After ``os.replace(old, new)`` of a file just verified: keep its results under ``new``.

    The rename changes the file's ctime, so without this the first use would check it again.
    """
    with _lock:
        entry = _load().pop(os.path.abspath(old), None)
        try:
            st = Path(new).stat()
        except OSError:
            return
        if entry is not None and entry["stat"][:3] == _stat_key(st)[:3]:
            entry["stat"] = _stat_key(st)
            _save(os.path.abspath(new), entry)
