"""Benchmark: a cached-feature epoch against a frozen-base epoch on the same data (at each
size given), feature-caching throughput against the base's pure throughput (its compiled
call on the same decoded batches), and the frozen-base mode's images/s against the pure
model, with the input pipeline's own rate (it must never be what the model waits for).

``--split``: split execution against Keras-only training, the backends interleaved run by
run (Keras, OpenVINO f32, OpenVINO bf16 where the CPU has it, then again): the augment
mode's epoch and fine-tuning's phase-2 epoch (the top 20 layers unfrozen), MobileNetV2,
batch 32, with the epoch's figures compared (f32 must not change them).

    python tests/perf/bench_train.py [--images 78 2000]
    python tests/perf/bench_train.py --split [--split-images 160] [--repeats 2]

Ratios are printed; the goals (issue "training at the speed of the data"): a cached epoch
>= 100x faster than a frozen-base epoch at 78 and 2,000 images, caching >= 0.8 of pure.
Split execution (issue "training and heatmaps at the inference runtime's speed"): augment
epoch >= 1.8x with f32 and >= 3x with bf16 where the CPU has native bf16; phase-2 epoch
>= 1.4x.
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
    from engine.train import dataset, features, pixel_data, samples, trainer
    from engine.train.augment import Augmenter

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
    data = pixel_data.from_samples(samples.ordered(report.train, True, 0), 224, "stretch", 32, skipped,
                                   Augmenter([], 0))
    t = time.perf_counter()
    count = sum(int(x.shape[0]) for x, _, _ in data.batches(0))
    pipeline = count / (time.perf_counter() - t)
    trained = (len(report.train) + len(report.val)) / f_epoch  # every image of an epoch goes through the base
    print(f"  frozen-base training {trained:.1f} img/s (training and validation images) against the pure model "
          f"{pure:.1f} img/s "
          f"= {trained / pure:.2f}; the input pipeline alone delivers {pipeline:.0f} img/s "
          f"({pipeline / pure:.1f}x what the model takes)")
    print(f"  compiled-call traces in this size's runs: {models.TRACES['compiled_call'] - traces} "
          "(one per model built: nothing traced twice)")


def machine() -> str:
    from engine import backends
    from engine.device import cpu_name

    flags = sorted(f for f in backends.cpu_flags() if f.startswith(("avx", "amx")))
    return (f"{cpu_name()}, {os.cpu_count()} CPUs; vector flags: {' '.join(flags) or 'unknown'}; native bf16: "
            f"{backends.bf16_available()}; load average {os.getloadavg()[0]:.1f}")


def photo_folders(root: Path, copies: int) -> tuple[Path, Path]:
    """The fixture's cat/dog/hotdog photos as seeded crops: *_train_* into train/, *_test_* into
    val/ (real classes, so the accuracies compared between backends mean something)."""
    from PIL import ImageOps

    from tests.conftest import FIXTURES

    rng = np.random.default_rng(0)
    for split, key, n in (("train", "_train_", copies), ("val", "_test_", max(4, copies // 2))):
        for cls in ("cat", "dog", "hotdog"):
            out = root / split / cls
            out.mkdir(parents=True)
            for f in sorted((FIXTURES / "images" / "transfer" / cls).glob(f"*{key}*")):
                img = Image.open(f).convert("RGB")
                for i in range(n):
                    w, h = img.size
                    s = rng.uniform(0.7, 1.0)
                    cw, ch = int(w * s), int(h * s)
                    left, top = rng.integers(0, w - cw + 1), rng.integers(0, h - ch + 1)
                    a = img.crop((left, top, left + cw, top + ch)).rotate(rng.uniform(-12, 12))
                    (ImageOps.mirror(a) if i % 2 else a).save(out / f"{f.stem}_{i}.jpg", quality=92)
    return root / "train", root / "val"


def bench_split(n: int, work: Path, repeats: int, weights=None, photos: int = 0) -> None:
    import statistics

    from engine import backends
    from engine.train import dataset, trainer

    if photos:
        train_dir, val_dir = photo_folders(work / f"photos{photos}", photos)
        report = dataset.scan(train_dir, val_folder=val_dir)
    else:
        data = work / f"split{n}"
        make_folder(data, n)
        report = dataset.scan(data)
    choices = ["keras", "openvino"] + (["openvino-bf16"] if backends.bf16_available() else [])
    common = dict(model="MobileNetV2", weights=weights, early_stopping=0, batch_size=32)
    kinds = {"augment": dict(mode="augment", epochs=3),
             "fine-tuning phase 2": dict(mode="finetune", epochs=1, finetune_epochs=3, unfreeze=20)}
    what = f"weights {Path(weights).name}" if weights else "random weights"
    print(f"\nSplit execution, MobileNetV2 224x224 ({what}), "
          f"batch 32, {len(report.train)} training and {len(report.val)} validation images; {machine()}")
    for kind, extra in kinds.items():
        epochs: dict = {c: [] for c in choices}
        histories: dict = {}
        loads = []
        for _ in range(repeats):
            for choice in choices:  # interleaved, run by run
                res = trainer.train(report, trainer.TrainSettings(backend=choice, **common, **extra))
                timed = res.epoch_seconds[1:] if kind == "augment" else res.epoch_seconds[2:]  # after the first
                epochs[choice] += timed
                histories.setdefault(choice, res.history)
                loads.append(os.getloadavg()[0])
                where = res.execution[-1]
        base = statistics.median(epochs["keras"])
        print(f"  {kind} epoch (median of {len(epochs['keras'])} per backend; load {min(loads):.1f}-"
              f"{max(loads):.1f}):")
        goals = {("augment", "openvino"): 1.8, ("augment", "openvino-bf16"): 3.0,
                 ("fine-tuning phase 2", "openvino"): 1.4}
        for choice in choices:
            t = statistics.median(epochs[choice])
            goal = goals.get((kind, choice))
            mark = "" if goal is None else f"   (goal >= {goal:g}x: {'met' if base / t >= goal else 'MISSED'})"
            print(f"    {choice:<14} {t:6.2f} s  = {base / t:4.2f}x{mark}")
        for choice in choices[1:]:
            diffs = {k: max((abs(a - b) for a, b in zip(histories["keras"].get(k, []), histories[choice].get(k, []))),
                            default=0.0) for k in ("loss", "val_loss", "accuracy", "val_accuracy")}
            n = len(report.train)
            print(f"    {choice}: largest difference from Keras' figures per epoch: " +
                  ", ".join(f"{k} {v:.2g}" for k, v in diffs.items()) +
                  f" (one training image is {1 / n:.3f} of the accuracy)")
        print(f"    last run: {where}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, nargs="+", default=[78, 2000])
    ap.add_argument("--split", action="store_true", help="split execution against Keras-only training")
    ap.add_argument("--split-images", type=int, default=160)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--photos", type=int, default=0, metavar="COPIES",
                    help="--split on crops of the fixture's cat/dog/hotdog photos (COPIES per training photo) "
                         "instead of random JPEGs")
    ap.add_argument("--weights", help="no-top (or full) MobileNetV2 weights file for --split: real features, so the "
                                      "figures compared between backends mean something")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        os.environ["PRETRAINED_STUDIO_HOME"] = d
        print("Indicative only when the machine is shared; the ratios are measured in the same run.")
        if a.split:
            bench_split(a.split_images, Path(d), a.repeats, a.weights, a.photos)
            return 0
        for n in a.images:
            bench_size(n, Path(d))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
