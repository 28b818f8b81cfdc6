"""`models [--json]`: the zoo with input size, published figures and local weights."""

from __future__ import annotations

import json

from .. import preferences, zoo
from ..builder import weights_status


def register(sub) -> None:
    p = sub.add_parser("models", help="list the model zoo")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def rows(offline_dirs) -> list[dict]:
    out = []
    for spec in zoo.discover():
        st = weights_status(spec, offline_dirs)
        f = spec.figures
        out.append({
            "name": spec.name, "family": spec.family, "module": spec.module,
            "input_size": spec.input_size, "size_mb": f.size_mb, "top1": f.top1, "top5": f.top5,
            "params_millions": f.params_millions, "depth": f.depth, "cpu_ms": f.cpu_ms, "gpu_ms": f.gpu_ms,
            "weights": st.where, "weights_file": st.file.filename if st.file else None,
            "weights_path": str(st.path) if st.path else None,
        })
    return out


def _fmt(v, pct=False):
    if v is None:
        return "—"
    return f"{v * 100:.1f}%" if pct else f"{v:g}"


def run(args) -> int:
    prefs = preferences.load()
    data = rows(prefs.offline_weights_dirs)
    if args.json:
        source, protocol = zoo.figures_source()
        print(json.dumps({"source": source, "protocol": protocol, "models": data}, indent=1))
        return 0
    print(f"{'model':<20}{'family':<15}{'input':>6}{'top-1':>8}{'MB':>9}{'params M':>10}{'CPU ms':>8}  weights")
    for r in data:
        print(f"{r['name']:<20}{r['family']:<15}{r['input_size']:>6}{_fmt(r['top1'], True):>8}"
              f"{_fmt(r['size_mb']):>9}{_fmt(r['params_millions']):>10}{_fmt(r['cpu_ms']):>8}  {r['weights']}")
    print("\n— : not published by Keras. Figures: " + zoo.figures_source()[0])
    return 0
