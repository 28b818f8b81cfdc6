"""Job functions the GUI hands to the worker lanes.  Each runs in a worker thread and
returns plain data; TensorFlow is imported here lazily, never at GUI start-up."""

from __future__ import annotations

import gc
import threading
import time
from dataclasses import dataclass
from typing import Optional, Sequence

from engine import images, preferences
from engine.models import ModelRequest, WeightsPolicy

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
    ctx.progress(0.05, "Loading TensorFlow…")
    from engine import device, zoo

    info = device.configure()
    from engine import fileio, paths

    fileio.remove_stale_temps(paths.user_models_dir())  # a killed run's checkpoint folder
    ctx.progress(0.8, "Reading keras.applications…")
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


def predict_image(request: ModelRequest, image: images.LoadedImage, k: int, policy: str):
    def run(ctx):
        pred = predictor()
        ctx.progress(0.1, f"Preparing {request.name}…")
        loaded = pred.load(request, progress=ctx.progress, cancel=ctx.cancel)
        ctx.cancel.raise_if_cancelled()
        from engine.predict import predict_image as run_one

        return run_one(loaded, image, k=k, policy=policy)

    return run


def predict_folder(request: ModelRequest, files: Sequence[str], k: int, policy: str, on_row):
    """Folder batch: ``on_row`` is called (through a signal) with each FileResult as it arrives."""

    def run(ctx):
        pred = predictor()
        loaded = pred.load(request, progress=lambda f, m: ctx.progress(0.0, m), cancel=ctx.cancel)
        from engine.predict import predict_files

        count = 0
        for result in predict_files(loaded, files, k=k, policy=policy, batch_size=16,
                                    progress=ctx.progress, cancel=ctx.cancel):
            on_row(result)
            count += 1
        return count

    return run


def download_weights(request: ModelRequest, mirror: str):
    def run(ctx):
        from engine import builder, weights, zoo

        spec = zoo.get(request.name)
        wf = builder.weights_file_for(spec, request.variant)
        path = weights.download(wf, mirror=mirror, progress=ctx.progress, cancel=ctx.cancel)
        _evict(request)
        return path

    return run


def _evict(request: ModelRequest) -> None:
    """The weights of ``request``'s model changed: its built model (any lane's) is stale."""
    predictor().evict(ModelRequest(request.name, request.variant, "imagenet").key)


def import_weights(request: ModelRequest, path: str, replace: bool = False):
    """The engine's import (proven to load, format kept, undoable); the ImportRecord back."""

    def run(ctx):
        from engine import model_weights

        record = model_weights.import_weights(request.name, path, request.variant, replace=replace,
                                        progress=ctx.progress)
        _evict(request)
        return record

    return run


def remove_weights(request: ModelRequest):
    """Remove the import; the RemoveResult says which earlier import (if any) is in use again."""

    def run(ctx):
        from engine import model_weights

        result = model_weights.remove_import(request.name, request.variant)
        _evict(request)
        return result

    return run


def weights_status(spec, offline_dirs: Sequence[str], variant=None):
    """Where the ImageNet file of a model's variant would come from, reading no weight file (the
    GUI thread calls this): remembered checks count, a copy not checked yet is ``pending``."""
    from engine import builder, zoo

    return builder.weights_status(spec, offline_dirs, variant or zoo.Variant(), verify=False)


def check_weights(spec, offline_dirs: Sequence[str], variants):
    """Verify (hash, memoised) the files the card shows, here in a worker: up to a second per
    large file the first time.  Returns the verified WeightsStatus of each variant."""

    def run(ctx):
        from engine import builder

        return [builder.weights_status(spec, offline_dirs, v, cancel=ctx.cancel) for v in variants]

    return run


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


def explain_image(request: ModelRequest, image: images.LoadedImage, method: str, class_index, layer,
                  policy: str, options: Optional[dict] = None):
    """Heatmap job: returns (Explanation, crop box) — the box maps it onto the image."""

    def run(ctx):
        from engine import explain

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        e = explain.explain(loaded, image, method=method, class_index=class_index, layer=layer, policy=policy,
                            options=options, progress=ctx.progress, cancel=ctx.cancel)
        return e, loaded.model_input(image.pixels, policy).crop_box

    return run


def model_layers(request: ModelRequest):
    """(all spatial layer paths, the default feature layer path, class names) of a model."""

    def run(ctx):
        from engine import layers

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        if loaded.forward is not None:  # a forward-only model file: its feature maps by tensor name
            found = [(name,) for name, _ in loaded.forward.spatial_tensors()]
            return found, (found[-1] if found else ()), loaded.class_names
        refs = layers.spatial_layers(loaded.model)
        return [r.path for r in refs], layers.feature_layer(loaded.model).path, loaded.class_names

    return run


def benchmark_models(names, protocol: str):
    """On-machine benchmark; records are also streamed, so a cancel keeps the finished ones."""

    def run(ctx):
        from engine import backends
        from engine.compare import bench

        done = []
        try:
            bench.benchmark(names, protocol=protocol, progress=ctx.progress, cancel=ctx.cancel,
                            on_record=done.append,
                            backends=[b for b in backends.offered_choices() if b != backends.AUTO])
        finally:
            if done:
                bench.save_records(done)
        return done

    return run


def model_tree(request: ModelRequest):
    """(layer tree, summary) of a model."""

    def run(ctx):
        from engine.inside import tree

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        return tree.build_tree(loaded.model), tree.summary(loaded.model)

    return run


def layer_activations(request: ModelRequest, image: images.LoadedImage, path, count: int, order: str, policy: str):
    """(channel maps of one layer, the through-the-network strip) for the image, in one job."""

    def run(ctx):
        from engine.inside import activations as acts

        loaded = predictor().load(request, cancel=ctx.cancel)
        maps = []
        if path is not None:
            (act,) = acts.activations(loaded, image, [tuple(path)], policy)
            if act.ndim == 3:
                maps = acts.channel_maps(act, count, order)
        return maps, acts.through_network(loaded, image, policy)

    return run


def filter_patterns(request: ModelRequest, path, which, steps: int):
    def run(ctx):
        from engine.inside import filters

        loaded = predictor().load(request, cancel=ctx.cancel)
        return filters.patterns(loaded, tuple(path), which, steps=steps, progress=ctx.progress, cancel=ctx.cancel)

    return run
