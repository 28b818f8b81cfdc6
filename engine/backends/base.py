"""What every inference backend offers, and what the app says about the one that ran.

A *runner* runs a model forward only: raw 0-255 pixels (N, H, W, 3), uint8 or float32, any
N, in; the model's outputs (probabilities, or features for a base without a top) out.
Gradients never go through a runner: they stay on the Keras model.

Light on purpose (no TensorFlow, no OpenVINO): the GUI and ``engine.models`` import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Protocol

import numpy as np

from ..messages import msg

KERAS = "keras"
OPENVINO = "openvino"
AUTO = "auto"
BF16 = "openvino-bf16"
# The choice a person makes (Preference, --backend); "auto" is the default.
CHOICES = (AUTO, KERAS, OPENVINO, BF16)
CHOICE_LABELS = {
    AUTO: "Automatic (OpenVINO on the CPU, TensorFlow on a GPU)",
    KERAS: "Keras / TensorFlow",
    OPENVINO: "OpenVINO (exact, f32)",
    BF16: "OpenVINO fast (bf16)",
}


RUNTIME_LABELS = {"tflite": "TensorFlow Lite interpreter", "tensorflow": "TensorFlow (SavedModel)"}


class Runner(Protocol):
    def run(self, pixels) -> np.ndarray:
        """Outputs for one batch of raw pixels."""

    def stream(self, items: Iterable, pixels_of=None) -> Iterator[tuple[object, np.ndarray]]:
        """``(item, outputs)`` for each item, in order, keeping several batches in flight."""


@dataclass
class CheckResult:
    """How the converted model's outputs compare with Keras' on the fixed check input."""

    kind: str  # "probabilities" or "features"
    precision: str  # "f32" or "bf16"
    images: int
    max_abs_diff: float
    relative_error: float  # max |difference| / max |Keras output|
    top1_agree: int = 0
    top5_same: bool = True
    passed: bool = True
    reason: str = ""

    def summary(self) -> str:
        if self.kind == "probabilities":
            return msg("backend.check_probabilities", "top-1 agrees on {agree} of {images} check images, max "
                       "probability difference {difference:.2g}", agree=self.top1_agree, images=self.images,
                       difference=self.max_abs_diff)
        return msg("backend.check_features", "features within {error:.2g} (relative) of Keras on {images} check "
                   "images", error=self.relative_error, images=self.images)


@dataclass
class BackendInfo:
    """Which backend runs a loaded model's forward passes, and why (shown to the user)."""

    name: str = KERAS  # KERAS or OPENVINO
    precision: str = "f32"
    device: str = "CPU"
    choice: str = AUTO  # what was asked for
    notice: str = ""  # a fallback's reason, or bf16's measured agreement: never silent
    check: Optional[CheckResult] = None
    converted: bool = False  # converted in this process (False: read from the disk cache)
    seconds: float = 0.0  # conversion (or cache read) and check time

    @property
    def label(self) -> str:
        if self.name == OPENVINO:
            return msg("backend.openvino_bf16", "OpenVINO fast (bf16)") if self.precision == "bf16" else "OpenVINO f32"
        if self.name in RUNTIME_LABELS:  # a forward-only model file on TensorFlow's own runtime
            return RUNTIME_LABELS[self.name]
        return msg("backend.keras", "Keras (TensorFlow, {device})", device=self.device)

    def describe(self) -> str:
        """One line for the model card, the status bar and the command line."""
        return msg("backend.with_notice", "{label} — {notice}", label=self.label, notice=self.notice) if self.notice \
            else self.label
