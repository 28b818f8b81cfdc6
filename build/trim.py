"""What the installer leaves out, and why — the spec filters PyInstaller's collection with
these rules; README's "Build an installer" section lists the same decisions.

Every rule here is proved by the frozen-build test (``tests/installer/test_frozen.py``): it runs
the window, predict (twice in one home: converted, then from the conversion cache), explain,
activations and a training epoch from the build, so a rule that removed something the app uses
fails there.  Libraries opened by name at run time fail only on first use, so the build also
refuses outright to lack any library a smoke run of the app loaded (``build/smoke.py``,
:func:`refuse_missing`), unless :func:`excused` says why it may.
"""

from __future__ import annotations

import fnmatch
import sys

# Python packages the app never imports at run time.  Some are installed beside it for the
# test or cluster extras and would otherwise be dragged in by optional imports.
EXCLUDED_MODULES = [
    # TensorBoard: Keras' TensorBoard callback imports it lazily; the app never logs to it.
    "tensorboard", "tensorboard_data_server", "tensorboard_plugin_profit",
    # TF's distributed runtime over the network (gRPC) and its YAML model format (gone
    # in Keras 3): nothing the app runs imports them.
    "grpc", "yaml",
    # Keras 2 (the test extra's reference implementation); the app runs on Keras 3.
    "tf_keras",
    # The --cluster extra: not part of the lab installer.
    "ray", "pandas", "pyarrow",
    # ONNX: Keras' ONNX export imports it when installed (7 MB); the app exports SavedModel and
    # TF Lite only, and OpenVINO converts from TensorFlow.
    "onnx", "onnxruntime", "tf2onnx",
    # Other frameworks and tools found in development environments.
    "torch", "jax", "jaxlib", "IPython", "jupyter_client", "notebook", "pytest", "_pytest", "pytestqt",
    "importlinter", "grimp", "PyInstaller", "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2",
    # OpenVINO's usage telemetry (its converter falls back to a stub): an offline lab app
    # sends nothing.
    "openvino_telemetry",
    # Packaging tools: TF's own setup script and numpy.distutils reach them, and with them
    # come PyInstaller's run-time hooks that import setuptools at every start (about 1 s).
    "setuptools", "pkg_resources", "distutils", "_distutils_hack", "numpy.distutils", "numpy.f2py",
    # The test suites shipped inside packages.
    "tensorflow.python.kernel_tests", "numpy.tests", "numpy._core.tests", "matplotlib.tests",
    "matplotlib.testing", "PIL.tests", "h5py.tests", "keras.src.testing",
    # OpenVINO's converters for other frameworks (the app converts from TensorFlow only).
    "openvino.frontend.onnx", "openvino.frontend.paddle", "openvino.frontend.pytorch",
    "openvino.frontend.jax",
    # PySide6 modules outside QtCore / QtGui / QtWidgets.
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.Qt3DCore",
    "PySide6.QtMultimedia", "PySide6.QtNetwork", "PySide6.QtPdf", "PySide6.QtSvg",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDesigner", "PySide6.QtCharts",
]

# Packages shipped with their .py source beside the bytecode.  AutoGraph reads the source
# of every function it converts for tf.function; without it, it warns ("could not
# transform ... will run it as-is") on every start and runs the Python function
# unconverted, unlike the same code from source.  These are the packages whose
# tf.functions the app traces (the app's engine, tf-explain, Keras' TF layer export,
# TF's SavedModel signatures, TF's data pipeline helpers).
WITH_SOURCE = {name: "pyz+py" for name in (
    "engine", "tf_explain", "keras.src.backend.tensorflow", "keras.src.export",
    "tensorflow.python.saved_model",
)}

# TF imports its remote-profiling extension at start; a stub module takes its place.
REPLACED_BY_STUB = "tensorflow/python/profiler/internal/_pywrap_profiler_plugin*"

