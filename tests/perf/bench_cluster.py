"""Benchmark: folder prediction on a local Ray cluster beside the local folder pipeline.

The same 512 photos (the fixture photos and crops of them, up to 640 px; random-texture
JPEGs when the fixtures are absent) through

1. the local pipeline (``engine.predict.predict_files``: tf.data decode + compiled call), and
2. ``--cluster local`` (``engine.cluster.ray_predict``: Ray Data decode tasks + a pool of
   model actors) on a Ray instance with this machine's cores, end to end with the actors'
   start (what a user pays on one machine), printed as a ratio to 1.

For the N-machine estimate in BENCHMARKS.md it also prints the per-actor model rate (images
over the actors' own batch time: results reach the driver in bursts, so driver-side timing
after the first result would flatter it) and the app's decode rate on one core, the two
rates a node's throughput is the smaller of.  MobileNetV2 with random weights: the
arithmetic does not depend on them.

    python tests/perf/bench_cluster.py [--images 512] [--cpus N] [--actors N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from engine import images  # noqa: E402
from engine.models import ModelRequest, build  # noqa: E402
from engine.predict import decode_file, predict_files  # noqa: E402
from tests.conftest import FIXTURES  # noqa: E402


def make_photos(folder: Path, n: int) -> list[str]:
    if (FIXTURES / "images").is_dir():
        from tests.engine.photo_folder import make_folder

        make_folder(folder, n, hostile=False, max_side=640)
    else:
        rng = np.random.default_rng(1)
        base = rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)
        for i in range(n):
            Image.fromarray(np.roll(base, i, axis=1)).save(folder / f"{i:04d}.jpg", quality=90)
    return [str(p) for p in images.list_images(folder)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=512)
    ap.add_argument("--cpus", type=int, default=os.cpu_count())
    ap.add_argument("--actors", type=int)
    ap.add_argument("--batch-size", type=int, default=32)
    a = ap.parse_args()
    from engine.cluster import ray_predict

    request = ModelRequest("MobileNetV2", weights=None)
    with tempfile.TemporaryDirectory() as d:
        files = make_photos(Path(d), a.images)
        print(f"{len(files)} photos, MobileNetV2, batch {a.batch_size}, {os.cpu_count()} CPUs on this machine")

        t = time.perf_counter()
        for f in files[:128]:
            decode_file(f, 224, "stretch")
        decode = 128 / (time.perf_counter() - t)

        loaded = build(request)
        list(predict_files(loaded, files[:64], batch_size=a.batch_size))  # warm the pipeline
        t = time.perf_counter()
        n = sum(1 for r in predict_files(loaded, files, batch_size=a.batch_size) if r.prediction)
        local_s = time.perf_counter() - t
        local = n / local_s
        print(f"  local folder pipeline                {local:7.1f} img/s  ({local_s:.1f} s)")

        t = time.perf_counter()
        with ray_predict.connect("local", num_cpus=a.cpus, object_store_bytes=1 << 30) as session:
            start_s = time.perf_counter() - t
            pool = ray_predict.actor_plan(session, a.actors)
            t = time.perf_counter()
            first, n, model_s = None, 0, 0.0
            for r in ray_predict.predict_files(session, request, files, batch_size=a.batch_size, actors=a.actors):
                first = first or time.perf_counter() - t
                n += 1
                model_s += r.prediction.seconds
            total_s = time.perf_counter() - t
        cluster = n / total_s
        per_actor = n / model_s
        print(f"  --cluster local, {a.cpus} CPUs, {pool.describe()} (Ray start {start_s:.1f} s, not counted):")
        print(f"    end to end, actors' start included {cluster:7.1f} img/s  ({total_s:.1f} s; first result after "
              f"{first:.1f} s) = {cluster / local:.2f} of local")
        print(f"    model rate per actor               {per_actor:7.1f} img/s  ({pool.threads} TensorFlow threads)")
        print(f"    app's decode + resize, one core    {decode:7.1f} img/s")
        print("  paper estimate, N machines like this one: "
              + ", ".join(f"N={k}: {k * pool.actors * per_actor:.0f}" for k in (1, 2, 4, 8, 16)) + " img/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
