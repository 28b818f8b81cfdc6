"""`weights status|where|import|remove|download|pack`: manage ImageNet weight files."""

from __future__ import annotations

import json
import sys

from .. import model_weights, paths, preferences, weights
from ..pathnames import printable
from ..weights import sources
from .argtypes import ALPHA, INPUT_SIZE
from .common import add_model_args, variant_from
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("weights", help="find, check, import, download or pack ImageNet weights")
    wsub = p.add_subparsers(dest="action", required=True)
    s = wsub.add_parser("status", help="where each model's weights come from, and how they were checked")
    s.add_argument("--no-top", action="store_true", help="the feature extractors (for training) instead")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(run=status)
    s = wsub.add_parser("where", help="the places searched, in order; with a model, what each one holds")
    s.add_argument("model", nargs="?", help="follow the search for this model's file, step by step")
    s.add_argument("--alpha", type=ALPHA)
    s.add_argument("--minimalistic", action="store_true")
    s.add_argument("--input-size", type=INPUT_SIZE)
    s.add_argument("--no-top", action="store_true")
    s.set_defaults(run=where)
    s = wsub.add_parser("import", help="import a weights file after proving it loads into the model")
    s.add_argument("file")
    add_model_args(s, weights=False)
    s.add_argument("--no-top", action="store_true", help="the file is a feature extractor (no classifier)")
    s.add_argument("--replace", action="store_true", help="replace an earlier import (kept; `remove` restores it)")
    s.set_defaults(run=import_)
    s = wsub.add_parser("remove", help="remove imported weights; the import they replaced comes back")
    _variant_args(s)
    s.set_defaults(run=remove)
    s = wsub.add_parser("download", help="download (verified) into the Keras cache")
    _variant_args(s)
    s.set_defaults(run=download)
    s = wsub.add_parser("pack", help="copy this computer's verified weight files into a pack for offline labs")
    s.add_argument("out_dir", metavar="OUT_DIR")
    s.add_argument("--models", help="comma-separated model names (default: every model found here)")
    s.set_defaults(run=pack)


def _variant_args(s) -> None:
    s.add_argument("model")
    s.add_argument("--alpha", type=ALPHA)
    s.add_argument("--minimalistic", action="store_true")
    s.add_argument("--input-size", type=INPUT_SIZE)
    s.add_argument("--no-top", action="store_true")


def _offline_dirs() -> list[str]:
    return list(preferences.load().offline_weights_dirs)


def _row(name: str, st) -> dict:
    return {
        "model": name, "where": st.where, "source": st.source, "path": str(st.path) if st.path else None,
        "file": st.file.filename if st.file else None, "verified": st.verified,
        "checked": st.verdict.how if st.verdict else None,
        "imported": st.imported.source if st.imported else None,
        "previous_import": st.previous_import.source if st.previous_import else None,
        "problems": [str(p) for p in st.problems],
    }


def status(args) -> int:
    from .. import zoo

    dirs = _offline_dirs()
    rows = []
    for spec in zoo.discover():
        st = model_weights.status_for(spec.name, zoo.Variant(include_top=not args.no_top), dirs)
        rows.append(_row(spec.name, st))
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    for r in rows:
        how = ("verified (" + r["checked"] + ")" if r["verified"] else r["checked"] or "") if r["path"] else ""
        if r["problems"] and not r["path"]:
            how = f"{len(r['problems'])} bad copy(ies) refused, see below"
        elif r["where"] == "pack":
            how = f"{r['source']}: {how}"
        print(f"{r['model']:<20}{r['where']:<10}{printable(how)}")
        if r["path"]:
            print(f"{'':<20}{printable(r['path'])}")
    problems = [p for r in rows for p in r["problems"]]
    for p in problems:
        print(f"warning: {p}", file=sys.stderr)
    return 0


