"""Job functions the GUI hands to the worker lanes.  Each runs in a worker thread and
returns plain data; TensorFlow is imported here lazily, never at GUI start-up.

Here: what every tab's jobs share (the one Predictor and its weights policy), the start-up
job, the charts warm-up, and the failing and sleeping jobs of the self-test and tests.
Each tab's own jobs are in its package's ``tasks`` module."""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from engine import preferences
from engine.models import WeightsPolicy

_state_lock = threading.Lock()
_predictor = None


def predictor():
    """The one Predictor both lanes share (its model cache is thread-safe)."""
    global _predictor
    with _state_lock:
        if _predictor is None:
            from engine.predict import Predictor

            _predictor = Predictor(capacity=3, policy=_policy(), backend=preferences.load().inference_backend)
        return _predictor


def _policy() -> WeightsPolicy:
    prefs = preferences.load()
    return WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror, allow_download=False)


def refresh_policy() -> None:
    """Preferences changed (offline folders, mirror, backend): later loads use them."""
    with _state_lock:
        if _predictor is not None:
            _predictor.policy = _policy()
            _predictor.backend = preferences.load().inference_backend


@dataclass
class Ready:
    device: object  # engine.device.DeviceInfo
    seconds: float
    models: tuple


def start_engine(ctx) -> Ready:
    """Import TensorFlow, choose the device, introspect the zoo."""
    t = time.perf_counter()
    ctx.progress(0.05, QCoreApplication.translate("RuntimeTasks", "Loading TensorFlow…"))
    from engine import device, zoo

    info = device.configure()
    from engine import fileio, paths

    fileio.remove_stale_temps(paths.user_models_dir())  # a killed run's checkpoint folder
    ctx.progress(0.8, QCoreApplication.translate("RuntimeTasks", "Reading keras.applications…"))
    models = zoo.discover()
    _freeze_startup_heap()
    return Ready(info, time.perf_counter() - t, models)


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Keep the garbage collector's full passes short once TensorFlow is in.

    Importing TensorFlow and Keras leaves millions of long-lived objects.  A full
    (generation 2) collection walks all of them: about 0.8 s with the GIL held, in
    whichever thread happened to allocate at that moment, so the GUI thread froze during
    the first model build after start-up (the heartbeat test caught it).  Moving them to
    the permanent generation once, here in the worker, makes later full passes walk only
    what was created since.  Once per process: freezing again would pin later garbage.
    """
    global _heap_frozen
    with _state_lock:
        if not _heap_frozen:
            gc.freeze()
            _heap_frozen = True


def warm_charts(ctx) -> None:
    """Pay matplotlib's first-use cost (imports, font list, first text layout) here, off the GUI
    thread: it took seconds on the GUI thread at the first training epoch or Compare chart."""
    import matplotlib.backends.backend_qtagg  # noqa: F401  the Compare tab's canvas
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [1, 0], label="warm")
    ax.legend()
    fig.tight_layout()
    fig.canvas.draw()


def failing_job(message: str):
    """A job that raises: used by the self-test and tests to prove errors reach the user."""

    def run(ctx):
        raise RuntimeError(message)

    return run


def sleep_job(seconds: float, steps: int = 20):
    def run(ctx):
        for i in range(steps):
            ctx.cancel.raise_if_cancelled()
            time.sleep(seconds / steps)
            ctx.progress((i + 1) / steps, f"step {i + 1}")
        return steps

    return run
