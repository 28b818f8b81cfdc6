"""Benchmark: the Predictor against what a user would otherwise write, in one process.

1. Warm single-image latency, interleaved: Predictor.predict (resize + preprocess + compiled
   call + top-k) vs a bare compiled call vs ``model.predict`` (plus preprocess_input) on
   MobileNetV2, EfficientNetB0, ResNet50 (random weights: timing does not need them).
2. Folder throughput: 256 JPEGs 640×480 through the tf.data pipeline vs the pure model on
   random tensors at batch 32, and vs the tutorial per-file loop.
3. Memory: RSS growth over 1,000 single-image predictions.

    python tests/perf/bench_predict.py [--quick]
"""

from __future__ import annotations

import argparse
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

from engine import images, zoo  # noqa: E402
from engine.compare.bench import rss_mb  # noqa: E402
from engine.models import ModelRequest, build  # noqa: E402
from engine.predict import predict_files, predict_image  # noqa: E402


def latency(name: str, reps: int) -> tuple[float, float, float]:
    import tensorflow as tf

    loaded = build(ModelRequest(name, zoo.Variant(), None))
    size = loaded.input_size
    pre = loaded.spec.family_module().preprocess_input
    photo = np.random.default_rng(0).integers(0, 255, (480, 640, 3), dtype=np.uint8)
    resized = images.model_input(photo, size).pixels
    # Same input for all three: an image already at the model's size (the resize every
    # approach needs is timed separately below).
    img = images.LoadedImage(resized, "x")
    model = loaded.model
    bare = tf.function(lambda x: model(x, training=False),
                       input_signature=[tf.TensorSpec([1, size, size, 3], tf.float32)])
    x = pre(resized[None].astype("float32"))
    for _ in range(3):
        predict_image(loaded, img)
        bare(x)
        model.predict(pre(resized[None].astype("float32")), verbose=0)
    t_pred, t_bare, t_keras = [], [], []
    for _ in range(reps):  # interleaved, so drift hits all three alike
        t = time.perf_counter(); predict_image(loaded, img); t_pred.append(time.perf_counter() - t)
        t = time.perf_counter(); bare(pre(resized[None].astype("float32"))).numpy(); t_bare.append(time.perf_counter() - t)
        t = time.perf_counter(); model.predict(pre(resized[None].astype("float32")), verbose=0); t_keras.append(time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(reps):
        images.model_input(photo, size)
    print(f"    ({name}: resizing a 640x480 photo adds {(time.perf_counter() - t) / reps * 1e3:.1f} ms to any approach)")
    return statistics.median(t_pred), statistics.median(t_bare), statistics.median(t_keras)


def throughput(n_files: int) -> None:
    import tensorflow as tf

    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(), None))
    with tempfile.TemporaryDirectory() as d:
        rng = np.random.default_rng(1)
        base = rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)
        for i in range(n_files):
            Image.fromarray(np.roll(base, i, axis=1)).save(f"{d}/{i:04d}.jpg", quality=90)
        files = images.list_images(d)
        batch = np.random.default_rng(2).integers(0, 255, (32, 224, 224, 3), dtype=np.uint8)
        loaded.run(batch)
        t = time.perf_counter()
        for _ in range(n_files // 32):
            loaded.run(batch)
        pure = (n_files // 32) * 32 / (time.perf_counter() - t)
        list(predict_files(loaded, files[:64], batch_size=32))  # warm the pipeline
        t = time.perf_counter()
        results = list(predict_files(loaded, files, batch_size=32))
        pipe = len(results) / (time.perf_counter() - t)
        pre = loaded.spec.family_module().preprocess_input
        from keras.utils import img_to_array, load_img

        t = time.perf_counter()
        n_loop = min(64, n_files)
        for f in files[:n_loop]:
            x = img_to_array(load_img(f, target_size=(224, 224)))[None]
            loaded.model.predict(pre(x), verbose=0)
        loop = n_loop / (time.perf_counter() - t)
    print(f"\nFolder throughput, MobileNetV2, {n_files} JPEGs 640x480, batch 32:")
    print(f"  pure model on tensors {pure:7.1f} img/s")
    print(f"  folder pipeline       {pipe:7.1f} img/s   = {pipe / pure:.2f} of pure")
    print(f"  per-file loop         {loop:7.1f} img/s   (load_img -> preprocess_input -> model.predict)")
    print(f"  pipeline / loop       {pipe / loop:.1f}x")
    del tf


def memory(n: int) -> None:
    loaded = build(ModelRequest("MobileNetV2", zoo.Variant(alpha=0.35, input_size=96), None))
    img = images.LoadedImage(np.random.default_rng(0).integers(0, 255, (200, 300, 3), dtype=np.uint8), "x")
    for _ in range(50):
        predict_image(loaded, img)
    before = rss_mb()
    for _ in range(n):
        predict_image(loaded, img)
    after = rss_mb()
    print(f"\nMemory: RSS {before:.0f} -> {after:.0f} MB over {n} predictions (growth {after - before:+.1f} MB)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    import tensorflow as tf

    print(f"TensorFlow {tf.__version__}, {os.cpu_count()} CPUs")
    reps = 10 if a.quick else 30
    ratios = []
    print("\nWarm single-image latency (median, ms):")
    print(f"  {'model':<16}{'Predictor':>10}{'bare call':>10}{'predict':>10}{'P/bare':>8}{'P/predict':>10}")
    for name in ("MobileNetV2", "EfficientNetB0", "ResNet50"):
        p, b, k = latency(name, reps)
        ratios.append(p / k)
        print(f"  {name:<16}{p * 1e3:10.1f}{b * 1e3:10.1f}{k * 1e3:10.1f}{p / b:8.2f}{p / k:10.2f}")
    gm = float(np.exp(np.mean(np.log(ratios))))
    print(f"  geometric mean Predictor / model.predict: {gm:.2f}")
    throughput(128 if a.quick else 256)
    memory(300 if a.quick else 1000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
