"""Benchmark: the installer — build time, sizes, and start-up frozen vs from source.

    python tests/perf/bench_build.py [--runs 3] [--naive] [--keep DIR] [--app DIR]

Builds with ``build/package.py`` (folder + archive, and on Linux with dpkg-deb the ``.deb``) into
a temp folder and reports: build time; one-folder, archive and ``.deb`` size split into TensorFlow / Qt / OpenVINO / the rest
(the archive's split: each group's files compressed alone at the archive's level, so
the parts add up to about the real archive); then, interleaved ``--runs`` times, the time
from process start to the first window and to the first prediction (``--self-test
--weights none``, offscreen) for the frozen app and for ``python main.py``.  ``--naive``
also builds with PyInstaller's defaults (contrib hooks, nothing left out, nothing
stripped): the baseline the trimming is measured against.
Goals: one folder <= 1.2 GB, archive <= 400 MB, frozen first window < 2 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build"))

import sizes  # noqa: E402


def build(out: Path, *extra: str) -> tuple[float, Path, str]:
    t = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "build" / "package.py"), "--dist", str(out / "dist"),
                           "--work", str(out / "work"), *extra], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    app = out / "dist" / ("PretrainedStudio.app" if sys.platform == "darwin" else "PretrainedStudio")
    return seconds, app, done.stdout


def compressed_by_group(app: Path) -> dict[str, int]:
    """Each group's files deflated alone at level 6 (what the .tar.gz / .zip use)."""
    internal = sizes.internal_dir(app)
    out = {g: 0 for g in [*sizes.GROUPS, sizes.OTHER]}
    for path in app.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            group = sizes.group_of(str(path.relative_to(internal)))
        except ValueError:
            group = sizes.OTHER
        z = zlib.compressobj(6)
        n = 0
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 22), b""):
                n += len(z.compress(chunk))
        out[group] += n + len(z.flush())
    out["total"] = sum(out.values())
    return out


def timed_self_test(cmd: list[str], env: dict) -> tuple[float, float]:
    """Seconds from spawning the process to the 'window shown' and 'top-1' lines."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    window = first = float("nan")
    for line in p.stdout:
        if line.startswith("window shown:"):
            window = time.perf_counter() - t0
        elif line.startswith("top-1:"):
            first = time.perf_counter() - t0
    if p.wait() != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}")
    return window, first


def startup(app: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    exe = app / "Contents" / "MacOS" / "PretrainedStudio" if sys.platform == "darwin" else app / "PretrainedStudio"
    frozen_env = {"PATH": str(exe.parent), "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    if sys.platform == "win32":
        exe = exe.with_name("pretrained-studio.exe")
        frozen_env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP") if k in os.environ})
    source_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PRETRAINED_STUDIO_HOME=str(home / "source"))
    args = ["--self-test", "--weights", "none"]
    out = {"frozen": [], "source": [], "frozen --version": [], "source --version": []}
    for _ in range(runs):  # interleaved: both see the same machine load
        out["frozen"].append(timed_self_test([str(exe), *args], frozen_env))
        out["source"].append(timed_self_test([sys.executable, str(ROOT / "main.py"), *args], source_env))
        out["frozen --version"].append(timed_run([str(exe), "--version"], frozen_env))
        out["source --version"].append(timed_run([sys.executable, str(ROOT / "main.py"), "--version"], source_env))
    return out


def timed_run(cmd: list[str], env: dict) -> float:
    """A process that starts and exits at once: the fixed cost of starting (bootloader, Python)."""
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=ROOT)
    return time.perf_counter() - t0


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--naive", action="store_true", help="also build with PyInstaller's defaults, for comparison")
    p.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    p.add_argument("--app", type=Path, help="measure this existing build's size and start-up; build nothing")
    args = p.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start" if hasattr(os, "getloadavg")
          else f"{os.cpu_count()} CPUs")
    if args.app:
        print(f"{args.app}: " + sizes.format_mb(sizes.breakdown(args.app)))
        report_startup(args.app, args.runs)
        return 0
    out = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    deb = ["--deb"] if sys.platform.startswith("linux") and shutil.which("dpkg-deb") else []
    seconds, app, log = build(out, *deb)
    print(log.strip())
    archive = next((out / "dist").glob("PretrainedStudio-*.*"))
    folder = sizes.breakdown(app)
    packed = compressed_by_group(app)
    print(f"\nbuild (PyInstaller + strip + archive): {seconds:.0f} s")
    print(f"one folder: {mb(folder['total'])} (goal <= 1,200 MB): " + sizes.format_mb(folder))
    print(f"archive {archive.name}: {mb(archive.stat().st_size)} (goal <= 400 MB); "
          f"each group deflated alone: " + sizes.format_mb(packed))
    for package in (out / "dist").glob("*.deb"):
        seconds_line = next((line for line in log.splitlines() if line.startswith(str(package))), "")
        print(f"Linux package {package.name}: {mb(package.stat().st_size)} ({seconds_line.rsplit('(', 1)[-1].rstrip(')')}"
              f" to write, dpkg-deb xz -1)")
    if args.naive:
        naive_s, naive_app, _ = build(out / "naive", "--naive", "--no-archive")
        naive = sizes.breakdown(naive_app)
        print(f"naive build (PyInstaller defaults): {naive_s:.0f} s, {mb(naive['total'])}: "
              + sizes.format_mb(naive) + f"; trimmed/naive = {folder['total'] / naive['total']:.2f}")
    report_startup(app, args.runs)
    return 0


def report_startup(app: Path, runs: int) -> None:
    times = startup(app, runs)
    for what, label in ((0, "first window"), (1, "first prediction")):
        fz = statistics.median(t[what] for t in times["frozen"])
        src = statistics.median(t[what] for t in times["source"])
        print(f"{label} from process start (median of {runs}): frozen {fz:.2f} s, "
              f"source {src:.2f} s (frozen/source {fz / src:.2f})")
    fz, src = (statistics.median(times[f"{k} --version"]) for k in ("frozen", "source"))
    print(f"start and exit (--version, median of {runs}): frozen {fz:.2f} s, source {src:.2f} s")


if __name__ == "__main__":
    raise SystemExit(main())
