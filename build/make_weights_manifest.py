"""Regenerate resources/weights_manifest.json: every weight file Keras asks for, and how to check it.

For every zoo model and the usual variants, record the file Keras asks for (name, URL,
Keras' own hash), captured from its ``get_file`` call; and for every file what can verify it:

- always, offline: the structure fingerprint of the legacy ``.h5`` layout (shapes of the
  weights of every weight-bearing layer, in the loader's order), from the model built with
  ``weights=None`` — the check for files Keras publishes no hash for (MobileNet, MobileNetV2);
- ``--listing``: size and md5 of every file from the server's bucket listing (one request per
  1,000 files; the md5 is the object's ETag);
- ``--fetch``: sha256 and size of every file, downloaded once (about 15 GB; cached in
  ``--fetch-dir`` if given, so an interrupted run resumes);
- ``--official-dir DIR``: sha256 and size of copies of official files already on this machine;
- ``reported``: sizes and hashes of official files found in public sources (see REPORTED);
  never used to refuse a file, only to cap downloads and to say "verified" when they match.

Run after upgrading Keras (``--reuse`` keeps the captured names and facts of the current
manifest and only recomputes fingerprints):

    python build/make_weights_manifest.py [--reuse] [--listing] [--fetch [--fetch-dir DIR]] [--official-dir DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine import builder, fileio, paths, zoo  # noqa: E402
from engine.errors import VariantError  # noqa: E402
from engine.weights import structure  # noqa: E402
from engine.weights.manifest import KERAS_WEIGHTS_BASE  # noqa: E402
from engine.weights.notop import parse_variant  # noqa: E402

BUCKET_LISTING = "https://storage.googleapis.com/tensorflow?prefix=keras-applications/"

# Facts about official files seen in public sources; no primary source publishes them.
_LOG = "Keras' download progress ('N/N') for this URL in public notebook output"
_MIA = "the weight table of a public model-download helper whose md5s for other files match Keras' own"
_PIN = "two public projects that pin it (one from the JonathanCMitchell/mobilenet_v2_keras v1.1 release Keras " \
       "first downloaded it from, one from the Keras cache)"
REPORTED = {
    "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5": {
        "size": 14536120, "size_source": _LOG,
        "sha256": "3e195a2857356cfc092cbbb460beb2a5bce279015d7792598b8d3d9e451902e3", "sha256_source": _PIN,
        "md5": "321911b381f6fd09b744356f6796ee18", "md5_source": _MIA},
    "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5": {
        "size": 9406464, "size_source": _LOG, "md5": "f1a68526548f7541cda07e19ba6c85f4", "md5_source": _MIA},
    "mobilenet_1_0_224_tf.h5": {"md5": "03394917f9a9ea3362f46332a5b6a215", "md5_source": _MIA},
    "mobilenet_1_0_224_tf_no_top.h5": {
        "size": 17225924, "size_source": _LOG, "md5": "725ccbd03d61d7ced5b5c4cd17e7d527", "md5_source": _MIA},
}


def variants_for(spec: zoo.ModelSpec):
    for top in (True, False):
        yield zoo.Variant(include_top=top)
        for alpha in spec.variants.alphas:
            sizes = spec.variants.weight_sizes or (None,)
            for size in sizes:
                size = None if size == spec.input_size else size
                for mini in ((False, True) if spec.variants.minimalistic else (False,)):
                    yield zoo.Variant(alpha=alpha, include_top=top, input_size=size, minimalistic=mini or None)


def capture_entries(keras) -> dict:
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
    return entries


def fingerprints(entries: dict, keras) -> dict:
    """filename -> structure fingerprint, from one weights=None build per file."""
    out = {}
    for key, e in sorted(entries.items()):
        if e["filename"] in out:
            continue
        name, _, desc = key.partition("|")
        spec = zoo.get(name)
        model = builder.build(spec, parse_variant(desc), None)
        out[e["filename"]] = structure.model_fingerprint(model)
        del model
        keras.backend.clear_session()
        print(f"  {e['filename']}: {out[e['filename']]['params']:,} values", flush=True)
    return out


def bucket_listing() -> dict:
    """filename -> (size, md5) from the public bucket listing (paginated XML)."""
    found, marker = {}, ""
    while True:
        url = BUCKET_LISTING + (f"&marker={marker}" if marker else "")
        with urllib.request.urlopen(url, timeout=60) as resp:
            xml = resp.read().decode("utf-8")
        for block in re.findall(r"<Contents>(.*?)</Contents>", xml, re.S):
            key = re.search(r"<Key>(.*?)</Key>", block).group(1)
            etag = re.search(r"<ETag>\"?([0-9a-f]{32})\"?</ETag>", block)
            size = int(re.search(r"<Size>(\d+)</Size>", block).group(1))
            found[key.rsplit("/", 1)[-1]] = (size, etag.group(1) if etag else None)
            marker = key
        if "<IsTruncated>true</IsTruncated>" not in xml:
            return found


def sha256_and_size(path: Path) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            n += len(chunk)
    return h.hexdigest(), n


def fetch_all(entries: dict, fetch_dir: Path) -> dict:
    out = {}
    fetch_dir.mkdir(parents=True, exist_ok=True)
    for e in {e["filename"]: e for e in entries.values()}.values():
        target = fetch_dir / e["filename"]
        if not target.is_file():
            with fileio.atomic_path(target) as tmp, urllib.request.urlopen(e["url"], timeout=60) as resp, \
                    open(tmp, "wb") as f:
                for chunk in iter(lambda: resp.read(1 << 20), b""):
                    f.write(chunk)
        out[e["filename"]] = sha256_and_size(target)
        print(f"  {e['filename']}: {out[e['filename']][1]:,} bytes", flush=True)
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--reuse", action="store_true", help="keep the current manifest's captured entries and facts")
    p.add_argument("--listing", action="store_true", help="sizes and md5s from the server's bucket listing")
    p.add_argument("--fetch", action="store_true", help="download every file once for its sha256 and size")
    p.add_argument("--fetch-dir", type=Path, help="keep fetched files here (resumable)")
    p.add_argument("--official-dir", type=Path, help="a folder of official files (Keras' names) to hash")
    args = p.parse_args(argv)
    import tempfile

    import keras

    out = paths.resources_dir() / "weights_manifest.json"
    old = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    entries = old.get("entries", {}) if args.reuse else capture_entries(keras)
    files = {f: dict(v) for f, v in old.get("files", {}).items()} if args.reuse else {}
    for filename, fp in fingerprints(entries, keras).items():
        files.setdefault(filename, {})["structure"] = fp
    for filename, facts in REPORTED.items():
        if filename in files:
            files[filename]["reported"] = facts
    if args.official_dir:
        for filename in files:
            if (args.official_dir / filename).is_file():
                sha, size = sha256_and_size(args.official_dir / filename)
                files[filename].update(sha256=sha, size=size)
    if args.listing:
        for filename, (size, md5) in bucket_listing().items():
            if filename in files:
                files[filename].update(size=size, **({"md5": md5} if md5 else {}))
    if args.fetch:
        for filename, (sha, size) in fetch_all(entries, args.fetch_dir or Path(tempfile.mkdtemp())).items():
            files[filename].update(sha256=sha, size=size)
    fileio.write_json(out, {"keras_version": keras.__version__, "base_url": KERAS_WEIGHTS_BASE,
                            "entries": entries, "files": files})
    print(f"wrote {len(entries)} entries, {len(files)} files to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
