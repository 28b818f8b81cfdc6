"""Import a user's weight file for a model: proven to load, format kept, undoable.

The file is staged in the imported-weights folder under the name Keras' loader needs for
its format (a Keras 3 ``.weights.h5`` stays one: ``model.load_weights`` dispatches on the
extension), loaded into the model it is for — every kernel must change from its random
initial value, so a file Keras only half-loads is refused — and only then put in place.
``imports.json`` records each import (sha256, size, format, where it came from); the file
is verified against that record before every use.  Replacing keeps the previous import in
``previous/``; removing an import brings the previous one back.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Optional

from .. import fileio, paths, safefiles
from ..errors import WeightsFileError
from ..pathnames import printable
from .manifest import WeightsFile
from .structure import StructureError, keras_format

_INDEX = "imports.json"
_lock = threading.RLock()


def imported_dir() -> Path:
    return paths.user_data_dir() / "weights"


def previous_dir() -> Path:
    return imported_dir() / "previous"


@dataclass(frozen=True)
class ImportRecord:
    filename: str  # the name Keras asks for
    file: str  # the stored file's name in the imported folder
    sha256: str
    size: int
    format: str  # "legacy" or "keras3"
    source: str  # the path it was imported from
    imported_at: str
    model: str = ""  # "MobileNetV2|alpha=0.5" style key, for people

    @property
    def path(self) -> Path:
        return imported_dir() / self.file


@dataclass(frozen=True)
class RemoveResult:
    removed: ImportRecord
    restored: Optional[ImportRecord]  # the previous import, in use again


def stored_name(filename: str, fmt: str) -> str:
    if fmt == "keras3" and filename.endswith(".h5") and not filename.endswith(".weights.h5"):
        return filename[: -len(".h5")] + ".weights.h5"
    return filename


def _read_index() -> dict:
    data = safefiles.read_state(imported_dir() / _INDEX, what="the index of imported weights", check=_index_shape)
    return {k: v for k, v in data["imports"].items() if isinstance(v, dict)} if data else {}


def _index_shape(data) -> str:
    ok = isinstance(data, dict) and isinstance(data.get("imports", {}), dict)
    return "" if ok else "is not an index of imported weights"


def _write_index(imports: dict) -> None:
    fileio.write_json(imported_dir() / _INDEX, {"version": 1, "imports": imports})


def _record(row) -> Optional[ImportRecord]:
    """The record in an index row, or None when a field is missing or wrong (a hand-edited
    index): its names must be plain file names, since removing an import deletes the file."""
    try:
        rec = ImportRecord(**row) if isinstance(row, dict) else None
    except TypeError:
        return None
    if rec is None or not (safefiles.plain_name(rec.filename) and safefiles.plain_name(rec.file)
                           and isinstance(rec.sha256, str) and len(rec.sha256) == 64
                           and isinstance(rec.size, int) and not isinstance(rec.size, bool) and rec.size >= 0
                           and rec.format in ("legacy", "keras3")
                           and all(isinstance(v, str) for v in (rec.source, rec.imported_at, rec.model))):
        return None
    return rec


def current(filename: str) -> Optional[ImportRecord]:
    return _record(_read_index().get(filename, {}).get("current"))


def previous(filename: str) -> Optional[ImportRecord]:
    return _record(_read_index().get(filename, {}).get("previous"))


def import_file(src: os.PathLike | str, wf: WeightsFile, check_loads: Callable[[Path], None], *,
                replace: bool = True, model: str = "") -> Path:
    """Stage ``src`` in the imported folder, prove it with ``check_loads(staged_path)``, install it.

    Returns the installed path.  Raises :class:`WeightsFileError` (nothing changed) when the
    file is not a Keras weights file, does not load, or an import exists and ``replace`` is off.
    """
    src = Path(src)
    if not src.is_file():
        raise WeightsFileError(f"'{printable(src)}' is not a file.")
    try:
        fmt = keras_format(src)
    except StructureError as exc:
        raise WeightsFileError(f"'{printable(src)}' was not imported: {exc}. Choose a Keras weights file "
                               "(.h5 or .weights.h5).") from exc
    with _lock:
        old = current(wf.filename)
        if old is not None and not replace:
            raise WeightsFileError(
                f"Weights imported from '{printable(old.source)}' on {printable(old.imported_at[:10])} are already in "
                f"use for "
                f"{model or wf.filename}. Replace them (`weights import ... --replace`; the current ones are "
                "kept and `weights remove` brings them back), or remove them first.")
        name = stored_name(wf.filename, fmt)
        fileio.remove_stale_temps(imported_dir())
        stage_dir = fileio.temp_dir_beside(imported_dir() / name)
        try:
            staged = stage_dir / name
            sha, size = fileio.copy_hashed(src, staged)
            try:
                check_loads(staged)
            except Exception as exc:  # any Keras load error means "does not fit"
                raise WeightsFileError(
                    f"'{printable(src.name)}' does not fit {model or 'this model'}, so it was not imported: "
                    f"{exc}") from exc
            record = ImportRecord(wf.filename, name, sha, size, fmt, str(src.resolve()),
                                  _dt.datetime.now().isoformat(timespec="seconds"), model)
            _install(staged, record, old)
        finally:
            shutil.rmtree(stage_dir, ignore_errors=True)
    return record.path


def _install(staged: Path, record: ImportRecord, old: Optional[ImportRecord]) -> None:
    index = _read_index()
    slot = index.get(record.filename, {})
    if old is not None and old.path.is_file():
        stale = _record(slot.get("previous"))
        previous_dir().mkdir(parents=True, exist_ok=True)
        if stale is not None and stale.file != old.file:
            (previous_dir() / stale.file).unlink(missing_ok=True)  # ours: replaced by a newer previous
        os.replace(old.path, previous_dir() / old.file)
        slot["previous"] = asdict(old)
    os.replace(staged, record.path)
    slot["current"] = asdict(record)
    index[record.filename] = slot
    _write_index(index)


def remove(wf: WeightsFile, model: str = "") -> RemoveResult:
    """Remove the import for ``wf``; the previous import, if any, is in use again."""
    with _lock:
        index = _read_index()
        slot = index.get(wf.filename, {})
        rec = _record(slot.get("current"))
        legacy_plain = imported_dir() / wf.filename
        if rec is None:
            if legacy_plain.is_file():  # imported by an older version (no record): ours too
                legacy_plain.unlink()
                return RemoveResult(ImportRecord(wf.filename, wf.filename, "", 0, "legacy", "", "", model), None)
            raise WeightsFileError(f"No weights were imported for {model or wf.filename}; nothing was removed.")
        rec.path.unlink(missing_ok=True)
        prev = _record(slot.get("previous"))
        restored = None
        if prev is not None and (previous_dir() / prev.file).is_file():
            os.replace(previous_dir() / prev.file, prev.path)
            restored = prev
        if restored is not None:
            index[wf.filename] = {"current": asdict(restored)}
        else:
            index.pop(wf.filename, None)
        _write_index(index)
        return RemoveResult(rec, restored)
