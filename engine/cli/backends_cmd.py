"""`backends [--clear-cache] [--json]`: what this CPU offers, and the conversion cache."""

from __future__ import annotations

import json


def register(sub) -> None:
    p = sub.add_parser("backends", help="inference backends on this machine; the OpenVINO conversion cache")
    p.add_argument("--clear-cache", action="store_true", help="remove every converted model (re-converted on use)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(args) -> int:
    from .. import backends, preferences
    from ..backends import convert_cache
    from ..device import cpu_name

    if args.clear_cache:
        convert_cache.clear()
    flags = sorted(f for f in backends.cpu_flags() if f.startswith(("avx", "amx", "sse4", "fma")))
    info = {
        "cpu": cpu_name(), "cpu_flags": flags, "openvino_installed": backends.openvino_installed(),
        "bf16_native": backends.bf16_available(), "offered": backends.offered_choices(),
        "preference": preferences.load().inference_backend,
        "cache_folder": str(convert_cache.cache_root()), "cache_bytes": convert_cache.size_bytes(),
    }
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    print(f"CPU: {info['cpu']}; flags: {' '.join(flags) or 'unknown'}")
    print(f"OpenVINO installed: {'yes' if info['openvino_installed'] else 'no'}; "
          f"native bf16: {'yes' if info['bf16_native'] else 'no'}")
    print(f"choices here: {', '.join(info['offered'])} (preference: {info['preference']})")
    print(f"conversion cache: {info['cache_folder']} ({info['cache_bytes'] / 2 ** 20:.1f} MB)"
          + (" — cleared" if args.clear_cache else ""))
    return 0
