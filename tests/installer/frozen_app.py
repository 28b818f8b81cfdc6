"""The built app, run the way a lab machine runs it: with a clean environment — only PATH (the
build folder), HOME (one folder for the whole session, as a user's home) and, for the window,
QT_QPA_PLATFORM — so no Python, no site-packages and no Keras cache are visible."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ..conftest import MOBILENET_V2_H5, ROOT, fixture_image

APP, CLI = "PretrainedStudio", "pretrained-studio"
KERAS_NAME = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"  # Keras' file name for it
SAMPLE = ROOT / "resources" / "samples" / "chelsea.png"
CAT_CLASSES = range(281, 286)  # tabby, tiger cat, Persian, Siamese, Egyptian cat


def make_pack(folder: Path) -> Path:
    """A weight pack in the format ``weights pack`` writes, holding the fixture weights."""
    from engine.weights import manifest

    folder.mkdir()
    data = MOBILENET_V2_H5.read_bytes()
    (folder / KERAS_NAME).write_bytes(data)
    entry = {"filename": KERAS_NAME, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
             "models": manifest.keys_for_file(KERAS_NAME)}
    (folder / "weights-pack.json").write_text(json.dumps(
        {"format": 1, "app": "pretrained-studio", "created": "2026-01-01T00:00:00+00:00", "files": [entry]}))
    return folder


def make_tiny_dataset(folder: Path) -> Path:
    from PIL import Image

    for name, colour in (("red", (200, 30, 30)), ("blue", (30, 30, 200))):
        (folder / name).mkdir(parents=True)
        for i in range(4):
            Image.new("RGB", (48 + 8 * i, 48), colour).save(folder / name / f"{i}.png")
    return folder


def app_folders(home: Path) -> list[Path]:
    """Where the app may write in a user's home: its data, settings and cache folders, and the
    Keras cache (Keras' own ``keras.json`` and downloaded weights)."""
    if sys.platform == "win32":
        return [home / "PretrainedStudio", home / "AppData" / "Local" / "PretrainedStudio", home / ".keras"]
    if sys.platform == "darwin":
        lib = home / "Library"
        return [lib / "Application Support" / "PretrainedStudio", lib / "Preferences" / "PretrainedStudio",
                lib / "Preferences" / "org.pretrainedstudio.PretrainedStudio.plist",
                lib / "Caches" / "PretrainedStudio", home / ".keras"]
    return [home / ".local" / "share" / "PretrainedStudio", home / ".config" / "PretrainedStudio",
            home / ".cache" / "PretrainedStudio", home / ".keras"]


def files_outside(home: Path, allowed) -> list[str]:
    """Every file under ``home`` that is in none of the ``allowed`` paths (folders or files)."""
    allowed = [Path(a) for a in allowed]
    return sorted(str(p.relative_to(home)) for p in home.rglob("*")
                  if (p.is_file() or p.is_symlink()) and not any(p == a or p.is_relative_to(a) for a in allowed))


def conversion_cache(home: Path) -> dict[str, tuple[int, int]]:
    """Each entry of the OpenVINO conversion cache with its IR files' modification times."""
    root = app_folders(home)[0] / "openvino_cache"
    return {e.name: ((e / "model.xml").stat().st_mtime_ns, (e / "model.bin").stat().st_mtime_ns)
            for e in sorted(root.iterdir()) if (e / "model.xml").is_file()} if root.is_dir() else {}


def converted_model(home: Path, entry: str) -> str:
    """What a conversion-cache entry holds, as its meta says ("MobileNetV2 up to out_relu" for
    the frozen part of a split heatmap or training run)."""
    meta = app_folders(home)[0] / "openvino_cache" / entry / "meta.json"
    return str(json.loads(meta.read_text(encoding="utf-8")).get("model", ""))


class Frozen:
    """The built app in one home.  The runs start together right after the build, two at a
    time (each is a fresh process importing TensorFlow): the runs a user makes one after the
    other (predict, predict again, open the window) in one lane, the rest in the other; each
    test checks its own run's result."""

    def __init__(self, app: Path, home: Path, has_pack: bool):
        self.app, self.home, self.has_pack = app, home, has_pack
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._runs: dict = {}

    def exe(self, name: str) -> Path:
        if sys.platform == "darwin":
            return self.app / "Contents" / "MacOS" / name
        return self.app / (name + (".exe" if sys.platform == "win32" else ""))

    def env(self) -> dict:
        env = {"PATH": str(self.exe(CLI).parent), "HOME": str(self.home), "QT_QPA_PLATFORM": "offscreen"}
        if sys.platform == "win32":  # Windows cannot start a process without these
            env.update({k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "TMP") if k in os.environ})
            env["USERPROFILE"] = env["APPDATA"] = str(self.home)
        return env

    def _spawn(self, args, exe: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.exe(exe)), *map(str, args)], env=self.env(), cwd=self.home,
                              capture_output=True, text=True, timeout=900)

    def start(self, key: str, *args, exe: str = CLI) -> None:
        self._runs[key] = (args, exe, self._pool.submit(self._spawn, args, exe))

    def start_in_turn(self, runs: list[tuple[str, tuple, str]]) -> None:
        """Runs one after the other in one lane; each result with the conversion cache's state
        right after it."""
        futures = {}

        def lane():
            for key, args, exe in runs:
                futures[key] = (self._spawn(args, exe), conversion_cache(self.home))

        done = self._pool.submit(lane)
        for key, args, exe in runs:
            self._runs[key] = (args, exe, _Later(done, futures, key))

    def result(self, key: str) -> subprocess.CompletedProcess:
        args, exe, future = self._runs[key]
        got = future.result()
        return self._checked(got[0] if isinstance(got, tuple) else got, args, exe)

    def cache_after(self, key: str) -> dict:
        return self._runs[key][2].result()[1]

    def run(self, *args, exe: str = CLI) -> subprocess.CompletedProcess:
        return self._checked(self._spawn(args, exe), args, exe)

    def wait_all(self) -> None:
        for key in self._runs:
            self._runs[key][2].result()

    @staticmethod
    def _checked(done, args, exe):
        if done.returncode != 0:
            pytest.fail(f"{exe} {' '.join(map(str, args))} exited {done.returncode}\n"
                        f"--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-5000:]}")
        # AutoGraph found the source of every function it converted, as it does from source.
        assert "could not transform" not in done.stderr, done.stderr[-3000:]
        return done

    def close(self) -> None:
        self._pool.shutdown(wait=True)

    @property
    def real_weights(self) -> bool:
        """Predictions use real ImageNet weights: the bundled pack, else the fixture file."""
        return self.has_pack or MOBILENET_V2_H5.is_file()

    def weights(self) -> list[str]:
        if self.has_pack:
            return []
        return ["--weights", str(MOBILENET_V2_H5)] if MOBILENET_V2_H5.is_file() else ["--weights", "none"]

    def outputs(self) -> list[Path]:
        """The files and folders the runs were told to write (and the test's own inputs)."""
        return [self.home / n for n in ("tiny", "tiny-model", "tiny-export", "v.png", "activations.png")]

    def start_all(self) -> None:
        home, model = self.home, ["--model", "MobileNetV2"]
        cat = [fixture_image("cat.png")] if self.real_weights else []
        predict = ("predict", SAMPLE, *cat, *model, *self.weights(), "--offline", "--json")
        # A user's order: predict (converts, caches), predict again (reads the cache), then the
        # window, whose prediction reads the same cache.
        self.start_in_turn([("predict", predict, CLI), ("predict again", predict, CLI),
                            ("self-test", ("--self-test",), APP)])
        self.start("train", "train", make_tiny_dataset(home / "tiny"), *model, "--alpha", "0.35", "--input-size", "96",
                   "--weights", "none", "--mode", "extract", "--epochs", "1", "--batch-size", "4",
                   "--out", home / "tiny-model", "--export", home / "tiny-export", "--json")
        self.start("explain", "explain", SAMPLE, *model, "--weights", "none", "--method", "vanilla", "--out", home / "v.png")
        self.start("activations", "activations", SAMPLE, *model, "--weights", "none", "--layer", "Conv1", "--count", "8",
                   "--out", home / "activations.png")
        self.start("models", "models", "--json")


class _Later:
    """One run's result out of a lane of runs."""

    def __init__(self, lane, results: dict, key: str):
        self._lane, self._results, self._key = lane, results, key

    def result(self):
        self._lane.result()
        return self._results[self._key]
