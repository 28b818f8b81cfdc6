"""Benchmark: own Grad-CAM against tf-explain's GradCAM().explain, warm, same model, layer,
image and class, in one run; Score-CAM full against fast on ResNet50 (time and agreement);
``--split``: Grad-CAM with the model on Keras against split execution (the layers up to the
explained one on OpenVINO f32 / bf16, the gradient above it in Keras), interleaved, with the
maps' largest difference.

    python tests/perf/bench_explain.py [--quick] [--split]

Goal (split execution): Grad-CAM on MobileNetV2 >= 2x at its default layer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402

from engine import explain, images, zoo  # noqa: E402
from engine.models import ModelRequest, build  # noqa: E402


def photo(size: int) -> images.LoadedImage:
    rng = np.random.default_rng(0)
    return images.LoadedImage(rng.integers(0, 255, (size, size, 3), dtype=np.uint8), "random")


def gradcam_vs_tf_explain(name: str, reps: int) -> float:
    from tf_explain.core.grad_cam import GradCAM

    loaded = build(ModelRequest(name, zoo.Variant(), None))
    image = photo(loaded.input_size)
    layer = explain.default_layer(loaded.model)
    cls = int(np.argmax(loaded.run(image.pixels[None])[0]))
    pre = loaded.spec.family_module().preprocess_input(image.pixels[None].astype("float32"))
    tfx = GradCAM()
    ours, theirs = [], []
    for i in range(reps + 2):  # interleaved; the first two are warm-up
        t = time.perf_counter()
        explain.explain(loaded, image, method="gradcam", class_index=cls, layer=layer)
        a = time.perf_counter() - t
        t = time.perf_counter()
        tfx.explain((pre, None), loaded.model, class_index=cls, layer_name=layer[-1])
        b = time.perf_counter() - t
        if i >= 2:
            ours.append(a)
            theirs.append(b)
    o, t_ = statistics.median(ours), statistics.median(theirs)
    print(f"  {name:<14} own {o * 1e3:7.1f} ms   tf-explain {t_ * 1e3:7.1f} ms   speed-up {t_ / o:5.1f}x")
    return t_ / o


def scorecam_full_vs_fast(name="ResNet50", weights=None, image_path=None) -> None:
    loaded = build(ModelRequest(name, zoo.Variant(), weights))
    image = images.load_image(image_path) if image_path else photo(224)
    cls = None if image_path else 1
    t = time.perf_counter()
    full = explain.explain(loaded, image, method="scorecam", class_index=cls)
    t_full = time.perf_counter() - t
    explain.explain(loaded, image, method="fast-scorecam", class_index=full.class_index)
    t = time.perf_counter()
    fast = explain.explain(loaded, image, method="fast-scorecam", class_index=full.class_index)
    t_fast = time.perf_counter() - t
    corr = np.corrcoef(full.heatmap.ravel(), fast.heatmap.ravel())[0, 1]
    channels = loaded.model.get_layer(explain.default_layer(loaded.model)[-1]).output.shape[-1]
    what = f"{Path(image_path).name}, real weights, class {full.class_name}" if image_path else "random weights"
    print(f"\nScore-CAM on {name} ({channels} channels, {what}): full {t_full:.1f} s, fast (32 channels) "
          f"{t_fast:.2f} s ({t_full / t_fast:.0f}x faster), correlation of the maps {corr:.3f}")


def gradcam_split(name: str, reps: int, layer=None, weights=None, image_path=None) -> None:
    import dataclasses

    from engine import backends
    from engine.backends.keras_backend import KerasRunner

    loaded = build(ModelRequest(name, zoo.Variant(), weights))
    views = {"keras": dataclasses.replace(loaded, runner=KerasRunner(loaded))}
    for choice in ["openvino"] + (["openvino-bf16"] if backends.bf16_available() else []):
        view = dataclasses.replace(loaded, runner=None)
        if backends.attach(view, choice).name == backends.OPENVINO:
            views[choice] = view
    image = images.load_image(image_path) if image_path else photo(loaded.input_size)
    cls = int(np.argmax(loaded.run(images.model_input(image.pixels, loaded.input_size).pixels[None])[0]))
    maps, times = {}, {k: [] for k in views}
    for k, v in views.items():  # warm: traces, converts the prefix (kept on disk for real weights)
        maps[k] = explain.explain(v, image, method="gradcam", class_index=cls, layer=layer)
    for _ in range(reps):
        for k, v in views.items():
            t = time.perf_counter()
            explain.explain(v, image, method="gradcam", class_index=cls, layer=layer)
            times[k].append(time.perf_counter() - t)
    base = statistics.median(times["keras"])
    where = " / ".join(layer) if layer else "default layer"
    parts = []
    for k in views:
        t = statistics.median(times[k])
        diff = float(np.abs(maps[k].heatmap - maps["keras"].heatmap).max())
        goal = "" if (k != "openvino" or layer) else f" (goal >= 2x: {'met' if base / t >= 2 else 'MISSED'})"
        parts.append(f"{k} {t * 1e3:6.1f} ms = {base / t:4.2f}x{goal}, map diff {diff:.1g}")
    print(f"  {name} Grad-CAM at {where} (median of {reps}, load {os.getloadavg()[0]:.1f}): " + "; ".join(parts))
    for k, v in views.items():
        if maps[k].notes:
            print(f"    {k}: {maps[k].notes[0]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, no full Score-CAM")
    ap.add_argument("--split", action="store_true", help="Grad-CAM on Keras against split execution only")
    ap.add_argument("--real-weights", help="MobileNetV2 ImageNet weights file: also compare Score-CAMs on --image")
    ap.add_argument("--image", help="photo for --real-weights")
    a = ap.parse_args()
    if a.split:
        from engine import backends
        from engine.device import cpu_name

        flags = sorted(f for f in backends.cpu_flags() if f.startswith(("avx", "amx")))
        print(f"{cpu_name()}, {os.cpu_count()} CPUs; vector flags: {' '.join(flags)}; native bf16: "
              f"{backends.bf16_available()}")
        print("Grad-CAM, warm, model on Keras against split execution (same model/layer/image/class):")
        for layer in (None, ("block_13_expand_relu",)):
            gradcam_split("MobileNetV2", 9 if a.quick else 31, layer, a.real_weights, a.image)
        return 0
    print("Grad-CAM, warm, median (random weights, same model/layer/image/class):")
    for name in ("MobileNetV2", "ResNet50"):
        gradcam_vs_tf_explain(name, 5 if a.quick else 15)
    if a.real_weights and a.image:
        scorecam_full_vs_fast("MobileNetV2", a.real_weights, a.image)
    elif not a.quick:
        scorecam_full_vs_fast()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
