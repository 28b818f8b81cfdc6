"""Where the compiled translations (.qm) come from.

The sources are Qt Linguist files, ``resources/i18n/<name>_<lang>.ts``; a .qm is never
checked in.  The installer compiles them at build time (``build/translations.py``) and ships
the .qm files beside where the sources would be.  Run from a checkout (an editable install),
the window compiles a source with ``pyside6-lrelease`` (it ships with PySide6) into the app's
data folder the first time, and again whenever the source changed: the compiled file is named
after the source's hash, so an edited or updated .ts is never shadowed by an old .qm.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

from engine import paths

APP = "pretrained_studio"  # the window's own strings
QT_EXTRA = "qt_extra"  # Qt's own words (standard buttons, file dialog) where Qt ships no translation
COMPILE_TIMEOUT_S = 60


class TranslationUnavailable(RuntimeError):
    """A .ts could not be compiled (no lrelease, or it failed): the window stays in English."""


def sources_dir() -> Path:
    return paths.resources_dir() / "i18n"


def cache_dir() -> Path:
    return paths.user_data_dir() / "translations"


def source(name: str, lang: str) -> Path:
    return sources_dir() / f"{name}_{lang}.ts"


def lrelease() -> Optional[str]:
    """The lrelease program PySide6 ships (its binary, else the ``pyside6-lrelease`` script)."""
    try:
        import PySide6

        folder = Path(PySide6.__file__).parent
        for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "libexec" / "lrelease"):
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    except ImportError:
        pass
    beside = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (beside / name).is_file():
            return str(beside / name)
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_ts(ts: Path, qm: Path) -> Path:
    """``ts`` compiled into ``qm``, written whole or not at all (a temp file renamed)."""
    tool = lrelease()
    if tool is None:
        raise TranslationUnavailable("pyside6-lrelease was not found (it ships with PySide6)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_name(f".{qm.name}.{os.getpid()}.tmp")
    try:
        done = subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp)], capture_output=True, text=True,
                              timeout=COMPILE_TIMEOUT_S)
        if done.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            raise TranslationUnavailable(f"lrelease could not compile {ts.name}: "
                                         f"{(done.stderr or done.stdout).strip()[:300]}")
        os.replace(tmp, qm)
    except (OSError, subprocess.SubprocessError) as exc:
        raise TranslationUnavailable(f"lrelease could not compile {ts.name}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return qm


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def qm_file(name: str, lang: str) -> Optional[Path]:
    """The .qm of ``name`` in ``lang``: the installer's, or one compiled from the current source
    (compiled now when there is none yet); None when the language has no such file."""
    ts = source(name, lang)
    shipped = sources_dir() / f"{name}_{lang}.qm"
    if not ts.is_file():
        return shipped if shipped.is_file() else None
    cached = cache_dir() / f"{name}_{lang}-{_digest(ts)}.qm"
    if cached.is_file() and cached.stat().st_size > 0:
        return cached
    compile_ts(ts, cached)
    for old in cache_dir().glob(f"{name}_{lang}-*.qm"):  # compiled from an earlier version of the source
        if old != cached:
            old.unlink(missing_ok=True)
    return cached


def qt_file(lang: str) -> Optional[Path]:
    """Qt's own translation of its dialogs (``qtbase_<lang>.qm``) where Qt ships one."""
    from PySide6.QtCore import QLibraryInfo

    for folder in (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), sources_dir()):
        found = folder / f"qtbase_{lang}.qm"
        if found.is_file():
            return found
    return None
