"""QtCore without the Qt translations the app never loads (replaces PyInstaller's hook)."""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

import trim

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = trim.filter_hook_entries(binaries)
datas = trim.filter_hook_entries(datas)
