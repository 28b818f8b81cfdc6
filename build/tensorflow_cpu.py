"""The CPU-only TensorFlow that the Linux installer ships.

TensorFlow's Linux wheel ``tensorflow`` carries CUDA kernels for every GPU generation inside
its two core libraries (2.21: ``libtensorflow_cc.so.2`` 1,046 MB, ``libtensorflow_framework``
155 MB as installed).  A one-folder CPU build cannot use them — the CUDA runtime is not in it —
yet they were a third of its size.  ``tensorflow-cpu`` is the same release built without CUDA
(751 and 62 MB; the same requirements), so the installer bundles ``tensorflow-cpu`` of exactly
the installed version in place of ``tensorflow``: nothing in the developer's environment
changes, and the app imports ``tensorflow`` as before.

The wheel is fetched with pip (which checks it against the index's hash) or given as a file
for builds without network; every file in it is checked against the wheel's own RECORD and it
is unpacked once into the work folder, all or nothing.  PyInstaller then finds it first on its
import path (``PYTHONPATH``, so PyInstaller's hook subprocesses see the same package).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path, PurePosixPath

from engine import fileio
from engine.fileio import sha256_of

DIST = "tensorflow-cpu"
MARKER = ".unpacked-from"  # written last: an overlay without it is a killed unpack


class WheelError(RuntimeError):
    """The CPU wheel could not be fetched, or is not the wheel it claims to be."""


def installed() -> tuple[str, str | None]:
    """(distribution, version) of the TensorFlow this environment has."""
    for dist in ("tensorflow", DIST, "tensorflow-intel", "tensorflow-macos"):
        try:
            return dist, metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "tensorflow", None


def wheel_version(wheel: Path) -> str:
    m = re.match(r"tensorflow_cpu-([^-]+)-", wheel.name)
    if not m:
        raise WheelError(f"{wheel.name} is not a tensorflow-cpu wheel")
    return m.group(1)


def compatible(wheel: Path) -> bool:
    """A wheel this interpreter can load (its Python, ABI and platform tags)."""
    from packaging.tags import sys_tags
    from packaging.utils import InvalidWheelFilename, parse_wheel_filename

    try:
        tags = parse_wheel_filename(wheel.name)[3]
    except InvalidWheelFilename:
        return False
    return not tags.isdisjoint(sys_tags())


def fetch(version: str, folder: Path) -> Path:
    """Download ``tensorflow-cpu==version`` for this interpreter into ``folder`` (pip checks
    the index's hash; a wheel already there is reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--disable-pip-version-check", "--dest", str(folder), f"{DIST}=={version}"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise WheelError(f"pip could not download {DIST}=={version}: {' / '.join(tail)}\n"
                         "Give a wheel with --tensorflow-wheel FILE, or bundle the installed "
                         "TensorFlow with --tensorflow installed.")
    wheels = sorted(w for w in folder.glob(f"tensorflow_cpu-{version}-*.whl") if compatible(w))
    if not wheels:
        raise WheelError(f"pip reported success but left no tensorflow_cpu-{version} wheel in {folder}")
    return wheels[-1]


def _record(zf: zipfile.ZipFile) -> dict[str, str]:
    names = [n for n in zf.namelist() if re.fullmatch(r"tensorflow_cpu-[^/]+\.dist-info/RECORD", n)]
    if len(names) != 1:
        raise WheelError("the wheel has no RECORD of its files")
    rows = csv.reader(io.TextIOWrapper(zf.open(names[0]), encoding="utf-8"))
    return {row[0]: row[1] for row in rows if len(row) > 1 and row[1]}


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name:
        raise WheelError(f"the wheel holds a path outside its folder: {name!r}")
    return path


def _extract_checked(zf: zipfile.ZipFile, name: str, expected: str, target: Path) -> None:
    algo, _, want = expected.partition("=")
    if algo != "sha256":
        raise WheelError(f"{name}: RECORD hash {algo!r} is not sha256")
    digest = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(name) as src, open(target, "wb") as dst:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            dst.write(block)
    got = base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()
    if got != want:
        raise WheelError(f"{name} does not match the wheel's RECORD (damaged download?)")
    info = zf.getinfo(name)
    if (info.external_attr >> 16) & 0o111:
        target.chmod(0o755)


def _reusable(overlay: Path, wheel_sha: str) -> bool:
    marker = overlay / MARKER
    return marker.is_file() and marker.read_text().strip() == wheel_sha


def unpack(wheel: Path, work: Path) -> Path:
    """The folder to put first on the import path: ``tensorflow/`` of the wheel, every file
    checked against RECORD.  Unpacked into a temporary folder and renamed when complete; a
    later build with the same wheel reuses it."""
    version = wheel_version(wheel)
    wheel_sha = sha256_of(wheel)
    overlay = work / f"tensorflow-cpu-{version}"
    if _reusable(overlay, wheel_sha):
        return overlay
    if overlay.exists() and not (overlay / MARKER).is_file():
        raise WheelError(f"{overlay} exists and was not unpacked by this script: move it, or choose "
                         "another --work folder")
    fileio.remove_stale_temps(work)  # a killed build's half unpack (its process is gone)
    partial = fileio.temp_dir_beside(overlay)
    try:
        with zipfile.ZipFile(wheel) as zf:
            record = _record(zf)
            members = [n for n in zf.namelist() if not n.endswith("/")]
            unlisted = [n for n in members if n not in record and not n.endswith("/RECORD")]
            if unlisted:
                raise WheelError(f"files not in the wheel's RECORD: {unlisted[:3]}")
            if not any(n.startswith("tensorflow/") for n in members):
                raise WheelError(f"{wheel.name} holds no tensorflow package")
            for name in members:
                path = _safe_member(name)
                if stat.S_ISLNK(zf.getinfo(name).external_attr >> 16):
                    raise WheelError(f"the wheel holds a symbolic link: {name!r}")
                if name in record:
                    _extract_checked(zf, name, record[name], partial.joinpath(*path.parts))
        (partial / MARKER).write_text(wheel_sha + "\n")
        if _reusable(overlay, wheel_sha):  # another build finished the same unpack meanwhile
            shutil.rmtree(partial)
            return overlay
        shutil.rmtree(overlay, ignore_errors=True)  # ours (it has the marker), from another wheel
        partial.rename(overlay)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return overlay


def prepare(work: Path, wheel: Path | None = None) -> Path:
    """Fetch (unless given) and unpack the CPU wheel matching the installed TensorFlow."""
    dist, version = installed()
    if version is None:
        raise WheelError("TensorFlow is not installed in this environment")
    if wheel is None:
        wheel = fetch(version, work / "wheels")
    elif wheel_version(wheel) != version:
        raise WheelError(f"{wheel.name} is TensorFlow {wheel_version(wheel)}, but {dist} {version} is "
                         "installed: the other packages (Keras, NumPy, ml_dtypes…) are matched to that one")
    elif not compatible(wheel):
        raise WheelError(f"{wheel.name} is built for another Python or platform than this one")
    return unpack(wheel, work)


def import_path_with(overlay: Path, env: dict[str, str]) -> dict[str, str]:
    """``env`` with ``overlay`` first on PYTHONPATH."""
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join([str(overlay), *filter(None, [env.get("PYTHONPATH")])])
    return env
