"""Application start: the window first, TensorFlow afterwards (in the worker), and the
``--self-test`` that the installer runs too."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()


def _self_test_args(argv):
    p = argparse.ArgumentParser(prog="python main.py --self-test")
    p.add_argument("--self-test", action="store_true")
    p.add_argument("image", nargs="?", help="image to predict (default: a bundled sample)")
    p.add_argument("--model", default="MobileNetV2")
    p.add_argument("--weights", default="imagenet", help="imagenet, none or a weights FILE")
    p.add_argument("--timeout", type=float, default=600.0)
    return p.parse_args(argv)


def run(argv=None, t0: float | None = None) -> int:
    argv = list(argv or [])
    t0 = _T0 if t0 is None else t0
    self_test = "--self-test" in argv
    if self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        args = _self_test_args(argv)
    elif argv:
        print(f"unknown arguments: {' '.join(argv)} (try: python main.py --help)", file=sys.stderr)
        return 2
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Pretrained Studio")
    app.setOrganizationName("PretrainedStudio")
    window = MainWindow()
    window.show()
    app.processEvents()
    shown = time.perf_counter() - t0
    from engine import housekeeping

    housekeeping.tidy()  # leftovers of a process killed while writing (after the first paint)
    if self_test:
        return _self_test(app, window, args, t0, shown)
    window.start_engine()
    return app.exec()


def _self_test(app, window, args, t0: float, shown: float) -> int:
    from PySide6.QtCore import QTimer

    from engine import paths

    image = args.image or str(sorted((paths.resources_dir() / "samples").glob("chelsea.*"))[0])
    outcome = {"code": 3, "ready": None}
    c = window.controller
    c.ask_on_missing = False
    c.model_name = args.model
    if args.weights.lower() in ("none", "random"):
        c.random_weights.add(args.model)
    elif args.weights != "imagenet":
        c.weights_files[args.model] = str(Path(args.weights).resolve())
    print(f"window shown: {shown:.2f} s (TensorFlow imported: {'tensorflow' in sys.modules})", flush=True)

    def ready(r):
        outcome["ready"] = time.perf_counter() - t0
        print(f"TensorFlow ready: {outcome['ready']:.2f} s on {r.device.summary()} "
              f"(TF {r.device.tensorflow}, Keras {r.device.keras})", flush=True)
        outcome["asked"] = time.perf_counter()
        c.show_path(image)

    def predicted(pred):
        first = time.perf_counter() - t0
        top = pred.top[0]
        mark = " [untrained weights]" if pred.untrained else ""
        print(f"first prediction: {first:.2f} s ({time.perf_counter() - outcome['asked']:.2f} s after the request)")
        print(f"top-1: {top.name} {top.probability * 100:.1f}% ({Path(image).name}, {args.model}){mark}", flush=True)
        outcome["code"] = 0
        app.quit()

    def failed(message):
        print(f"self-test FAILED: {message}", file=sys.stderr, flush=True)
        outcome["code"] = 1
        app.quit()

    def timeout():
        print(f"self-test FAILED: no prediction within {args.timeout:.0f} s", file=sys.stderr, flush=True)
        outcome["code"] = 2
        app.quit()

    window.engine_ready.connect(ready)
    c.prediction_shown.connect(predicted)
    c.error_shown.connect(failed)
    QTimer.singleShot(int(args.timeout * 1000), timeout)
    window.start_engine()
    app.exec()
    window.close()
    return outcome["code"]
