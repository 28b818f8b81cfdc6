"""Benchmark: a cached-feature epoch against a frozen-base epoch on the same data (at each
size given), feature-caching throughput against the base's pure throughput (its compiled
call on the same decoded batches), and the frozen-base mode's images/s against the pure
model, with the input pipeline's own rate (it must never be what the model waits for).

    python tests/perf/bench_train.py [--images 78 2000]

Ratios are printed; the goals (issue "training at the speed of the data"): a cached epoch
>= 100x faster than a frozen-base epoch at 78 and 2,000 images, caching >= 0.8 of pure.
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


def make_folder(root: Path, n: int, size=(320, 240)) -> None:
    rng = np.random.default_rng(0)
    for c in ("a", "b", "c"):
        (root / c).mkdir(parents=True)
        for i in range(n // 3 + (1 if ("a", "b", "c").index(c) < n % 3 else 0)):
            Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8)).save(root / c / f"{i}.jpg")


def bench_size(n: int, work: Path) -> None:
    from engine import models
    from engine.predict import decoded_batches
    from engine.train import dataset, features, samples, trainer

    data = work / f"data{n}"
    make_folder(data, n)
    report = dataset.scan(data)
    traces = models.TRACES["compiled_call"]
    common = dict(model="MobileNetV2", weights=None, early_stopping=0, batch_size=32, backend="keras")
    cached = trainer.train(report, trainer.TrainSettings(mode="extract", epochs=6, **common))
    frozen = trainer.train(report, trainer.TrainSettings(mode="augment", augmentations=[], epochs=2, **common))
    c_epoch = float(np.median(cached.epoch_seconds[1:]))
    f_epoch = float(frozen.epoch_seconds[-1])  # the first epoch also traces
    print(f"\n{n} images ({len(report.train)} training, {len(report.val)} validation), MobileNetV2 224x224, "
          f"batch 32:")
    print(f"  cached features  {c_epoch * 1e3:9.1f} ms per epoch (median of epochs 2-6)")
    print(f"  frozen base      {f_epoch * 1e3:9.1f} ms per epoch (epoch 2)")
    print(f"  cached is {f_epoch / c_epoch:.0f}x faster per epoch after the first   (goal >= 100x)")

    base, _ = trainer.build_base(trainer.TrainSettings(model="MobileNetV2", weights=None))
    files = [s.path for s in report.train + report.val]
    decoded = [px for px, _ in decoded_batches(files, 224, "stretch", 32)]
    base.call(decoded[0])
    t = time.perf_counter()
    for px in decoded:
        base.call(px).numpy()
    pure = len(files) / (time.perf_counter() - t)
    features.clear_cache()
    cache = features.FeatureCache("bench", None, 224, "stretch", max_bytes=1 << 40)
    t = time.perf_counter()
    cache.features(base, files, batch_size=32)
    caching = len(files) / (time.perf_counter() - t)
    print(f"  feature caching {caching:.1f} img/s against the base's pure {pure:.1f} img/s = {caching / pure:.2f}"
          "   (goal >= 0.8; decode, resize, hash, base pass, cache write)")

    skipped: list = []
    ds = samples.pixels_dataset(report.train, 224, "stretch", 32, True, 0, skipped)
    t = time.perf_counter()
    count = sum(int(x.shape[0]) for x, _, _ in ds)
    pipeline = count / (time.perf_counter() - t)
    trained = (len(report.train) + len(report.val)) / f_epoch  # every image of an epoch goes through the base
    print(f"  frozen-base training {trained:.1f} img/s (training and validation images) against the pure model {pure:.1f} img/s "
          f"= {trained / pure:.2f}; the input pipeline alone delivers {pipeline:.0f} img/s "
          f"({pipeline / pure:.1f}x what the model takes)")
    print(f"  compiled-call traces in this size's runs: {models.TRACES['compiled_call'] - traces} "
          "(one per model built: nothing traced twice)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, nargs="+", default=[78, 2000])
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        os.environ["PRETRAINED_STUDIO_HOME"] = d
        print("Indicative only when the machine is shared; the ratios are measured in the same run.")
        for n in a.images:
            bench_size(n, Path(d))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
