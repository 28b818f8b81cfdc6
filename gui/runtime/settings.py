"""What the window remembers between runs, in QSettings (GUI only): geometry and layout,
the last model and its variant, the Train form, the last folder of each file dialog.
Everything that changes what the engine does is in the engine's preferences instead.

The settings file can be edited or damaged (``geometry=hello``): a value of the wrong type
or one Qt refuses is ignored, never allowed to stop the window from opening."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORG = "PretrainedStudio"
APP = "PretrainedStudio"
SETTINGS_CAP = 4 << 20  # geometry, layout and a few lists: a few KB


_checked = False
_folder: str = ""  # set by use_folder (tests, portable installs): where Qt keeps the .ini


def use_folder(folder: str) -> None:
    """Keep the settings file in ``folder`` (``QSettings.setPath``), and check it again."""
    global _checked, _folder
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    _folder, _checked = str(folder), False


def ini_path() -> Path:
    """Where Qt keeps the settings file (IniFormat, user scope), found without opening it:
    constructing a QSettings already reads the file, and a FIFO there would hang it."""
    if _folder:
        base = Path(_folder)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / ORG / f"{APP}.ini"


def qsettings() -> QSettings:
    global _checked
    if not _checked:
        _checked = True
        _check_file()
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def _check_file() -> None:
    """Qt reads the settings file itself: one that is a FIFO (a hang), a link to /dev/zero (a read
    without end), a folder or far too large is set aside first (engine.safefiles), and the window
    opens with its defaults."""
    from engine import safefiles

    path = ini_path()
    try:
        safefiles.read_head(path, 1)
        too_big = path.stat().st_size > SETTINGS_CAP
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        reason = str(exc)
    else:
        if not too_big:
            return
        reason = f"'{path.name}' is larger than {SETTINGS_CAP >> 20} MB"
    moved = safefiles.set_aside(path)
    safefiles.notice(f"the window settings {reason}; " + (f"set aside as '{moved.name}'; " if moved else "")
                     + "the window opens with its default layout")


def save_layout(window, splitters) -> None:
    s = qsettings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for sp in splitters:
        s.setValue(f"splitters/{sp.objectName()}", sp.saveState())
    s.sync()


def _blob(s: QSettings, key: str):
    """The stored QByteArray, or None when absent or of another type (a hand-edited file)."""
    try:
        value = s.value(key)
    except Exception:  # noqa: BLE001 - an unreadable value is an absent one
        return None
    if isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _restore(restore, value) -> bool:
    try:
        return bool(restore(value))
    except Exception:  # noqa: BLE001 - a damaged state is ignored, the default layout stays
        return False


def restore_layout(window, splitters) -> bool:
    s = qsettings()
    geometry = _blob(s, "window/geometry")
    if geometry is None or not _restore(window.restoreGeometry, geometry):
        return False
    state = _blob(s, "window/state")
    if state is not None:
        _restore(window.restoreState, state)
    for sp in splitters:
        value = _blob(s, f"splitters/{sp.objectName()}")
        if value is not None:
            _restore(sp.restoreState, value)
    return True


# -- small values ------------------------------------------------------------------------

def load_json(key: str, default=None):
    """A JSON value (a dict, a list…); ``default`` when absent or unreadable."""
    raw = qsettings().value(key)
    if raw is None:
        return default
    try:
        return json.loads(str(raw))
    except (ValueError, RecursionError):
        return default


def save_json(key: str, value) -> None:
    s = qsettings()
    s.setValue(key, json.dumps(value))
    s.sync()


# -- file dialogs ------------------------------------------------------------------------

def last_dir(kind: str) -> str:
    """Where the file dialog of ``kind`` ("images", "weights", "train", "export"…) opened last
    (the home folder the first time, not the program's folder)."""
    folder = qsettings().value(f"dirs/{kind}")
    if folder and Path(str(folder)).is_dir():
        return str(folder)
    return str(Path.home())


def export_start(name: str, pictures: bool = False) -> str:
    """Where a save dialog starts for ``name``: the folder of the last export, else the user's
    Pictures folder (for images) or home — never the program's own folder."""
    from PySide6.QtCore import QStandardPaths

    folder = qsettings().value("dirs/export")
    if not (folder and Path(str(folder)).is_dir()):
        folder = Path.home()
        if pictures:
            found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
            folder = Path(found) if found and Path(found).is_dir() else folder
    return str(Path(str(folder)) / name)


def remember_dir(kind: str, chosen: str) -> None:
    """Remember the folder of a chosen file, or a chosen folder itself."""
    if not chosen:
        return
    p = Path(chosen)
    folder = p if p.is_dir() else p.parent
    s = qsettings()
    s.setValue(f"dirs/{kind}", str(folder))
    s.sync()
