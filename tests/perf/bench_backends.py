"""Benchmark: Keras (today's Predictor compiled call) against OpenVINO f32 and bf16, in one
process, interleaved, so drift hits every backend alike.

1. Batch-1 latency and 32-image throughput: MobileNetV2, EfficientNetB0, ResNet50.
2. Folder pipeline: JPEGs 640x480 through ``predict_files`` (decode included).
3. Feature caching (extract mode's base pass): MobileNetV2 without its top, over files.
4. Score-CAM with every channel (1,281 forward passes on MobileNetV2).

Random weights: timing does not need real ones.  Goals on a CPU: f32 >= 3x batch-1 and
>= 2x throughput on MobileNetV2; bf16 >= 5x where the CPU has it; Score-CAM >= 3x.

    python tests/perf/bench_backends.py [--quick]
    python tests/perf/bench_backends.py --folder [--images N] [--reps R] [--weights FILE]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from engine import backends, images, zoo  # noqa: E402
from engine.backends.keras_backend import KerasRunner  # noqa: E402
from engine.models import ModelRequest, build  # noqa: E402

GOALS = {("MobileNetV2", "latency", "openvino"): 3.0, ("MobileNetV2", "throughput", "openvino"): 2.0,
         ("MobileNetV2", "latency", "openvino-bf16"): 5.0, ("MobileNetV2", "throughput", "openvino-bf16"): 5.0,
         ("scorecam", "full", "openvino"): 3.0}


def variants(loaded, choices):
    """One LoadedModel view per backend, sharing the Keras model (Keras first: the baseline)."""
    out = {"keras": dataclasses.replace(loaded, runner=KerasRunner(loaded))}
    for choice in choices:
        view = dataclasses.replace(loaded, runner=None)
        t = time.perf_counter()
        info = backends.attach(view, choice)
        if info.name != backends.OPENVINO:
            print(f"    {choice}: not available ({info.notice})")
            continue
        print(f"    {choice}: converted and checked in {time.perf_counter() - t:.1f} s; {info.describe()}")
        out[choice] = view
    return out


def interleaved(fns: dict, reps: int) -> dict:
    times = {k: [] for k in fns}
    for fn in fns.values():
        fn()  # warm (compiles the OpenVINO request kinds)
    for _ in range(reps):
        for k, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def ratio_line(label: str, values: dict, unit: str, higher_better: bool, goal_key=None) -> None:
    base = values["keras"]
    parts = []
    for k, v in values.items():
        r = (v / base) if higher_better else (base / v)
        goal = GOALS.get(goal_key + (k,)) if goal_key else None
        mark = "" if goal is None else (f" (goal {goal:g}x: {'met' if r >= goal else 'MISSED'})")
        parts.append(f"{k} {v:8.1f} {unit} = {r:4.1f}x{mark}")
    print(f"  {label:<22}" + "; ".join(parts))


def models_section(names, choices, reps: int) -> None:
    print("\nBatch-1 latency (median ms) and 32-image throughput (img/s), ratio against Keras:")
    rng = np.random.default_rng(0)
    for name in names:
        loaded = build(ModelRequest(name, zoo.Variant(), None))
        views = variants(loaded, choices)
        size = loaded.input_size
        one = rng.integers(0, 255, (1, size, size, 3), dtype=np.uint8)
        batch = rng.integers(0, 255, (32, size, size, 3), dtype=np.uint8)
        lat = interleaved({k: (lambda v=v: v.run(one)) for k, v in views.items()}, reps)
        ratio_line(f"{name} batch 1", {k: t * 1e3 for k, t in lat.items()}, "ms", False, (name, "latency"))
        thr = interleaved({k: (lambda v=v: v.run(batch)) for k, v in views.items()}, max(3, reps // 5))
        ratio_line(f"{name} 32 images", {k: 32 / t for k, t in thr.items()}, "img/s", True, (name, "throughput"))


def jpeg_folder(folder: str, n: int) -> list:
    base = np.random.default_rng(1).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    for i in range(n):
        Image.fromarray(np.roll(base, i * 7, axis=1)).save(f"{folder}/{i:04d}.jpg", quality=90)
    return [str(p) for p in images.list_images(folder)]


FOLDER_GOALS = {"openvino": 0.75, "openvino-bf16": 0.6}  # of the model's own rate on the same backend


def folder_section(choices, n: int, reps: int = 2, weights=None) -> None:
    from engine.predict import predict_files

    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(), weights))
    views = variants(loaded, choices)
    batches = np.random.default_rng(3).integers(0, 255, (n // 32, 32, 224, 224, 3), dtype=np.uint8)
    with tempfile.TemporaryDirectory() as d:
        files = jpeg_folder(d, n)
        from engine.pixel_batches import decoded_batches

        fns = {("decode", ""): lambda: list(decoded_batches(files, 224, "stretch", 32))}
        for k, v in views.items():  # the folder, then the model alone on the same number of images
            fns[("folder", k)] = lambda v=v: list(predict_files(v, files, batch_size=32))
            fns[("model", k)] = lambda v=v: [v.run(b) for b in batches]
        times = interleaved(fns, reps)
    decode = n / times[("decode", "")]
    print(f"\nFolder pipeline, MobileNetV2, {n} JPEGs 640x480 (decode included), against the model's own rate on "
          f"32-image batches already decoded (same backend, interleaved; load {os.getloadavg()[0]:.1f}):")
    ratio_line("predict_files", {k: n / times[("folder", k)] for k in views}, "img/s", True)
    print(f"  decoding alone (the app's loader, {os.cpu_count()} CPUs): {decode:.1f} img/s")
    for k in views:
        folder, model = n / times[("folder", k)], len(batches) * 32 / times[("model", k)]
        bound = 1.0 / (1.0 / model + 1.0 / decode)  # both on the same cores, nothing lost between them
        goal = FOLDER_GOALS.get(k)
        mark = "" if goal is None else f" (goal >= {goal:g}: {'met' if folder / model >= goal else 'MISSED'})"
        print(f"  {k:<14} folder {folder:6.1f} img/s, model alone {model:6.1f} img/s = {folder / model:.2f}{mark}; "
              f"decode + model bound {bound:.1f} img/s, the folder reaches {folder / bound:.2f} of it")


def features_section(choices, n: int) -> None:
    from engine.train import features

    base = build(ModelRequest("MobileNetV2", zoo.Variant(include_top=False), None))
    views = variants(base, choices)
    with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as home:
        os.environ["PRETRAINED_STUDIO_HOME"] = home
        files = jpeg_folder(d, n)
        runs = {"n": 0}

        def cache_pass(view):
            runs["n"] += 1  # a new cache folder every time: every image goes through the base
            cache = features.FeatureCache(f"bench-{runs['n']}", None, base.input_size, "stretch")
            cache.features(view, files, batch_size=32)
            assert cache.base_passes == n

        rates = interleaved({k: (lambda v=v: cache_pass(v)) for k, v in views.items()}, 2)
    print(f"\nFeature caching (extract mode's base pass), MobileNetV2 no top, {n} JPEGs:")
    ratio_line("base pass", {k: n / t for k, t in rates.items()}, "img/s", True)


def scorecam_section(choices, quick: bool) -> None:
    from engine import explain

    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(), None))
    views = variants(loaded, choices)
    image = images.LoadedImage(np.random.default_rng(2).integers(0, 255, (224, 224, 3), dtype=np.uint8), "x")
    method = "fast-scorecam" if quick else "scorecam"
    secs = interleaved({k: (lambda v=v: explain.explain(v, image, method=method, class_index=1))
                        for k, v in views.items()}, 1)
    print(f"\nScore-CAM ({method}), MobileNetV2, seconds per heatmap:")
    ratio_line(method, secs, "s", False, ("scorecam", "full"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--folder", action="store_true", help="only the folder pipeline and feature caching")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--images", type=int, help="JPEGs in the folder (default 256, 64 with --quick)")
    ap.add_argument("--weights", help="MobileNetV2 weights file for the folder section (the timing is the same "
                                      "with random weights; real ones make it the model a user runs)")
    a = ap.parse_args()
    import openvino
    import tensorflow as tf

    from engine.device import cpu_name

    choices = [c for c in backends.offered_choices() if c not in (backends.AUTO, backends.KERAS)]
    flags = sorted(f for f in backends.cpu_flags() if f.startswith(("avx", "amx")))
    print(f"{cpu_name()}, {os.cpu_count()} CPUs; TensorFlow {tf.__version__}, OpenVINO {openvino.__version__}")
    print(f"CPU vector flags: {' '.join(flags) or 'unknown'}; bf16 offered: {backends.bf16_available()}")
    if a.folder:
        count = a.images or (64 if a.quick else 256)
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        folder_section(choices, count, a.reps, a.weights)
        features_section(choices, count)
        return 0
    models_section(["MobileNetV2"] if a.quick else ["MobileNetV2", "EfficientNetB0", "ResNet50"], choices,
                   10 if a.quick else 30)
    folder_section(choices, 64 if a.quick else 256)
    features_section(choices, 64 if a.quick else 256)
    scorecam_section(choices, a.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
