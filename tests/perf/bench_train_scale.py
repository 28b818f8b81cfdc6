"""Benchmark: a big folder (default 20,000 JPEGs of 640x480 in 10 classes, generated here)
through every training phase, with the time and the peak resident memory of each phase.

    python tests/perf/bench_train_scale.py [--images 20000] [--frozen-images 2000]

Phases: the dataset check, extract mode (feature caching, epochs, evaluation), extract mode
again (everything cached), the frozen-base and fine-tuning modes, the saved bundle's
misclassified gallery (Grad-CAM).  The goal: peak RSS growth over the baseline (TensorFlow
and the base model loaded) under 1.5 GB, and the dataset check of 20,000 files under 30 s.
No phase may hold all decoded images: memory must stay flat as the folder grows, so run it
at two sizes and compare.  ``--frozen-images`` trains the frozen-base modes on a stratified
subset (an epoch over 20,000 images at 30 images/s is 11 minutes on a small CPU); 0 means all.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

CLASSES = 10


def rss_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux: the peak so far is the best there is
        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


class PeakRSS:
    """Samples the resident set every 20 ms while a phase runs."""

    def __enter__(self):
        self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self.t0 = time.perf_counter()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def make_folder(root: Path, n: int) -> None:
    """Smooth 640x480 JPEGs (a class colour gradient, a bright square placed at random, a few
    noisy rows): ~30 KB each, quick to make."""
    rng = np.random.default_rng(0)
    ramp = np.linspace(0, 60, 640, dtype=np.float32)[None, :, None]
    for c in range(CLASSES):
        folder = root / f"class{c:02d}"
        folder.mkdir(parents=True)
        colour = np.array([(c * 67) % 256, (c * 131) % 256, (c * 29 + 90) % 256], np.float32)
        background = np.broadcast_to(ramp + colour, (480, 640, 3)).clip(0, 255).astype(np.uint8)
        for i in range(n // CLASSES + (1 if c < n % CLASSES else 0)):
            a = background.copy()
            y, x = rng.integers(0, 380), rng.integers(0, 540)
            a[y:y + 100, x:x + 100] = 255 - colour.astype(np.uint8)
            rows = rng.integers(0, 480, 8)
            a[rows] = rng.integers(0, 255, (8, 640, 3), dtype=np.uint8)
            Image.fromarray(a).save(folder / f"{i:05d}.jpg", quality=85)


def subset(report, n: int):
    """The first ``n`` training and n/4 validation samples, every class represented."""
    from dataclasses import replace

    if not n:
        return report
    pick = lambda samples, k: [s for i, s in enumerate(sorted(samples, key=lambda s: s.path)) if i % max(1, len(samples) // k) == 0][:k]  # noqa: E731
    return replace(report, train=pick(report.train, n), val=pick(report.val, max(CLASSES, n // 4)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=20000)
    ap.add_argument("--frozen-images", type=int, default=2000, help="training images for augment/finetune; 0: all")
    ap.add_argument("--workdir", help="where to generate the folder (default: a temp folder)")
    ap.add_argument("--check-only", action="store_true", help="only the dataset check (its time at 20,000 files)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=a.workdir) as d:
        os.environ["PRETRAINED_STUDIO_HOME"] = str(Path(d) / "home")
        from engine import explain, images
        from engine.train import bundle, dataset, features, trainer

        data = Path(d) / "data"
        t = time.perf_counter()
        make_folder(data, a.images)
        print(f"generated {a.images} JPEGs 640x480 in {CLASSES} classes in {time.perf_counter() - t:.0f} s")
        trainer.build_base(trainer.TrainSettings(model="MobileNetV2", weights=None))  # TensorFlow and Keras loaded
        baseline = rss_bytes()
        print(f"baseline RSS (TensorFlow, Keras, a MobileNetV2 built): {baseline / 2**20:.0f} MB\n")
        rows = []

        def phase(name, fn):
            with PeakRSS() as m:
                out = fn()
            rows.append((name, m.seconds, m.peak))
            print(f"{name:<44} {m.seconds:8.1f} s   peak RSS {m.peak / 2**20:7.0f} MB "
                  f"(+{(m.peak - baseline) / 2**20:.0f} MB)", flush=True)
            return out

        report = phase(f"dataset check ({a.images} files)", lambda: dataset.scan(data))
        if a.check_only:
            print(f"dataset check: {rows[0][1]:.1f} s for {a.images} files   (goal < 30 s at 20,000)")
            return 0
        common = dict(model="MobileNetV2", weights=None, early_stopping=0, batch_size=32, backend="keras")
        ex = trainer.TrainSettings(mode="extract", epochs=3, **common)
        res = phase("extract: caching, 3 epochs, evaluation", lambda: trainer.train(report, ex))
        phase("extract again: all cached, 3 epochs", lambda: trainer.train(report, ex))
        small = subset(report, a.frozen_images)
        what = f"{len(small.train)} + {len(small.val)} images"
        phase(f"augment: 1 epoch ({what})", lambda: trainer.train(
            small, trainer.TrainSettings(mode="augment", epochs=1, **common)))
        phase(f"finetune: 1 + 1 epochs ({what})", lambda: trainer.train(
            small, trainer.TrainSettings(mode="finetune", epochs=1, finetune_epochs=1, unfreeze=5, **common)))
        folder = phase("save the bundle", lambda: bundle.save(res.model, trainer.metadata(res, report, "MobileNetV2"),
                                                             Path(d) / "models" / "scale"))

        def gallery():
            loaded = bundle.load_as_loaded_model(folder)
            for path, _true, pred, _p in res.evaluation.misclassified[:8]:
                explain.explain(loaded, images.load_image(path), method="gradcam", class_index=pred)
            return len(res.evaluation.misclassified)

        wrong = phase("misclassified gallery (Grad-CAM of 8)", gallery)
        info = features.info()
        peak = max(p for _, _, p in rows)
        print(f"\n{len(report.train)} training / {len(report.val)} validation images; {wrong} misclassified; "
              f"feature cache {info.files} files, {info.bytes / 2**20:.0f} MB")
        print(f"peak RSS growth over the baseline: {(peak - baseline) / 2**30:.2f} GB   (goal < 1.5 GB)")
        print(f"dataset check: {rows[0][1]:.1f} s for {a.images} files   (goal < 30 s at 20,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
