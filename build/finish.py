"""After PyInstaller: strip the shared libraries (Linux) and pack the folder into the
archive a lab downloads (``.tar.gz``; ``.zip`` on Windows)."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import elf


def strippable(internal: Path) -> list[Path]:
    """ELF libraries under ``_internal`` that still carry symbol tables.  Not the
    executables (PyInstaller keeps the application archive in an ELF section of each), not
    symlinks, and not libraries with an integrity checksum beside them (``.hmac``/``.chk``)."""
    out = []
    for path in internal.rglob("*"):
        if path.is_symlink() or not path.is_file() or path.suffix in (".py", ".pyc", ".json", ".txt", ".h5"):
            continue
        if Path(f"{path}.hmac").exists() or Path(f"{path}.chk").exists() or path.with_suffix(".hmac").exists():
            continue
        if elf.is_elf(path) and elf.worth_stripping(path):
            out.append(path)
    return out


def strip_libraries(internal: Path, jobs: int | None = None) -> tuple[int, int, list[str]]:
    """``strip --strip-unneeded`` each library into a copy (keeps the dynamic symbols a
    library is loaded by; drops static symbol tables and debug sections) and keep the copy
    only where the loader would still accept it.  Returns the bytes before and after and
    the files left as they were, with the reason."""
    files = strippable(internal)
    before = sum(p.stat().st_size for p in files)
    kept: list[str] = []

    def one(path: Path) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.strip")
        done = subprocess.run(["strip", "--strip-unneeded", "-o", str(tmp), str(path)], capture_output=True, text=True)
        rel = path.relative_to(internal)
        if done.returncode != 0:
            kept.append(f"{rel}: strip failed: {done.stderr.strip()}")
        elif not elf.loadable(tmp):
            kept.append(f"{rel}: not loadable after strip (a patchelf-edited library)")
        else:
            shutil.copymode(path, tmp)
            os.replace(tmp, path)
        tmp.unlink(missing_ok=True)

    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        list(pool.map(one, files))
    after = sum(p.stat().st_size for p in files)
    return before, after, kept


def link_identical_executable(app: Path, main: str, other: str) -> bool:
    """On Linux the windowed and the console executables are the same file (there is no
    console flag; each embeds the same 30 MB of Python modules): make ``other`` a relative
    symbolic link to ``main``.  False, and nothing changed, where they differ."""
    a, b = app / main, app / other
    if not (a.is_file() and b.is_file()) or b.is_symlink() or a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                break
    tmp = app / f".{other}.{os.getpid()}.link"
    tmp.symlink_to(main)
    os.replace(tmp, b)
    return True


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{platform.machine().lower()}"


def archive(app: Path, out_dir: Path, stem: str, xz: bool = False) -> Path:
    """``stem.zip`` on Windows, ``stem.tar.gz`` elsewhere (``stem.tar.xz`` with ``xz``),
    holding ``stem/`` (the app folder, or on macOS the ``.app``).  Written beside and renamed
    into place when complete."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        target = out_dir / f"{stem}.zip"
        partial = target.with_name(target.name + f".{os.getpid()}.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for path in sorted(app.rglob("*")):
                if path.is_file():
                    z.write(path, Path(stem) / path.relative_to(app))
    else:
        target = out_dir / f"{stem}.tar.{'xz' if xz else 'gz'}"
        partial = target.with_name(target.name + f".{os.getpid()}.part")
        arcname = stem if app.suffix != ".app" else app.name
        options = {"preset": 1} if xz else {"compresslevel": 6}  # higher presets take several times longer
        with tarfile.open(partial, "w:xz" if xz else "w:gz", **options) as t:
            t.add(app, arcname=arcname)  # keeps symlinks (the .app's Frameworks links)
    os.replace(partial, target)
    return target