def where(args) -> int:
    """The search order; with a model, each step of the search for its file and its outcome
    (the same one pass that building the model runs, without deriving or downloading)."""
    if args.model:
        variant = variant_from(args, include_top=not args.no_top)
        name, wf = _file_of(args.model, variant)
        st = weights.locate(wf, _offline_dirs(), model=name)
        print(f"{name} ({variant.describe() or 'default'}): {wf.filename}")
        for step in st.tried:
            print(f"  {step}")
        if st.path is not None:
            print(f"chosen: {printable(st.path)} ({st.source}, {printable(st.verdict.describe())})")
        else:
            print("chosen: none — " + ("a no-top base is derived from the full file when the model is built, else "
                                       if not variant.include_top else "") + "it is downloaded when allowed")
        return 0 if st.path is not None else 1
    for src in sources.sources(_offline_dirs()):
        note = "" if src.folder.is_dir() else "   (does not exist)"
        if src.pack is not None:
            note = f"   (weight pack{': ' + src.pack.error if src.pack.error else ''})"
        print(f"{src.where:<9}{printable(src.folder)}{printable(note)}")
    print(f"{'derive':<9}a no-top base cut from a verified full file above (for training)")
    mirror = preferences.load().weights_mirror or "Keras' server"
    print(f"{'download':<9}{mirror} (when downloads are allowed)")
    return 0


def _file_of(model: str, variant):
    """(model name as Keras spells it, WeightsFile): the manifest, else built once to ask Keras."""
    known = model_weights.manifest_file(model, variant)  # no TensorFlow for the usual variants
    if known:
        return known
    spec, _, wf = model_weights.weights_file(model, variant)
    return spec.name, wf


def import_(args) -> int:
    variant = variant_from(args, include_top=not args.no_top)
    rec = model_weights.import_weights(args.model, args.file, variant, replace=args.replace)
    print(f"imported ({rec.format} format, sha256 {rec.sha256[:12]}…, proven to load into {printable(args.model)}): "
          f"{printable(rec.path)}")
    return 0


def remove(args) -> int:
    variant = variant_from(args, include_top=not args.no_top)
    result = model_weights.remove_import(args.model, variant)
    print(f"removed the weights imported from '{printable(result.removed.source)}'")
    if result.restored is not None:
        print(f"in use again: the earlier import from '{printable(result.restored.source)}' "
              f"({printable(result.restored.imported_at)})")
    return 0


def download(args) -> int:
    variant = variant_from(args, include_top=not args.no_top)
    name, wf = _file_of(args.model, variant)
    dirs = _offline_dirs()
    found = weights.locate(wf, dirs, model=name)
    in_the_way = paths.keras_models_cache() / wf.filename  # the download's own error covers it
    for p in found.problems:
        if p.path != in_the_way or found.path:
            print(f"warning: {p}", file=sys.stderr)
    if found.path:
        print(f"already here ({found.source}, {printable(found.verdict.describe())}): {printable(found.path)}")
        return 0
    bar = ProgressBar()
    try:
        path = weights.download(wf, mirror=preferences.load().weights_mirror, progress=bar, model=name)
    finally:
        bar.close()
    verdict = weights.verify_file(path, weights.official_checks(wf))  # memoised: costs nothing
    said = "downloaded and verified" if verdict.verified else "downloaded; structure checked"
    print(f"{said} ({verdict.how}): {printable(path)}", file=sys.stderr)
    return 0


def pack(args) -> int:
    models = [m for m in (args.models or "").split(",") if m.strip()] or None
    report = weights.make_pack(args.out_dir, models, _offline_dirs())
    for name in report.added:
        print(f"added   {name}")
    for name in report.kept:
        print(f"kept    {name}")
    for name, why in report.skipped:
        if models:  # all models: most are simply not on this computer; say only what was asked for
            print(f"skipped {name}: {printable(why)}", file=sys.stderr)
    print(f"pack: {printable(report.folder)} ({len(report.added) + len(report.kept)} files)")
    return 0