# OpenVINO's converters for other frameworks: the app converts TensorFlow models only.
# OpenVINO opens every front end it finds to list them (a smoke run maps them all), so the
# check against the smoke run excuses these by name.
OTHER_FRONT_ENDS = [
    "openvino/libs/*onnx_frontend*", "openvino/libs/*paddle_frontend*", "openvino/libs/*pytorch_frontend*",
    "openvino/libs/*jax_frontend*", "openvino/libs/*gguf_frontend*", "openvino/libs/*tensorflow_lite_frontend*",
]

# Files dropped from PyInstaller's collection, by destination path inside the bundle
# (forward slashes; fnmatch patterns).  Paths are the same on every platform up to the
# library suffix, so patterns end in ``*`` where the suffix differs.
DROPPED_FILES = [
    # Qt translations: the app installs no QTranslator, so Qt's dialogs stay English anyway.
    "PySide6/*translations/*",
    # Qt plugins the app cannot use: Wayland and embedded platforms (XWayland runs the xcb
    # plugin), input devices for eglfs, TLS (no Qt networking), the virtual keyboard (QML),
    # image formats the app never reads through Qt (PIL decodes images; Qt only needs
    # PNG, built in, plus JPEG/GIF for pasted images).
    "PySide6/*plugins/platforms/*wayland*", "PySide6/*plugins/platforms/*eglfs*",
    "PySide6/*plugins/platforms/*linuxfb*", "PySide6/*plugins/platforms/*vnc*",
    "PySide6/*plugins/platforms/*vkkhrdisplay*", "PySide6/*plugins/platforms/*minimalegl*",
    "PySide6/*plugins/wayland-*", "PySide6/*plugins/egldeviceintegrations/*",
    "PySide6/*plugins/generic/*", "PySide6/*plugins/tls/*",
    "PySide6/*plugins/platforminputcontexts/*virtualkeyboard*",
    "PySide6/*plugins/imageformats/*pdf*", "PySide6/*plugins/imageformats/*svg*",
    "PySide6/*plugins/imageformats/*tiff*", "PySide6/*plugins/imageformats/*webp*",
    "PySide6/*plugins/imageformats/*tga*", "PySide6/*plugins/imageformats/*wbmp*",
    "PySide6/*plugins/imageformats/*icns*", "PySide6/*plugins/iconengines/*svg*",
    # The GTK platform theme loads the system's GTK 3 into the process beside the bundled
    # GLib (a known source of crashes in frozen Qt apps); Qt's own dialogs are used instead.
    "PySide6/*plugins/platformthemes/*gtk3*",
    # C/C++ headers and static/import libraries: for compiling against TF/OpenVINO, not running.
    "tensorflow/include/*", "openvino/include/*", "*.lib", "*.a", "*.pc", "*.pyi", "*/cmake/*",
    # OpenVINO plugins for Intel GPUs and NPUs: the app runs OpenVINO on the CPU.  Kept: the
    # runtime, the CPU plugin, the TensorFlow front end (conversion) and the IR front end
    # (reading the conversion cache), TBB with its allocator and tbbbind (with hwloc).
    "openvino/libs/*intel_gpu_plugin*", "openvino/libs/*intel_npu_plugin*",
    # OpenVINO's C API (the app uses Python's) and TBB's malloc replacement (only for LD_PRELOAD).
    "openvino/libs/*openvino_c.*", "openvino/libs/*tbbmalloc_proxy*",
    *OTHER_FRONT_ENDS,
    "openvino/libs/cache.json",
    # TF's XLA and StableHLO extension modules: loaded only for jit_compile=True and
    # StableHLO export, neither of which the app uses (XLA is slower on CPU for depthwise
    # models); nothing imports them at start.
    "tensorflow/compiler/tf2xla/ops/_xla_ops*", "tensorflow/compiler/mlir/stablehlo/stablehlo_extension*",
    # TF's remote-profiling client (90 MB); the spec puts build/stubs/profiler_plugin_stub.py
    # in its place because TF imports it at start (REPLACED_BY_STUB).
    REPLACED_BY_STUB,
]

# Folders inside the bundle whose CUDA/NVIDIA libraries a CPU build must not carry.
CUDA_PATTERNS = ["nvidia/*", "*libcudart*", "*libcublas*", "*libcudnn*", "*libcufft*", "*libcusparse*",
                 "*libcusolver*", "*libcurand*", "*libnccl*", "*libnvrtc*", "*libnvJitLink*"]


