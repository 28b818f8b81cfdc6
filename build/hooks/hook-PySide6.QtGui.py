"""QtGui with only the plugins the app uses (replaces PyInstaller's hook).

Filtering here, before PyInstaller follows the plugins' library dependencies, also keeps
out what only the dropped plugins link (Wayland client, GTK, EGL device integration).
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

import trim

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = trim.filter_hook_entries(binaries)
datas = trim.filter_hook_entries(datas)
