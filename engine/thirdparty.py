"""Third-party libraries write nothing the user did not ask for: settled once, when the engine
is imported, before any of them is.

* OpenVINO's usage telemetry.  ``import openvino`` imports its converter, whose package
  creates ``~/intel/openvino_ga_cid`` (a client identifier) and ``~/intel/stats`` and sends
  usage events whenever no consent file exists.  Labs are offline and students are not asked,
  so the ``openvino_telemetry`` package is kept off the import path (its ``sys.modules`` entry
  is None: importing it fails) and OpenVINO falls back to its own no-op stub.  The installer
  leaves the package out altogether (``build/trim.py``).
* matplotlib's font list, built on first use, goes to the app's cache folder instead of
  ``~/.cache/matplotlib`` (unless ``MPLCONFIGDIR`` is set: the person's choice stands).
"""

from __future__ import annotations

import os
import sys

from . import paths

BLOCKED_MODULES = ("openvino_telemetry",)


def settle() -> None:
    for name in BLOCKED_MODULES:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  (None: "import name" raises ImportError)
    os.environ.setdefault("MPLCONFIGDIR", str(paths.user_cache_dir() / "matplotlib"))
