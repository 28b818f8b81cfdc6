"""Window geometry and layout in QSettings (GUI only); everything else is engine preferences."""

from __future__ import annotations

from PySide6.QtCore import QSettings

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


def restore_layout(window, splitters) -> bool:
    s = qsettings()
    geometry = s.value("window/geometry")
    if geometry is None:
        return False
    window.restoreGeometry(geometry)
    state = s.value("window/state")
    if state is not None:
        window.restoreState(state)
    for sp in splitters:
        value = s.value(f"splitters/{sp.objectName()}")
        if value is not None:
            sp.restoreState(value)
    return True
