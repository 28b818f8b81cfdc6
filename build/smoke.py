"""The libraries the app loads at run time, recorded from a smoke run before the build.

OpenVINO opens its front ends and plugins by name when ``convert_model``, ``read_model`` and
``compile_model`` first need them (and TBB opens its allocator and ``tbbbind`` the same way),
so PyInstaller's analysis cannot see them: a build that missed the IR front end imported
fine, converted on the first run and fell back to Keras on every later one (it could not read
its own cache).  This runs the app's OpenVINO path from source, in the environment the build
bundles (the CPU TensorFlow overlay first on the import path), with a throw-away home:
convert a model, write it to the conversion cache, read it back, compile it for one image and
for throughput, predict — then lists every shared library mapped into the process
(``/proc/self/maps``).  ``build/trim.py`` refuses a build that would lack one of them.

One process does every step a first and a later run do, so what it maps covers both.  Linux
only (``/proc``); elsewhere the record is empty and the check is skipped with a notice.

    python build/smoke.py --child OUT.json      (what :func:`record` runs)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from importlib import metadata
from pathlib import Path

BUILD_DIR = Path(__file__).resolve().parent
ROOT = BUILD_DIR.parent
VERSIONS_OF = ("tensorflow", "tensorflow-cpu", "keras", "openvino", "numpy")


def mapped_libraries(maps: str) -> list[str]:
    """Paths of the shared libraries in a ``/proc/PID/maps`` text (each once, sorted)."""
    out = set()
    for line in maps.splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6 and parts[5].startswith("/"):
            path = parts[5].removesuffix(" (deleted)")
            name = path.rsplit("/", 1)[-1]
            if name.endswith(".so") or ".so." in name:
                out.add(path)
    return sorted(out)


def exercise() -> str:
    """The app's OpenVINO path, twice over one model: converted, then read from the cache."""
    import keras
    import numpy as np

    from engine import backends, models
    from engine.backends import OPENVINO

    keras.utils.set_random_seed(0)
    net = keras.applications.MobileNetV2(alpha=0.35, input_shape=(96, 96, 3), weights=None)
    pixels = np.random.default_rng(0).integers(0, 256, (3, 96, 96, 3)).astype(np.uint8)
    for expect_converted in (True, False):
        loaded = models.from_keras(net, keras.applications.mobilenet_v2.preprocess_input, name="smoke")
        info = backends.attach(loaded, OPENVINO)
        if info.name != OPENVINO or info.converted != expect_converted:
            raise SystemExit(f"smoke run: expected OpenVINO ({'converted' if expect_converted else 'from the cache'}), "
                             f"got {info.describe()} (converted: {info.converted})")
        loaded.run(pixels[:1])  # one image: the LATENCY compilation
        list(loaded.run_stream([(pixels,)]))  # a batch: THROUGHPUT and the async queue
    with open("/proc/self/maps", encoding="utf-8") as f:
        return f.read()


def roots(overlay: Path | None) -> list[Path]:
    """Folders whose files the build collects under their relative path (site-packages)."""
    paths = sysconfig.get_paths()
    out = [Path(p).resolve() for p in (paths["purelib"], paths["platlib"])]
    if overlay is not None:
        out.insert(0, Path(overlay).resolve())
    return list(dict.fromkeys(out))


def relative_to_roots(paths, bases) -> list[str]:
    """Each library under one of ``bases`` as the path the bundle would hold it at."""
    out = set()
    for p in paths:
        resolved = Path(p).resolve()
        for base in bases:
            if resolved.is_relative_to(base):
                out.add(resolved.relative_to(base).as_posix())
                break
    return sorted(out)


def fingerprint(overlay: Path | None) -> str:
    """What the record depends on: this script, the app's backend code, the library versions."""
    h = hashlib.sha256()
    for source in [Path(__file__), *sorted((ROOT / "engine" / "backends").glob("*.py"))]:
        h.update(source.read_bytes())
    for dist in VERSIONS_OF:
        try:
            h.update(f"{dist}={metadata.version(dist)};".encode())
        except metadata.PackageNotFoundError:
            pass
    h.update(f"{sys.version};{Path(overlay).resolve() if overlay else ''}".encode())
    return h.hexdigest()[:16]


def record(work: Path, overlay: Path | None = None, env=None) -> list[str] | None:
    """The libraries (paths relative to site-packages, as bundled) a smoke run loaded; None
    where the platform cannot tell.  Kept in ``work`` and reused while nothing it depends
    on changed.  Raises ``SystemExit`` when the smoke run itself fails."""
    if not Path("/proc/self/maps").is_file():
        return None
    work.mkdir(parents=True, exist_ok=True)
    kept = work / f"smoke-libraries-{fingerprint(overlay)}.json"
    if kept.is_file():
        return json.loads(kept.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="smoke-home-") as home:
        env = dict(os.environ if env is None else env)
        env.update({"HOME": home, "PRETRAINED_STUDIO_HOME": str(Path(home) / "app"),
                    "KERAS_HOME": str(Path(home) / "keras"), "TF_CPP_MIN_LOG_LEVEL": "2",
                    "CUDA_VISIBLE_DEVICES": "-1"})
        env["PYTHONPATH"] = os.pathsep.join([*([str(overlay)] if overlay else []), str(ROOT),
                                             *filter(None, [env.get("PYTHONPATH")])])
        out = Path(home) / "maps.json"
        done = subprocess.run([sys.executable, str(Path(__file__)), "--child", str(out)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise SystemExit(f"the smoke run (OpenVINO convert, cache, read back, predict from source) failed:\n"
                             f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
        loaded = relative_to_roots(json.loads(out.read_text(encoding="utf-8")), roots(overlay))
    partial = kept.with_name(kept.name + ".part")
    partial.write_text(json.dumps(loaded, indent=0), encoding="utf-8")
    os.replace(partial, kept)
    return loaded


def _child(out: str) -> int:
    maps = exercise()
    Path(out).write_text(json.dumps(mapped_libraries(maps)), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] != ["--child"] or len(sys.argv) != 3:
        raise SystemExit(__doc__.rsplit("\n\n", 1)[-1])
    sys.exit(_child(sys.argv[2]))
