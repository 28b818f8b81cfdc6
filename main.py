"""Pretrained Studio.

    python main.py                 the desktop app (--lang en|vi: its language for this start)
    python main.py --self-test     start the real window offscreen, predict a sample, exit
    python main.py --version       the version
    python main.py COMMAND ...     the same engine, headless (models, predict, weights, ...)
"""

import sys
import time

_T0 = time.perf_counter()


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] in (["--version"], ["-V"]):
        from engine import __version__

        print(f"Pretrained Studio {__version__}")
        return 0
    from engine.cli import COMMANDS

    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        from engine.cli import main as cli_main

        return cli_main(argv)
    from gui.app import run

    return run(argv, _T0)


if __name__ == "__main__":
    sys.exit(main())
