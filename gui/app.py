"""Application start: the window first, TensorFlow afterwards (in the worker), and the
``--self-test`` that the installer runs too."""

from __future__ import annotations

import os
import sys
import time

from engine import __version__, paths

_T0 = time.perf_counter()


def app_icon():
    """The app icon at every size rendered from resources/icons/pretrained-studio.svg."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons").glob("pretrained-studio-*.png")):
        icon.addFile(str(png))
    return icon


def images_to_open(argv: list[str]) -> tuple[list[str], str]:
    """The images or folders named on the command line (a file manager's "Open with" passes
    them), or a message saying why the arguments cannot be opened."""
    options = [a for a in argv if a.startswith("-")]
    if options:
        return [], f"unknown arguments: {' '.join(options)} (try --help)"
    missing = [a for a in argv if not os.path.exists(a)]
    if missing:
        return [], f"cannot open {', '.join(missing)}: no such file or folder"
    return [os.path.abspath(a) for a in argv], ""


def run(argv=None, t0: float | None = None) -> int:
    argv = list(argv or [])
    t0 = _T0 if t0 is None else t0
    self_test = "--self-test" in argv
    to_open: list[str] = []
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .shell.self_test import parse_args

        args = parse_args(argv)
    else:
        to_open, problem = images_to_open(argv)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from PySide6.QtWidgets import QApplication

    from .shell.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Pretrained Studio")
    app.setOrganizationName("PretrainedStudio")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("pretrained-studio")  # the Linux package's .desktop entry: its icon and name
    app.setWindowIcon(app_icon())
    window = MainWindow()
    window.show()
    app.processEvents()
    shown = time.perf_counter() - t0
    from engine import housekeeping

    housekeeping.tidy()  # leftovers of a process killed while writing (after the first paint)
    if self_test:
        from .shell.self_test import run as self_test_run

        return self_test_run(app, window, args, t0, shown)
    if to_open:
        window.open_paths(to_open)  # predicted as soon as TensorFlow is ready
    window.start_engine()
    return app.exec()
