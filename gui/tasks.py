"""Job functions the GUI hands to the worker lanes.  Each runs in a worker thread and
returns plain data; TensorFlow is imported here lazily, never at GUI start-up."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
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

            _predictor = Predictor(capacity=3, policy=_policy())
        return _predictor


def _policy() -> WeightsPolicy:
    prefs = preferences.load()
    return WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror, allow_download=False)


def refresh_policy() -> None:
    """Preferences changed (offline folders, mirror): later builds use them."""
    with _state_lock:
        if _predictor is not None:
            _predictor.policy = _policy()


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
    ctx.progress(0.8, "Reading keras.applications…")
    models = zoo.discover()
    return Ready(info, time.perf_counter() - t, models)


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
        return weights.download(wf, mirror=mirror, progress=ctx.progress, cancel=ctx.cancel)

    return run


def import_weights(request: ModelRequest, path: str):
    def run(ctx):
        from engine import builder, weights, zoo
        from engine.models import build

        spec = zoo.get(request.name)
        wf = builder.weights_file_for(spec, request.variant)
        ctx.progress(0.2, f"Checking that {Path(path).name} loads into {spec.name}…")
        return weights.import_file(Path(path), wf,
                                   lambda p: build(ModelRequest(spec.name, request.variant, str(p)), WeightsPolicy()))

    return run


def weights_status(spec, offline_dirs: Sequence[str]):
    """Where the default ImageNet file of a model is (from the manifest: no TensorFlow, no build)."""
    from engine import builder

    return builder.weights_status(spec, offline_dirs)


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
        return e, images.model_input(image.pixels, loaded.input_size, policy).crop_box

    return run


def model_layers(request: ModelRequest):
    """(all spatial layer paths, the default feature layer path, class names) of a model."""

    def run(ctx):
        from engine import layers

        loaded = predictor().load(request, progress=ctx.progress, cancel=ctx.cancel)
        refs = layers.spatial_layers(loaded.model)
        return [r.path for r in refs], layers.feature_layer(loaded.model).path, loaded.class_names

    return run


def benchmark_models(names, protocol: str):
    """On-machine benchmark; records are also streamed, so a cancel keeps the finished ones."""

    def run(ctx):
        from engine.compare import bench

        done = []
        try:
            bench.benchmark(names, protocol=protocol, progress=ctx.progress, cancel=ctx.cancel,
                            on_record=done.append)
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


def scan_dataset(folder: str, val_folder: Optional[str]):
    def run(ctx):
        from engine.train import dataset

        return dataset.scan(folder, val_folder=val_folder or None, progress=ctx.progress, cancel=ctx.cancel)

    return run


def train_model(report, settings, out_folder: str, on_epoch, on_batch=None):
    """Train, evaluate and save the bundle; ``on_epoch(epoch, logs)`` is relayed to the UI."""

    def run(ctx):
        from pathlib import Path as P

        from engine.train import bundle, trainer

        out = P(out_folder)
        checkpoint = str(out.parent / f".{out.name}.checkpoint.keras")
        out.parent.mkdir(parents=True, exist_ok=True)
        result = trainer.train(report, settings, checkpoint=checkpoint, policy=_policy(), progress=ctx.progress,
                               cancel=ctx.cancel, on_epoch=on_epoch, on_batch=on_batch)
        bundle.save(result.model, trainer.metadata(result, report, settings.model), out)
        P(checkpoint).unlink(missing_ok=True)
        result.model = None  # the bundle on disk is the model now; keep Keras objects in the worker
        return result, str(out)

    return run


def augmentation_preview(path: str, names, size: int = 160, count: int = 8):
    """The chosen augmentations applied ``count`` times to one image, as a grid."""

    def run(ctx):
        import numpy as np

        from engine.explain import overlay
        from engine.train.layers import augmentation

        pixels = images.model_input(images.load_image(path).pixels, size, "stretch").pixels
        layer = augmentation(list(names)) if names else None
        tiles = [pixels]
        for _ in range(count - 1):
            out = layer(pixels[None].astype("float32"), training=True)[0] if layer is not None else pixels
            tiles.append(np.clip(np.asarray(out), 0, 255).astype(np.uint8))
        return overlay.grid(tiles, columns=4, gap=3, labels=["original"] + [f"#{i}" for i in range(1, count)])

    return run


def misclassified_gallery(bundle_folder: str, misclassified, classes, policy: str, limit: int = 8):
    """Grad-CAM of the trained model on misclassified validation images, labelled true → predicted."""

    def run(ctx):
        from engine import explain
        from engine.explain import overlay

        request = ModelRequest(bundle_folder, weights="bundle")
        loaded = predictor().load(request, cancel=ctx.cancel)
        tiles, labels = [], []
        for i, (path, true, pred, prob) in enumerate(misclassified[:limit]):
            ctx.cancel.raise_if_cancelled()
            ctx.progress(i / min(limit, len(misclassified)), f"Grad-CAM of misclassified image {i + 1}")
            image = images.load_image(path)
            e = explain.explain(loaded, image, method="gradcam", class_index=pred, policy=policy)
            shown = images.model_input(image.pixels, 160, policy).pixels
            heat = explain.upsample(e.heatmap, (160, 160))
            tiles.append(overlay.blend(shown, heat, "jet", 0.45))
            labels.append(f"{classes[true]} -> {classes[pred]} {prob * 100:.0f}%")
        return overlay.grid(tiles, columns=4, gap=3, labels=labels) if tiles else None

    return run
