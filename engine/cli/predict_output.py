"""What `predict` prints or writes for a stream of results, run here or on a cluster."""

from __future__ import annotations

import contextlib
import json
import sys
from typing import Iterable

from .. import export, results_file
from ..pathnames import printable
from ..predict import FileResult


def consume(args, results: Iterable[FileResult], bar=None) -> int:
    """Print, stream to --out, or collect for --json/--csv; the exit code (1 when nothing predicted).

    Arguments that name nothing come first, each with its reason.  Only --json and --csv keep
    every result in memory; --out writes each as it comes."""
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
    if args.csv:
        export.write_csv(args.csv, kept)
    target = args.csv or args.out
    if target:
        print(f"wrote {ok + failed} rows to {printable(target)}", file=sys.stderr)
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
