"""Arguments and helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
import sys

from .. import preferences, zoo
from ..models import ModelRequest, WeightsPolicy
from .argtypes import ALPHA, INPUT_SIZE


def quiet_tensorflow() -> None:
    """Keep TensorFlow's C++ start-up chatter off the user's terminal."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def robust_output() -> None:
    """Never let an unprintable character (a file name that is not UTF-8) abort a run.

    Names are printed escaped on purpose (``engine.pathnames.printable``); this is the
    last line of defence for any text that reaches the terminal unescaped.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def add_model_args(p: argparse.ArgumentParser, weights: bool = True) -> None:
    p.add_argument("--model", required=True, help="zoo model name, e.g. MobileNetV2 (see `models`)")
    p.add_argument("--alpha", type=ALPHA, help="width multiplier (MobileNet families)")
    p.add_argument("--minimalistic", action="store_true", help="MobileNetV3 minimalistic variant")
    p.add_argument("--input-size", type=INPUT_SIZE, help="input size in pixels, where the family allows another")
    if weights:
        p.add_argument("--weights", default="imagenet", help="imagenet (default), none (random, untrained) or a weights FILE")
        p.add_argument("--offline", action="store_true", help="never download weights")


def add_backend_arg(p: argparse.ArgumentParser, extra: tuple = (), default: str | None = None) -> None:
    from ..backends.base import CHOICES

    p.add_argument("--backend", choices=list(CHOICES) + list(extra), default=default,
                   help="what runs the forward passes: auto (OpenVINO on the CPU, TensorFlow on a GPU), keras, "
                        "openvino (f32, checked against Keras) or openvino-bf16 (fast, where the CPU has bf16)"
                        + (f"; default: {default}" if default else "; default: preferences (auto)"))


def backend_from(args, prefs: preferences.Preferences | None = None) -> str:
    return getattr(args, "backend", None) or (prefs or preferences.load()).inference_backend


def say_backend(loaded) -> None:
    """Which backend runs the model, and any notice (a fallback's reason, bf16's agreement)."""
    print(f"backend: {loaded.backend.describe()}", file=sys.stderr)


def variant_from(args, include_top: bool = True) -> zoo.Variant:
    return zoo.Variant(alpha=args.alpha, minimalistic=args.minimalistic or None,
                       include_top=include_top, input_size=args.input_size)


def request_from(args, include_top: bool = True) -> ModelRequest:
    spec = zoo.get(args.model)
    w = args.weights
    weights = None if str(w).lower() in ("none", "random") else ("imagenet" if w == "imagenet" else os.path.abspath(w))
    return ModelRequest(spec.name, variant_from(args, include_top), weights)


def policy_from(args, prefs: preferences.Preferences | None = None) -> WeightsPolicy:
    prefs = prefs or preferences.load()
    return WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror,
                         allow_download=not getattr(args, "offline", False))


def fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
