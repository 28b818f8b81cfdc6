"""Build the installer: a one-folder application in ``dist/`` and an archive of it.

    python build/package.py [--bundle-weights PACK_DIR] [--no-archive] [--xz] [--deb] [--dist DIR] [--work DIR]
                            [--tensorflow cpu|installed] [--tensorflow-wheel FILE]

Produces ``dist/PretrainedStudio/`` (Windows, Linux) or ``dist/PretrainedStudio.app``
(macOS) holding two executables that share one set of libraries — ``PretrainedStudio``
(the window) and ``pretrained-studio`` (the command line, every sub-command of main.py) —
and ``dist/PretrainedStudio-VERSION-PLATFORM.tar.gz`` (``.zip`` on Windows); with ``--deb``
also ``dist/pretrained-studio_VERSION_ARCH.deb`` (``build/debian.py``).

Steps: check the weight pack (if any) against its manifest; on Linux, fetch and unpack
``tensorflow-cpu`` of the installed version (``build/tensorflow_cpu.py``: the ``tensorflow``
wheel's CUDA kernels are a third of the build); record the libraries a smoke run of the app
loads (``build/smoke.py``: the build must hold them); run PyInstaller on
``build/pretrained_studio.spec`` (what is included and left out: ``build/trim.py``);
strip the shared libraries on Linux; write the archive.  Needs the ``build`` extra
(``pip install -e ".[build]"``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
sys.path.insert(0, str(BUILD_DIR))
sys.path.insert(1, str(ROOT))

import debian  # noqa: E402
import finish  # noqa: E402
import sizes  # noqa: E402
import smoke  # noqa: E402
import tensorflow_cpu  # noqa: E402
import weight_pack  # noqa: E402
from engine import __version__  # noqa: E402

APP, CLI = "PretrainedStudio", "pretrained-studio"
SPEC = BUILD_DIR / "pretrained_studio.spec"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python build/package.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle-weights", metavar="PACK_DIR", type=Path,
                   help="ship this weight pack (python main.py weights pack DIR) inside the build; "
                        "the app finds it first, without network")
    p.add_argument("--no-archive", action="store_true", help="build the folder only (the tests do)")
    p.add_argument("--xz", action="store_true", help="a .tar.xz instead of .tar.gz (smaller, slower to write)")
    p.add_argument("--deb", action="store_true",
                   help="also a Debian/Ubuntu package (Linux, needs dpkg-deb): installs to /opt/pretrained-studio, "
                        "with /usr/bin/pretrained-studio and a menu entry that opens images")
    p.add_argument("--tensorflow", choices=("cpu", "installed"),
                   default="cpu" if sys.platform.startswith("linux") else "installed",
                   help="cpu: bundle tensorflow-cpu of the installed version, without CUDA kernels (default "
                        "on Linux; pip downloads it once into the work folder); installed: bundle the "
                        "TensorFlow of this environment as it is (the default on Windows and macOS, whose "
                        "wheels carry no CUDA)")
    p.add_argument("--tensorflow-wheel", metavar="FILE", type=Path,
                   help="the tensorflow-cpu wheel to bundle, for builds without network (implies --tensorflow cpu)")
    p.add_argument("--no-strip", action="store_true", help="keep the libraries' symbol tables (Linux)")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    p.add_argument("--work", type=Path, default=ROOT / "build" / "pyi-work",
                   help="PyInstaller's work folder (default: build/pyi-work/)")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    p.add_argument("--naive", action="store_true",
                   help="PyInstaller's defaults, nothing left out or stripped (the benchmark's baseline)")
    return p


def app_path(dist: Path) -> Path:
    return dist / (f"{APP}.app" if sys.platform == "darwin" else APP)


def run_pyinstaller(args, overlay: Path | None, loaded: Path | None = None) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is not installed: pip install -e ".[build]"') from None
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--distpath", str(args.dist), "--workpath", str(args.work)]
    if args.clean:
        cmd.append("--clean")
    spec_args = (["--bundle-weights", str(args.bundle_weights.resolve())] if args.bundle_weights else []) + (
        ["--naive"] if args.naive else []) + (["--tensorflow-overlay", str(overlay.resolve())] if overlay else []) + (
        ["--loaded-libraries", str(loaded.resolve())] if loaded else [])
    if spec_args:
        cmd += ["--", *spec_args]
    env = tensorflow_cpu.import_path_with(overlay, os.environ) if overlay else None
    done = subprocess.run(cmd, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"PyInstaller failed (exit {done.returncode}); see the messages above")


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    t0 = time.perf_counter()
    if args.deb and not (sys.platform.startswith("linux") and shutil.which("dpkg-deb")):
        print("error: --deb needs Linux with dpkg-deb (Debian/Ubuntu: apt-get install dpkg)", file=sys.stderr)
        return 2
    if args.bundle_weights:
        try:
            entries = weight_pack.verify(args.bundle_weights)
        except weight_pack.PackError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"weight pack {args.bundle_weights}: {len(entries)} files verified against the manifest")
    overlay = None
    if tensorflow_cpu.installed()[0] == tensorflow_cpu.DIST and not args.tensorflow_wheel:
        print("TensorFlow: tensorflow-cpu is the installed one; bundled as it is")
    elif (args.tensorflow == "cpu" or args.tensorflow_wheel) and not args.naive:
        try:
            overlay = tensorflow_cpu.prepare(args.work, args.tensorflow_wheel)
        except tensorflow_cpu.WheelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"TensorFlow: {overlay.name} (no CUDA kernels), every file checked against the wheel's RECORD")
    loaded = None
    if not args.naive:
        t = time.perf_counter()
        libraries = smoke.record(args.work, overlay)
        if libraries is None:
            print("smoke run: this platform cannot list a process's libraries; the build is not checked against it")
        else:
            loaded = args.work / "smoke-libraries.json"
            loaded.write_text(json.dumps(libraries), encoding="utf-8")
            print(f"smoke run (OpenVINO: convert, cache, read back, predict): {len(libraries)} libraries loaded "
                  f"({time.perf_counter() - t:.0f} s)")
    app = app_path(args.dist)
    run_pyinstaller(args, overlay, loaded)  # replaces its own earlier output in the dist folder
    print(f"PyInstaller: {time.perf_counter() - t0:.0f} s")
    linux = sys.platform.startswith("linux") and not args.naive
    if linux and finish.link_identical_executable(app, APP, CLI):
        print(f"{CLI} -> {APP} (identical on Linux: a symbolic link)")
    if linux and not args.no_strip and shutil.which("strip") is None:
        print("strip not found (install binutils): the libraries keep their symbol tables")
    elif linux and not args.no_strip:
        t = time.perf_counter()
        before, after, failed = finish.strip_libraries(sizes.internal_dir(app))
        print(f"strip --strip-unneeded: {before / 1e6:,.0f} MB -> {after / 1e6:,.0f} MB "
              f"({time.perf_counter() - t:.0f} s)")
        for line in failed:
            print(f"  not stripped: {line}")
    print(f"{app}: {sizes.format_mb(sizes.breakdown(app))}")
    if not args.no_archive:
        t = time.perf_counter()
        target = finish.archive(app, args.dist, f"{APP}-{__version__}-{finish.platform_tag()}", xz=args.xz)
        print(f"{target}: {target.stat().st_size / 1e6:,.0f} MB ({time.perf_counter() - t:.0f} s)")
    if args.deb:
        t = time.perf_counter()
        try:
            deb = debian.build(app, args.dist, __version__, ROOT / "resources")
        except debian.PackageError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"{deb}: {deb.stat().st_size / 1e6:,.0f} MB ({time.perf_counter() - t:.0f} s)")
    print(f"built in {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
