"""`predict PATH... --model NAME`: files and folders, one result per image."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .. import export, images, preferences
from ..errors import ImageLoadError, StudioError
from ..pathnames import printable
from ..predict import FileResult, Predictor
from .argtypes import BATCH_SIZE, TOP_K
from .common import add_backend_arg, add_model_args, backend_from, policy_from, request_from, say_backend
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


def run(args) -> int:
    if args.csv and not Path(args.csv).absolute().parent.is_dir():
        raise StudioError(f"Cannot write '{printable(args.csv)}': its folder does not exist.")
    prefs = preferences.load()
    k = args.top or prefs.top_k
    policy = args.resize or prefs.resize_policy
    request = request_from(args)
    files, results = expand(args.paths)
    for r in results:  # arguments that name nothing to predict, each with its reason
        if args.json or args.csv:
            print(f"skipped: {r.error}", file=sys.stderr)
        else:
            print(_line(r), flush=True)
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
        print(f"wrote {len(results)} rows to {printable(args.csv)}", file=sys.stderr)
    ok = sum(1 for r in results if r.prediction is not None)
    failed = len(results) - ok
    print(f"{ok} predicted, {failed} failed", file=sys.stderr)
    return 0 if ok else 1


def _line(r: FileResult) -> str:
    """One tab-separated line; the path is escaped (tabs, newlines, undecodable bytes), see
    ``engine.pathnames.printable``, so each result is exactly one line of four fields."""
    path = printable(r.path)
    if r.prediction is None:
        return f"{path}\tERROR\t{_one_line(r.error or '')}"
    top = r.prediction.top
    rest = ", ".join(f"{c.name} {c.probability * 100:.1f}%" for c in top[1:])
    mark = "\t[untrained weights]" if r.prediction.untrained else ""
    return f"{path}\t{_one_line(top[0].name)}\t{top[0].probability * 100:.1f}%\t({_one_line(rest)}){mark}"


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
