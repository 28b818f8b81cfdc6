"""Starting the window again: a new language applies at the next start (every widget is
built in it then), and Preferences offers to restart now."""

from __future__ import annotations

import sys

from engine import paths


def command(argv: list[str]) -> list[str]:
    """The program and arguments that start this window again (``argv``: the window's own)."""
    if getattr(sys, "frozen", False):  # the installer's executable is the window
        return [sys.executable, *argv]
    main = paths.resources_dir().parent / "main.py"
    if main.is_file():
        return [sys.executable, str(main), *argv]
    return [sys.executable, "-c", "import sys; from gui.app import run; sys.exit(run(sys.argv[1:]))", *argv]


def restart(argv: list[str]) -> bool:
    """Start a new window process (detached: it outlives this one); True when it started."""
    from PySide6.QtCore import QProcess

    program, *arguments = command(argv)
    started, _pid = QProcess.startDetached(program, arguments)
    if not started:
        print(f"could not start the window again: {' '.join(command(argv))}", file=sys.stderr)
    return bool(started)
