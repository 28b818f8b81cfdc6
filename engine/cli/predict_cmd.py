"""`predict PATH... --model NAME`: files and folders, one result per image."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

from .. import images, preferences, results_file, targets
from ..errors import ImageLoadError, StudioError
from ..pathnames import printable
from ..predict import FileResult, Predictor
from .argtypes import BATCH_SIZE, TOP_K, integer
from .common import (RESULTS_CSV, add_backend_arg, add_model_args, add_overwrite_arg, backend_from, model_inputs,
                     policy_from, request_from, say_backend)
from .predict_output import consume
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("predict", help="classify images and folders")
    p.add_argument("paths", nargs="+", help="image files and/or folders")
    add_model_args(p)
    p.add_argument("--top", type=TOP_K, default=None, help="how many classes per image (default: preferences, 5)")
    p.add_argument("--resize", choices=images.RESIZE_POLICIES, default=None, help="stretch (default) or crop")
    p.add_argument("--batch-size", type=BATCH_SIZE, default=32)
    add_backend_arg(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON (one object per image) to stdout")
    out.add_argument("--csv", metavar="FILE", help="write a CSV table to FILE")
    out.add_argument("--out", metavar="FILE", help="stream results to FILE.csv or FILE.parquet as they come "
                                                   "(written atomically: an interrupted run leaves no file)")
    add_overwrite_arg(p)
    cl = p.add_argument_group("cluster (Ray)")
    cl.add_argument("--cluster", metavar="ADDRESS",
                    help="run on a Ray cluster: auto (the running one), HOST:PORT, or local (start one here)")
    cl.add_argument("--actors", type=integer(1, 4096),
                    help="model actors on the cluster (default: one per GPU, else by cores)")
    cl.add_argument("--worker-downloads", action="store_true",
                    help="let cluster workers download missing ImageNet weights (default: they never download)")
    p.set_defaults(run=run)


def expand(paths: list[str]) -> tuple[list[str], list[FileResult]]:
    """Files to predict, and a result with the reason for each argument that gives none
    (missing, a dangling link, an unreadable or empty folder, not a file)."""
    files, bad = [], []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found, problems = images.find_images(p)
            for folder, reason in problems:
                bad.append(FileResult(folder, error=f"Cannot read folder '{printable(folder)}': {reason}"))
            if not found and not problems:
                bad.append(FileResult(raw, error=f"The folder '{printable(raw)}' holds no image files."))
            files.extend(os.fspath(f) for f in found)
        elif os.path.lexists(raw):
            files.append(raw)  # the loader says what is wrong with a link, a pipe or a device
        else:
            bad.append(FileResult(raw, error=str(ImageLoadError(raw, "the file does not exist."))))
    return files, bad


def check_outputs(args, files) -> None:
    """--csv / --out: never an input (an image listed or found in a folder, the model), never a
    file of someone else's without --overwrite, never a folder; before any work."""
    inputs = [*args.paths, *files, *model_inputs(args)]
    if args.csv:
        targets.check_file(args.csv, kind=RESULTS_CSV, option="--csv", inputs=inputs, overwrite=args.overwrite)
    if args.out:
        fmt = results_file.FORMATS.get(Path(args.out).suffix.lower(), "csv")
        kind = RESULTS_CSV if fmt == "csv" else targets.PARQUET
        targets.check_file(args.out, kind=kind, option="--out", inputs=inputs, overwrite=args.overwrite)
        results_file.format_of(args.out)  # refuse an unknown extension before any work


def run(args) -> int:
    files, early = expand(args.paths)
    check_outputs(args, files)
    prefs = preferences.load()
    k = args.top or prefs.top_k
    policy = args.resize or prefs.resize_policy
    request = request_from(args)
    if args.cluster:
        if args.model_file:
            raise StudioError("--cluster runs zoo models; predict a model file here (without --cluster).")
        from .cluster_predict import run_on_cluster

        return run_on_cluster(args, request, files, early, k, policy, prefs)
    predictor = Predictor(capacity=1, policy=policy_from(args, prefs), backend=backend_from(args, prefs))
    bar = ProgressBar()
    loaded = predictor.load(request, progress=bar)
    bar.close()
    say_backend(loaded)
    if loaded.untrained:
        print("note: random (untrained) weights: these predictions mean nothing.", file=sys.stderr)
    bar = ProgressBar() if len(files) > 1 else None
    stream = predictor.predict_files(request, files, k=k, policy=policy, batch_size=args.batch_size, progress=bar)
    return consume(args, itertools.chain(early, stream), bar)
