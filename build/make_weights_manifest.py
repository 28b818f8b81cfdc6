"""Regenerate resources/weights_manifest.json from the installed Keras.

For every zoo model and the usual variants, record the weight file Keras asks for
(name, URL, hash), captured from its own ``get_file`` call.  Run after upgrading Keras:

    python build/make_weights_manifest.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import builder, fileio, paths, zoo  # noqa: E402
from engine.errors import VariantError  # noqa: E402


def variants_for(spec: zoo.ModelSpec):
    for top in (True, False):
        yield zoo.Variant(include_top=top)
        for alpha in spec.variants.alphas:
            sizes = spec.variants.weight_sizes or (None,)
            for size in sizes:
                size = None if size == spec.input_size else size
                for mini in ((False, True) if spec.variants.minimalistic else (False,)):
                    yield zoo.Variant(alpha=alpha, include_top=top, input_size=size, minimalistic=mini or None)


def main() -> int:
    import keras

    entries = {}
    for spec in zoo.discover():
        t = time.time()
        for variant in variants_for(spec):
            key = builder.manifest_key(spec, variant)
            if key in entries:
                continue
            try:
                wf = builder.required_weights(spec, variant)
            except VariantError as exc:
                print(f"  skip {key}: {str(exc)[:100]}", flush=True)
                continue
            finally:
                keras.backend.clear_session()
            entries[key] = {"filename": wf.filename, "url": wf.url, "file_hash": wf.file_hash}
        print(f"{spec.name}: {time.time() - t:.1f}s", flush=True)
    out = paths.resources_dir() / "weights_manifest.json"
    fileio.write_json(out, {"keras_version": keras.__version__, "entries": entries})
    print(f"wrote {len(entries)} entries to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