def filter_hook_entries(entries):
    """A hook's ``(source, destination folder)`` pairs without the dropped files."""
    import os

    return [(src, dest) for src, dest in entries if not dropped(f"{dest}/{os.path.basename(src)}")]


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def dropped(dest: str, patterns=None) -> bool:
    """Whether a file that would land at ``dest`` (relative to the bundle) is left out."""
    dest = _norm(dest)
    patterns = DROPPED_FILES + CUDA_PATTERNS if patterns is None else patterns
    return any(fnmatch.fnmatch(dest, p) for p in patterns)


def filter_toc(toc, patterns=None):
    """The TOC entries ``(dest, src, typecode)`` that stay; also returns what went.

    A symbolic link whose target went goes too (PyInstaller links libraries found as
    dependencies into the top folder).
    """
    import posixpath

    kept, gone = [], []
    for entry in toc:
        (gone if dropped(entry[0], patterns) else kept).append(entry)
    gone_dests = {_norm(d) for d, _s, _t in gone}
    links = [e for e in kept if e[2] == "SYMLINK"
             and posixpath.normpath(posixpath.join(posixpath.dirname(_norm(e[0])), _norm(e[1]))) in gone_dests]
    return [e for e in kept if e not in links], gone + links


def report(gone, out=sys.stdout) -> None:
    import os

    total = sum(os.path.getsize(src) for _d, src, _t in gone if src and os.path.isfile(src))
    print(f"trim: left out {len(gone)} files, {total / 2**20:.0f} MB before stripping", file=out)


def excused(rel: str) -> str:
    """Why a library a smoke run loaded may still be left out ("" when it may not): it belongs
    to a package the app never imports (another package's optional import loaded it from
    source: Keras and TF try pandas), a stub replaces it, or it is a front end that OpenVINO
    only opened to list it."""
    rel = _norm(rel)
    for module in EXCLUDED_MODULES:
        folder = module.replace(".", "/")
        if rel.startswith((f"{folder}/", f"{folder}.libs/")):
            return f"part of {module}, which the app never imports"
    if fnmatch.fnmatch(rel, REPLACED_BY_STUB):
        return "replaced by a stub module"
    if any(fnmatch.fnmatch(rel, p) for p in OTHER_FRONT_ENDS):
        return "a front end OpenVINO opens only to list it"
    return ""


def missing_loaded(loaded, toc, patterns=None) -> list[str]:
    """The libraries a smoke run loaded (paths as bundled, see ``build/smoke.py``) that the
    kept TOC lacks and nothing excuses, each with the rule that dropped it or the reason it
    is absent.  Empty when the build holds everything the app was seen to load."""
    held = {_norm(entry[0]) for entry in toc}
    # PyInstaller moves a library it found as another's dependency to the top folder, where the
    # loader finds it by its name (as the original was found): a copy there counts.
    top = {dest for dest in held if "/" not in dest}
    rules = DROPPED_FILES + CUDA_PATTERNS if patterns is None else patterns
    out = []
    for rel in loaded:
        rel = _norm(rel)
        if rel in held or rel.rsplit("/", 1)[-1] in top or excused(rel):
            continue
        rule = next((p for p in rules if fnmatch.fnmatch(rel, p)), None)
        out.append(f"{rel}: " + (f"left out by the rule {rule!r} in build/trim.py" if rule
                                 else "not collected (a library opened by name at run time: name it in a hook)"))
    return out


def refuse_missing(loaded, toc, out=None) -> None:
    """Stop the build when it would lack a library the smoke run loaded."""
    out = out or sys.stdout
    if loaded is None:
        print("trim: no record of the libraries the app loads on this platform; not checked", file=out)
        return
    missing = missing_loaded(loaded, toc)
    if missing:
        raise SystemExit("trim: the smoke run loaded libraries this build would not hold; the app would "
                         "fail or fall back without them:\n  " + "\n  ".join(missing))
    print(f"trim: all {len(loaded)} libraries the smoke run loaded are in the build (or excused)", file=out)
