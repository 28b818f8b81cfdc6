"""Arguments and helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import os
import sys

from .. import preferences, targets, zoo
from ..backends.base import OPENVINO
from ..errors import StudioError, plain
from ..export import CSV_HEADER
from ..models import ModelRequest, WeightsPolicy
from ..pathnames import printable
from .argtypes import ALPHA, INPUT_SIZE

RESULTS_CSV = targets.Kind("a CSV table of predictions written by this app", targets.csv_with_header(CSV_HEADER))


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
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--model", help="zoo model name, e.g. MobileNetV2 (see `models`)")
    add_model_file_args(p, which)
    p.add_argument("--alpha", type=ALPHA, help="width multiplier (MobileNet families)")
    p.add_argument("--minimalistic", action="store_true", help="MobileNetV3 minimalistic variant")
    p.add_argument("--input-size", type=INPUT_SIZE, help="input size in pixels, where the family allows another")
    if weights:
        p.add_argument("--weights", default="imagenet", help="imagenet (default), none (random, untrained) or a weights FILE")
        p.add_argument("--offline", action="store_true", help="never download weights")


def add_model_file_args(p: argparse.ArgumentParser, group=None) -> None:
    (group or p).add_argument("--model-file", metavar="PATH",
                              help="a classifier file instead: .keras, a Keras 2 .h5 (e.g. Teachable Machine's "
                                   "keras_model.h5), or forward only a .tflite, .onnx or SavedModel folder; class "
                                   "names from a labels.txt beside it")
    p.add_argument("--preprocess", metavar="CHOICE",
                   help="with --model-file: teachable_machine, minus1to1, 0to1, none, or a zoo family "
                        "(e.g. mobilenet_v2); default: what the file states, else the choice remembered for it, "
                        "else a guess from the file (with a note)")


def add_backend_arg(p: argparse.ArgumentParser, extra: tuple = (), default: str | None = None,
                    help_text: str = "") -> None:
    from ..backends.base import CHOICES

    p.add_argument("--backend", choices=list(CHOICES) + list(extra), default=default,
                   help=(help_text or "what runs the forward passes: auto (OpenVINO on the CPU, TensorFlow on a GPU), "
                                      "keras, openvino (f32, checked against Keras) or openvino-bf16 (fast, where the "
                                      "CPU has bf16)")
                        + (f"; default: {default}" if default else "; default: preferences (auto)"))


def backend_from(args, prefs: preferences.Preferences | None = None) -> str:
    return getattr(args, "backend", None) or (prefs or preferences.load()).inference_backend


def say_backend(loaded) -> None:
    """Which backend runs the model, and any notice (a fallback's reason, bf16's agreement, a model
    file's logits shown as softmax, a forward-only format); for OpenVINO, whether the model was
    converted now or read from the conversion cache (a first run is slower, and a lab checking an
    install sees that later runs reuse it)."""
    info, origin = loaded.backend, ""
    if info.name == OPENVINO and loaded.forward is not None:  # a forward-only file: OpenVINO reads it itself
        origin = " [read from the model file itself; nothing to convert or cache]"
    elif info.name == OPENVINO:
        origin = (" [read from the conversion cache]" if not info.converted else
                  " [converted now; random weights are not kept]" if loaded.untrained else
                  " [converted now and kept for the next runs]")
    print(f"backend: {info.describe()}{origin}", file=sys.stderr)
    notes = [getattr(loaded, "output_note", "")] + list(getattr(loaded, "notes", []))
    for note in filter(None, notes):
        print(f"note: {note}", file=sys.stderr)


def variant_from(args, include_top: bool = True) -> zoo.Variant:
    return zoo.Variant(alpha=args.alpha, minimalistic=args.minimalistic or None,
                       include_top=include_top, input_size=args.input_size)


def request_from(args, include_top: bool = True) -> ModelRequest:
    if getattr(args, "model_file", None):
        return file_request_from(args)
    if getattr(args, "preprocess", None):
        raise StudioError("--preprocess applies to --model-file (a zoo model knows its own preprocessing).")
    spec = zoo.get(args.model)
    w = args.weights
    weights = None if str(w).lower() in ("none", "random") else ("imagenet" if w == "imagenet" else os.path.abspath(w))
    return ModelRequest(spec.name, variant_from(args, include_top), weights)


def file_request_from(args) -> ModelRequest:
    """A --model-file request: --preprocess (remembered for the file), else what the file itself
    states (a model this app wrote: its preprocessing is inside), else the remembered choice, else
    the guess from the file (:mod:`engine.sources.guess`) with a note saying so and why."""
    from .. import sources
    from ..sources import guess, model_file, preprocessing, remembered

    model_file.check_path(args.model_file)
    for flag, value in (("--alpha", getattr(args, "alpha", None)), ("--input-size", getattr(args, "input_size", None)),
                        ("--minimalistic", getattr(args, "minimalistic", None))):
        if value:
            raise StudioError(f"{flag} applies to zoo models; a model file's size and width are its own.")
    if args.preprocess:
        choice = preprocessing.normalise(args.preprocess)
        remembered.remember(args.model_file, choice)
        stated = guess.for_file(args.model_file)
        if stated.certain and choice != stated.choice:
            print(f"note: {printable(args.model_file)}: {stated.reason}; --preprocess {choice} scales its pixels "
                  "a second time.", file=sys.stderr)
        return sources.file_request(args.model_file, choice)
    stated = guess.for_file(args.model_file)
    if stated.certain:
        return sources.file_request(args.model_file, stated.choice)
    choice = remembered.preprocessing(args.model_file)
    if choice is None:
        choice = stated.choice
        print(f"note: preprocessing for {printable(args.model_file)}: {preprocessing.describe(choice)}, because "
              f"{stated.reason}; give --preprocess to choose (it is remembered).", file=sys.stderr)
    return sources.file_request(args.model_file, choice)


def policy_from(args, prefs: preferences.Preferences | None = None) -> WeightsPolicy:
    prefs = prefs or preferences.load()
    return WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror,
                         allow_download=not getattr(args, "offline", False))


def add_overwrite_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--overwrite", action="store_true",
                   help="replace an existing output file even when this app did not write it (never an input)")


def model_inputs(args) -> list[str]:
    """The files a command reads besides its images: a model file, a weights file."""
    found = [getattr(args, "model_file", None)]
    w = getattr(args, "weights", None)
    if w and str(w).lower() not in ("imagenet", "none", "random"):
        found.append(w)
    return [f for f in found if f]


def fail(message: str, code: int = 1) -> int:
    print(f"error: {plain(message)}", file=sys.stderr)
    return code
