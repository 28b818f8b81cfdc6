"""`cache info|clear`: the feature cache that makes training epochs after the first cheap."""

from __future__ import annotations

import json
from dataclasses import asdict

from ..pathnames import printable
from ..train import features


def register(sub) -> None:
    p = sub.add_parser("cache", help="show or clear the training feature cache")
    csub = p.add_subparsers(dest="action", required=True)
    s = csub.add_parser("info", help="where the cache is and how much it holds")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=info)
    s = csub.add_parser("clear", help="delete the cached features (they are recomputed when needed)")
    s.set_defaults(run=clear)


def info(args) -> int:
    i = features.info()
    if args.json:
        print(json.dumps(asdict(i), indent=1))
    else:
        print(f"{printable(i.folder)}: {i.files} feature files for {i.configurations} model configurations, "
              f"{i.bytes / 1e6:.1f} MB")
    return 0


def clear(args) -> int:
    before = features.info()
    removed = features.clear_cache()
    print(f"removed {removed} files ({before.bytes / 1e6:.1f} MB) from {printable(before.folder)}")
    return 0
