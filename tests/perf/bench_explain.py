"""Benchmark: own Grad-CAM against tf-explain's GradCAM().explain, warm, same model, layer,
image and class, in one run; Score-CAM full against fast on ResNet50 (time and agreement).

    python tests/perf/bench_explain.py [--quick]
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions, no full Score-CAM")
    ap.add_argument("--real-weights", help="MobileNetV2 ImageNet weights file: also compare Score-CAMs on --image")
    ap.add_argument("--image", help="photo for --real-weights")
    a = ap.parse_args()
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
