"""Submodule lists for the hooks, read from the file system.

PyInstaller's ``collect_submodules`` imports every package in a subprocess to list its
modules: about 25 s for TensorFlow and Keras here, on every build.  Both packages are plain
folders of ``.py`` files, so walking the folder gives the same names at once.  Tests and
the backends the app does not run on are not listed (anything they still import is found
by the normal analysis).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

SKIPPED_PARTS = {"tests", "test", "kernel_tests", "testing", "memory_tests", "benchmarks", "__pycache__"}


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{name} is not an installed package")
    return Path(list(spec.submodule_search_locations)[0])


def submodules(name: str, skip_prefixes=()) -> list[str]:
    """Dotted names of every module under package ``name`` (source or extension), sorted."""
    root = package_dir(name)
    out = set()
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root).parts
        dirs[:] = [d for d in dirs if d not in SKIPPED_PARTS and (Path(folder, d) / "__init__.py").exists()]
        prefix = ".".join((name, *rel))
        for f in files:
            stem, ext = f.split(".", 1)[0], f.rsplit(".", 1)[-1]
            if ext not in ("py", "so", "pyd") or stem.endswith("_test") or stem.startswith("test_"):
                continue
            out.add(prefix if stem == "__init__" else f"{prefix}.{stem}")
    return sorted(m for m in out if not any(m == p or m.startswith(p + ".") for p in skip_prefixes))
