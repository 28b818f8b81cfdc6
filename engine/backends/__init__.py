"""Inference backends for everything that only runs a network forward: Predict, Folder,
feature caching, the benchmark and Score-CAM's masked passes.

:func:`attach` gives a loaded model an OpenVINO runner (converted from the built Keras
model, cached on disk, checked against Keras on first use) or leaves it on Keras with a
notice.  Only :mod:`.openvino_backend`, :mod:`.convert` and :mod:`.convert_cache` import
OpenVINO, and only when called.
"""

from .attach import attach, use_keras
from .base import AUTO, BF16, CHOICE_LABELS, CHOICES, KERAS, OPENVINO, BackendInfo, CheckResult
from .select import bf16_available, cpu_flags, offered_choices, openvino_installed

__all__ = ["attach", "use_keras", "AUTO", "BF16", "CHOICE_LABELS", "CHOICES", "KERAS", "OPENVINO", "BackendInfo",
           "CheckResult", "bf16_available", "cpu_flags", "offered_choices", "openvino_installed"]
