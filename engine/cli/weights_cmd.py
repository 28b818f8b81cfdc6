"""`weights status|where|import|download`: manage ImageNet weight files."""

from __future__ import annotations

import sys

from .. import builder, preferences, weights, zoo
from ..models import ModelRequest, WeightsPolicy, build
from .argtypes import ALPHA, INPUT_SIZE
from .common import add_model_args, variant_from
from .models_cmd import rows
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("weights", help="find, import or download ImageNet weights")
    wsub = p.add_subparsers(dest="action", required=True)
    s = wsub.add_parser("status", help="which models have their weights on this computer")
    s.set_defaults(run=status)
    s = wsub.add_parser("where", help="the folders searched, in order")
    s.set_defaults(run=where)
    s = wsub.add_parser("import", help="import a weights file after checking it loads")
    s.add_argument("file")
    add_model_args(s, weights=False)
    s.add_argument("--no-top", action="store_true", help="the file is a feature extractor (no classifier)")
    s.set_defaults(run=import_)
    s = wsub.add_parser("download", help="download (verified) into the Keras cache")
    s.add_argument("model")
    s.add_argument("--alpha", type=ALPHA)
    s.add_argument("--minimalistic", action="store_true")
    s.add_argument("--input-size", type=INPUT_SIZE)
    s.add_argument("--no-top", action="store_true")
    s.set_defaults(run=download)


def status(args) -> int:
    prefs = preferences.load()
    for r in rows(prefs.offline_weights_dirs):
        where = r["weights_path"] or "missing"
        print(f"{r['name']:<20}{r['weights']:<10}{r['weights_file'] or '?':<62}{where if r['weights_path'] else ''}")
    return 0


def where(args) -> int:
    prefs = preferences.load()
    for label, folder in weights.search_dirs(prefs.offline_weights_dirs):
        print(f"{label:<9}{folder}{'' if folder.is_dir() else '   (does not exist)'}")
    return 0


def import_(args) -> int:
    spec = zoo.get(args.model)
    variant = variant_from(args, include_top=not args.no_top)
    wf = builder.weights_file_for(spec, variant)

    def check(path):
        build(ModelRequest(spec.name, variant, str(path)), WeightsPolicy())

    target = weights.import_file(args.file, wf, check)
    print(f"imported: {target}")
    return 0


def download(args) -> int:
    spec = zoo.get(args.model)
    variant = variant_from(args, include_top=not args.no_top)
    wf = builder.weights_file_for(spec, variant)
    found = weights.locate(wf, preferences.load().offline_weights_dirs)
    if found.path:
        print(f"already here ({found.where}): {found.path}")
        return 0
    bar = ProgressBar()
    path = weights.download(wf, mirror=preferences.load().weights_mirror, progress=bar)
    bar.close()
    print(f"downloaded and verified: {path}", file=sys.stderr)
    return 0
