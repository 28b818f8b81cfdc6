"""How big a build is, and which part of it is TensorFlow, Qt, OpenVINO or the rest.

Files are attributed by where PyInstaller put them: a package's folder (``tensorflow/``,
``PySide6/``, ``openvino/`` ...) or, for libraries it lifted into the top folder, by name.
Symbolic links count nothing (their target is counted once).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

GROUPS = {
    "TensorFlow": ["tensorflow/*", "*libtensorflow*", "keras/*", "ml_dtypes/*", "h5py*", "libhdf5*", "grpc/*",
                   "google/*", "absl/*", "optree/*", "wrapt/*", "flatbuffers/*", "opt_einsum/*", "gast/*",
                   "_pywrap_tensorflow*", "lib_pywrap_tensorflow*", "libpywrap_tflite*"],
    "Qt": ["PySide6/*", "shiboken6/*", "*Qt6*", "*libicu*", "*icu*.dll", "*pyside6*", "*shiboken6*",
           "libxcb*", "libX*", "libxkbcommon*", "libfontconfig*", "libfreetype*", "libdbus*", "libglib*",
           "libgthread*", "libpcre2*"],
    "OpenVINO": ["openvino/*", "*libopenvino*", "*openvino*.dll", "libtbb*", "tbb*.dll", "libhwloc*"],
}
OTHER = "the rest"


def group_of(rel: str) -> str:
    """The group of a path relative to the folder holding the libraries (``_internal``)."""
    rel = rel.replace("\\", "/")
    for group, patterns in GROUPS.items():
        if any(fnmatch.fnmatch(rel, p) for p in patterns):
            return group
    return OTHER


def internal_dir(app: Path) -> Path:
    """Where the libraries are: ``_internal`` (Linux, Windows) or the .app's Frameworks."""
    for candidate in (app / "_internal", app / "Contents" / "Frameworks"):
        if candidate.is_dir():
            return candidate
    return app


def breakdown(app: Path) -> dict[str, int]:
    """Bytes per group, plus ``total``."""
    app = Path(app)
    internal = internal_dir(app)
    out = {g: 0 for g in [*GROUPS, OTHER]}
    for path in app.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            rel = str(path.relative_to(internal))
        except ValueError:
            rel = path.name  # the executables beside _internal
        out[group_of(rel)] += path.stat().st_size
    out["total"] = sum(out.values())
    return out


def format_mb(sizes: dict[str, int]) -> str:
    return ", ".join(f"{k} {v / 1e6:,.0f} MB" for k, v in sizes.items())
