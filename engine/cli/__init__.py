"""The headless command line: the same engine the GUI uses, for labs that script it."""

from __future__ import annotations

import argparse
import sys

from .. import __version__, housekeeping, preferences
from ..errors import StudioError
from ..jobs import Cancelled
from . import (backends_cmd, benchmark_cmd, cache_cmd, explain_cmd, inside_cmd, models_cmd, predict_cmd,
               train_cmd, weights_cmd)
from .common import fail, quiet_tensorflow, robust_output

COMMANDS = ("models", "predict", "weights", "explain", "benchmark", "layers", "activations", "filters", "train",
            "cache", "backends")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pretrained-studio" if getattr(sys, "frozen", False) else "python main.py",  # the installed name
        description="Pretrained Studio. Without a command the desktop app opens.",
    )
    p.add_argument("--version", "-V", action="version", version=f"Pretrained Studio {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    for mod in (models_cmd, predict_cmd, weights_cmd, explain_cmd, benchmark_cmd, inside_cmd, train_cmd, cache_cmd,
                backends_cmd):
        mod.register(sub)
    return p


def main(argv=None) -> int:
    quiet_tensorflow()
    robust_output()
    args = parser().parse_args(argv)
    try:
        housekeeping.tidy()
        for problem in preferences.load_report()[1]:
            print(f"warning: {problem}", file=sys.stderr)
        return int(args.run(args) or 0)
    except StudioError as exc:
        return fail(str(exc))
    except Cancelled:
        return fail("cancelled", 130)
    except KeyboardInterrupt:
        return fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
