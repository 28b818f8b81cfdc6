"""Benchmark: 16 filters of a mid-level MobileNetV2 layer optimised in one batch against one
at a time (same steps), and the activation grid for a new image on a built model.

    python tests/perf/bench_inside.py [--steps N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from engine import images, zoo  # noqa: E402
from engine.inside import activations as acts  # noqa: E402
from engine.inside import filters  # noqa: E402
from engine.models import ModelRequest, build  # noqa: E402

LAYER = ("block_6_expand_relu",)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=20)
    a = ap.parse_args()
    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(), None))
    which = list(range(16))
    filters.patterns(loaded, LAYER, [100], steps=2)  # trace the step once
    times = {}
    for label, batch, seed in (("one batch of 16", 16, 1), (f"default (batch {filters.default_batch(16)})", None, 2),
                               ("one at a time", 1, 3)):
        t = time.perf_counter()
        filters.patterns(loaded, LAYER, which, steps=a.steps, seed=seed, batch=batch)
        times[label] = time.perf_counter() - t
    print(f"16 filters of MobileNetV2 {LAYER[0]}, {a.steps} steps each:")
    single = times["one at a time"]
    for label, s in times.items():
        print(f"  {label:<22}{s:6.1f} s  ({s / 16:.2f} s per filter, {single / s:.2f}x one at a time)")
    rng = np.random.default_rng(0)
    paths = [LAYER]
    acts.activations(loaded, images.LoadedImage(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8), "w"), paths)
    ts = []
    for i in range(5):
        img = images.LoadedImage(rng.integers(0, 255, (480, 640, 3), dtype=np.uint8), f"new{i}")
        t = time.perf_counter()
        (act,) = acts.activations(loaded, img, paths)
        acts.channel_maps(act, 32)
        acts.through_network(loaded, img)
        ts.append(time.perf_counter() - t)
    print(f"Activation grid + through-the-network strip for a new 640x480 image: median {np.median(ts) * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
