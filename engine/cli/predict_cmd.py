"""`predict PATH... --model NAME`: files and folders, one result per image."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import export, images, preferences
from ..errors import ImageLoadError
from ..predict import FileResult, Predictor
from .common import add_backend_arg, add_model_args, backend_from, policy_from, request_from, say_backend
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("predict", help="classify images and folders")
    p.add_argument("paths", nargs="+", help="image files and/or folders")
    add_model_args(p)
    p.add_argument("--top", type=int, default=None, help="how many classes per image (default: preferences, 5)")
    p.add_argument("--resize", choices=images.RESIZE_POLICIES, default=None, help="stretch (default) or crop")
    p.add_argument("--batch-size", type=int, default=32)
    add_backend_arg(p)
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON (one object per image) to stdout")
    out.add_argument("--csv", metavar="FILE", help="write a CSV table to FILE")
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
    files, results = expand(args.paths)
    predictor = Predictor(capacity=1, policy=policy_from(args, prefs), backend=backend_from(args, prefs))
    bar = ProgressBar()
    loaded = predictor.load(request, progress=bar)
    bar.close()
    say_backend(loaded)
    if loaded.untrained:
        print("note: random (untrained) weights: these predictions mean nothing.", file=sys.stderr)
    bar = ProgressBar() if len(files) > 1 else None
    for r in predictor.predict_files(request, files, k=k, policy=policy, batch_size=args.batch_size, progress=bar):
        results.append(r)
        if not (args.json or args.csv):
            print(_line(r), flush=True)
        elif r.error:
            print(f"skipped: {r.error}", file=sys.stderr)
    if bar:
        bar.close()
    if args.json:
        print(json.dumps([export.result_dict(r) for r in results], indent=1))
    if args.csv:
        export.write_csv(args.csv, results)
        print(f"wrote {len(results)} rows to {args.csv}", file=sys.stderr)
    ok = sum(1 for r in results if r.prediction is not None)
    failed = len(results) - ok
    print(f"{ok} predicted, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _line(r: FileResult) -> str:
    if r.prediction is None:
        return f"{r.path}\tERROR\t{r.error}"
    top = r.prediction.top
    rest = ", ".join(f"{c.name} {c.probability * 100:.1f}%" for c in top[1:])
    mark = "\t[untrained weights]" if r.prediction.untrained else ""
    return f"{r.path}\t{top[0].name}\t{top[0].probability * 100:.1f}%\t({rest}){mark}"
