"""Which device Keras runs on: the GPU when TensorFlow sees one (memory growth on, so the
app shares the card), else the CPU, with a note saying why."""

from __future__ import annotations

import platform
import threading
from dataclasses import dataclass, field
from typing import Optional

from .messages import msg


@dataclass(frozen=True)
class DeviceInfo:
    kind: str  # "GPU" or "CPU"
    name: str
    memory_mb: Optional[int] = None
    note: str = ""
    tensorflow: str = ""
    keras: str = ""
    gpus: tuple[str, ...] = field(default_factory=tuple)

    def summary(self) -> str:
        mem = f", {self.memory_mb / 1024:.0f} GiB" if self.memory_mb else ""
        return f"{self.kind}: {self.name}{mem}"


_lock = threading.Lock()
_info: Optional[DeviceInfo] = None


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


def configure() -> DeviceInfo:
    """Import TensorFlow, pick the device once, and describe it (idempotent, thread-safe)."""
    global _info
    with _lock:
        if _info is None:
            _info = _configure()
        return _info


def _configure() -> DeviceInfo:
    import tensorflow as tf
    import keras

    versions = {"tensorflow": tf.__version__, "keras": keras.__version__}
    try:
        gpus = tf.config.list_physical_devices("GPU")
    except Exception as exc:  # a broken driver must not stop the app
        return DeviceInfo("CPU", cpu_name(), note=msg("device.detection_failed", "GPU detection failed ({error}); "
                                                                                 "using the CPU.",
                                                          error=str(exc)), **versions)
    if not gpus:
        return DeviceInfo("CPU", cpu_name(), note=_no_gpu_note(tf), **versions)
    try:
        for gpu in gpus:
            tf.config.experimental.set_memory_growth(gpu, True)
        details = tf.config.experimental.get_device_details(gpus[0])
        name = details.get("device_name", gpus[0].name)
        tf.constant(1.0) + 1.0  # initialise the GPU now, so a failure shows here
        memory = _gpu_memory_mb()
        names = tuple(tf.config.experimental.get_device_details(g).get("device_name", g.name) for g in gpus)
        return DeviceInfo("GPU", name, memory, "", gpus=names, **versions)
    except Exception as exc:
        try:
            tf.config.set_visible_devices([], "GPU")
        except Exception:
            pass
        return DeviceInfo("CPU", cpu_name(), note=msg("device.gpu_failed", "The GPU failed to initialise ({error}); "
                                                                           "using "
                                                          "the CPU.", error=str(exc)), **versions)


def _no_gpu_note(tf) -> str:
    """Why the CPU: a CPU-only TensorFlow (the Linux installer bundles ``tensorflow-cpu``; Windows
    and macOS wheels have no CUDA) cannot use a GPU whatever the machine has."""
    if not tf.test.is_built_with_gpu_support():
        return msg("device.cpu_build", "This TensorFlow is built without GPU support (a CPU-only build); using the "
                   "CPU.")
    return msg("device.no_gpu", "No GPU visible to TensorFlow; using the CPU.")


def _gpu_memory_mb() -> Optional[int]:
    import subprocess

    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.total", "--format=csv,noheader,nounits"],
            capture_output=True, text=True, timeout=5,
        )
        return int(out.stdout.split()[0]) if out.returncode == 0 else None
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return None
