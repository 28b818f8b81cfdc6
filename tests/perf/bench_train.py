"""Benchmark: epoch time with cached features against frozen-base training on the same data,
and feature-caching throughput against the base's pure throughput at the same batch size.

    python tests/perf/bench_train.py [--images N]
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=96)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        os.environ["PRETRAINED_STUDIO_HOME"] = d
        from engine.train import dataset, features, trainer

        rng = np.random.default_rng(0)
        for c in ("a", "b", "c"):
            os.makedirs(f"{d}/data/{c}")
            for i in range(a.images // 3):
                Image.fromarray(rng.integers(0, 255, (240, 320, 3), dtype=np.uint8)).save(f"{d}/data/{c}/{i}.jpg")
        report = dataset.scan(f"{d}/data")
        common = dict(model="MobileNetV2", weights=None, epochs=3, early_stopping=0, batch_size=32)
        cached = trainer.train(report, trainer.TrainSettings(mode="extract", **common))
        frozen = trainer.train(report, trainer.TrainSettings(mode="augment", augmentations=[], **common))
        c_epoch = float(np.median(cached.epoch_seconds[1:]))
        f_epoch = float(np.median(frozen.epoch_seconds[1:]))
        print(f"{len(report.train)} training images, MobileNetV2 224x224, batch 32, epochs 2-3:")
        print(f"  cached features  {c_epoch * 1e3:8.1f} ms per epoch")
        print(f"  frozen base      {f_epoch * 1e3:8.1f} ms per epoch")
        print(f"  cached is {f_epoch / c_epoch:.0f}x faster per epoch after the first")

        base, _ = trainer.build_base(trainer.TrainSettings(model="MobileNetV2", weights=None))
        files = [s.path for s in report.train + report.val]
        batch = np.random.default_rng(1).integers(0, 255, (32, 224, 224, 3), dtype=np.uint8)
        base.call(batch)
        t = time.perf_counter()
        for _ in range(len(files) // 32):
            base.call(batch).numpy()
        pure = (len(files) // 32) * 32 / (time.perf_counter() - t)
        features.clear_cache()
        cache = features.FeatureCache("bench", None, 224, "stretch")
        t = time.perf_counter()
        cache.features(base, files, batch_size=32)
        caching = len(files) / (time.perf_counter() - t)
        print(f"Feature caching {caching:.1f} img/s against the base's pure {pure:.1f} img/s "
              f"= {caching / pure:.2f} (JPEG decode, resize, base pass and writing the cache)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
