"""`predict PATH... --model NAME`: files and folders, one result per image."""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
from pathlib import Path
from typing import Iterable

from .. import export, images, preferences, results_file
from ..errors import ImageLoadError
from ..predict import FileResult, Predictor
from .common import add_model_args, policy_from, request_from
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("predict", help="classify images and folders")
    p.add_argument("paths", nargs="+", help="image files and/or folders")
    add_model_args(p)
    p.add_argument("--top", type=int, default=None, help="how many classes per image (default: preferences, 5)")
    p.add_argument("--resize", choices=images.RESIZE_POLICIES, default=None, help="stretch (default) or crop")
    p.add_argument("--batch-size", type=int, default=32)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON (one object per image) to stdout")
    out.add_argument("--csv", metavar="FILE", help="write a CSV table to FILE")
    out.add_argument("--out", metavar="FILE", help="stream results to FILE.csv or FILE.parquet as they come "
                                                   "(written atomically: an interrupted run leaves no file)")
    cl = p.add_argument_group("cluster (Ray)")
    cl.add_argument("--cluster", metavar="ADDRESS",
                    help="run on a Ray cluster: auto (the running one), HOST:PORT, or local (start one here)")
    cl.add_argument("--actors", type=int, help="model actors on the cluster (default: one per GPU, else by cores)")
    cl.add_argument("--worker-downloads", action="store_true",
                    help="let cluster workers download missing ImageNet weights (default: they never download)")
    p.set_defaults(run=run)


def expand(paths: list[str]) -> tuple[list[str], list[FileResult]]:
    """Files to predict, and results for paths that are neither files nor folders."""
    files, bad = [], []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = images.list_images(p)
            if not found:
                bad.append(FileResult(str(p), error=f"The folder '{p}' holds no image files."))
            files.extend(str(f) for f in found)
        elif p.exists():
            files.append(str(p))
        else:
            bad.append(FileResult(str(p), error=str(ImageLoadError(p, "the file does not exist."))))
    return files, bad


def run(args) -> int:
    prefs = preferences.load()
    k = args.top or prefs.top_k
    policy = args.resize or prefs.resize_policy
    request = request_from(args)
    if args.out:
        results_file.format_of(args.out)  # refuse an unknown extension before any work
    files, early = expand(args.paths)
    if args.cluster:
        from .cluster_predict import run_on_cluster

        return run_on_cluster(args, request, files, early, k, policy, prefs)
    predictor = Predictor(capacity=1, policy=policy_from(args, prefs))
    bar = ProgressBar()
    loaded = predictor.load(request, progress=bar)
    bar.close()
    if loaded.untrained:
        print("note: random (untrained) weights: these predictions mean nothing.", file=sys.stderr)
    bar = ProgressBar() if len(files) > 1 else None
    stream = predictor.predict_files(request, files, k=k, policy=policy, batch_size=args.batch_size, progress=bar)
    return consume(args, itertools.chain(early, stream), bar)


def consume(args, results: Iterable[FileResult], bar=None) -> int:
    """Print, stream to --out, or collect for --json/--csv; the exit code (1 when nothing predicted).

    Only --json and --csv keep every result in memory; --out writes each as it comes."""
    keep = args.json or args.csv
    kept: list[FileResult] = []
    ok = failed = 0
    with (results_file.stream_results(args.out) if args.out else contextlib.nullcontext()) as out:
        for r in results:
            ok += r.prediction is not None
            failed += r.prediction is None
            if keep:
                kept.append(r)
            if out is not None:
                out.write(r)
            if not (keep or out is not None):
                print(_line(r), flush=True)
            elif r.error:
                print(f"skipped: {r.error}", file=sys.stderr)
    if bar:
        bar.close()
    if args.json:
        print(json.dumps([export.result_dict(r) for r in kept], indent=1))
    target = args.csv or args.out
    if args.csv:
        export.write_csv(args.csv, kept)
    if target:
        print(f"wrote {ok + failed} rows to {target}", file=sys.stderr)
    print(f"{ok} predicted, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _line(r: FileResult) -> str:
    if r.prediction is None:
        return f"{r.path}\tERROR\t{r.error}"
    top = r.prediction.top
    rest = ", ".join(f"{c.name} {c.probability * 100:.1f}%" for c in top[1:])
    mark = "\t[untrained weights]" if r.prediction.untrained else ""
    return f"{r.path}\t{top[0].name}\t{top[0].probability * 100:.1f}%\t({rest}){mark}"
