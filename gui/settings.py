"""Window geometry and layout in QSettings (GUI only); everything else is engine preferences.

The settings file can be edited or damaged (``geometry=hello``): a value of the wrong type
or one Qt refuses is ignored, never allowed to stop the window from opening."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORG = "PretrainedStudio"
APP = "PretrainedStudio"


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


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
