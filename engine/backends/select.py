"""Which backend a choice means on this machine, and what the CPU offers.

``auto``: TensorFlow when a CUDA GPU is in use, else OpenVINO f32 when it is installed,
else Keras.  bf16 is never picked automatically: it is offered (``openvino-bf16``) only
where the CPU reports native bf16 arithmetic (AVX512-BF16 or AMX), and asked for by name.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass

from ..messages import msg
from .base import AUTO, BF16, CHOICES, KERAS, OPENVINO

BF16_FLAGS = ("avx512_bf16", "amx_bf16")


@dataclass(frozen=True)
class Selection:
    name: str  # KERAS or OPENVINO
    precision: str = "f32"
    device: str = "CPU"
    notice: str = ""


def _read_cpu_flags() -> frozenset:
    """The CPU's feature flags as Linux reports them (empty where /proc/cpuinfo is absent)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def _find_openvino() -> bool:
    return importlib.util.find_spec("openvino") is not None


def _native_bf16() -> bool:
    """True where the CPU does bf16 natively: its flags, else OpenVINO's own report."""
    flags = cpu_flags()
    if flags:
        return any(f in flags for f in BF16_FLAGS)
    if not openvino_installed():
        return False
    try:
        from .openvino_backend import core

        return "BF16" in core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    except Exception:  # noqa: BLE001 - a capability query must never stop the app
        return False


# Remembered by calls, not ``@``: mutation testing (tests/mutation.py) skips decorated functions.
cpu_flags = functools.lru_cache(maxsize=1)(_read_cpu_flags)
openvino_installed = functools.lru_cache(maxsize=1)(_find_openvino)
bf16_available = functools.lru_cache(maxsize=1)(_native_bf16)


def offered_choices() -> list[str]:
    """The choices to show a person: bf16 only where this CPU has it."""
    return [c for c in CHOICES if c != BF16 or (openvino_installed() and bf16_available())]


def resolve(choice: str, gpu_in_use: bool = False) -> Selection:
    """What to run for ``choice``; an unavailable one falls back to something that works, saying why."""
    if choice not in CHOICES:
        raise ValueError(f"unknown backend '{choice}'; choose one of {', '.join(CHOICES)}")
    if choice == KERAS:
        return Selection(KERAS, device="GPU" if gpu_in_use else "CPU")
    if choice == AUTO and gpu_in_use:
        return Selection(KERAS, device="GPU", notice=msg("backend.gpu", "a GPU is in use: TensorFlow runs the model "
                                                         "there"))
    if not openvino_installed():
        note = "" if choice == AUTO else msg("backend.no_openvino", "OpenVINO is not installed; Keras runs the model")
        return Selection(KERAS, device="GPU" if gpu_in_use else "CPU", notice=note)
    if choice == BF16:
        if bf16_available():
            return Selection(OPENVINO, "bf16")
        return Selection(OPENVINO, "f32", notice=msg("backend.no_bf16", "this CPU has no native bf16 (AVX512-BF16 or "
                                                     "AMX): f32 instead"))
    return Selection(OPENVINO, "f32")
