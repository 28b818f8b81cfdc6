"""`benchmark --models A,B [--batch 1,32] [--backend all] [--json]`: time models on this machine."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..compare import bench
from .argtypes import int_list
from .common import add_backend_arg
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("benchmark", help="time models on this machine (random weights: timing needs none)")
    p.add_argument("--models", default="", help="comma-separated zoo names")
    p.add_argument("--model-file", action="append", default=[], metavar="PATH",
                   help="also time a model file (.keras, Keras 2 .h5, .tflite, .onnx or a SavedModel folder; "
                        "its own weights); repeatable")
    p.add_argument("--batch", type=int_list(1, 4096, allow_empty=False), default=[1, 32], help="batch sizes, e.g. 1,32")
    p.add_argument("--protocol", choices=list(bench.PROTOCOLS), default="quick",
                   help="quick, or keras (30 batches x 10 repeats, as Keras' published figures)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-save", action="store_true", help="do not keep the records for the Compare tab")
    add_backend_arg(p, extra=("all",), default="all")  # all: Keras and each OpenVINO precision offered here
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import zoo

    from .. import sources
    from ..errors import StudioError
    from ..sources import guess, model_file

    names = [zoo.get(n.strip()).name for n in args.models.split(",") if n.strip()]
    # Timing needs no particular preprocessing: what the file states or was given before, else the guess.
    for f in args.model_file:
        request = sources.file_request(model_file.check_path(f))
        names.append(request if request.preprocess else sources.file_request(f, guess.for_file(f).choice))
    if not names:
        raise StudioError("Give --models (zoo names) and/or --model-file.")
    batches = sorted(set(args.batch) | {1})
    bar = ProgressBar()
    records = bench.benchmark(names, batch_sizes=batches, protocol=args.protocol, progress=bar,
                              backends=backend_list(args.backend))
    bar.close()
    if not args.no_save:
        bench.save_records(records)
    if args.json:
        print(json.dumps([asdict(r) for r in records], indent=1))
        return 0
    for r in records:
        steps = ", ".join(f"batch {b}: {ms:.1f} ms/step ({r.images_per_s[b]:.1f} img/s)" for b, ms in r.step_ms.items())
        print(f"{r.model:<18} {r.device} {r.backend_label}: convert {r.convert_s:.1f} s, build {r.build_s:.1f} s, first call {r.first_call_s * 1e3:.0f} ms, "
              f"batch 1: {r.latency_ms:.1f} ms; {steps}; peak {r.peak_memory_mb:.0f} MB ({r.memory_kind})")
    return 0


def backend_list(choice: str) -> list[str]:
    """"all": Keras and every OpenVINO precision this machine offers; else the one asked for."""
    from ..backends import AUTO, offered_choices

    return [c for c in offered_choices() if c != AUTO] if choice == "all" else [choice]
