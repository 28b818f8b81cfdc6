"""Job functions of the Train tab (run in a worker lane, return plain data): the dataset
check with thumbnails, training, the kept checkpoint, export, previews and galleries."""

from __future__ import annotations

from typing import Optional, Sequence

from engine import images, preferences
from engine.models import ModelRequest

from ..runtime.tasks import _policy, predictor


def _thumbnail(path: str, size: int):
    """The image at ``path`` fitted into size×size, as uint8 RGB pixels (aspect kept)."""
    import numpy as np
    from PIL import Image

    img = Image.fromarray(images.load_image(path).pixels)
    img.thumbnail((size, size))
    return np.asarray(img)


def scan_dataset(folder: str, val_folder: Optional[str], thumb_size: int = 72):
    """(DatasetReport, {class: [thumbnail pixels]}): the thumbnails are made here, not on the GUI thread."""

    def run(ctx):
        from engine.train import dataset

        report = dataset.scan(folder, val_folder=val_folder or None, progress=ctx.progress, cancel=ctx.cancel)
        thumbs = {}
        for c, files in report.thumbnails.items():
            ctx.cancel.raise_if_cancelled()
            thumbs[c] = [_thumbnail(f, thumb_size) for f in files[:4]]
        return report, thumbs

    return run


def train_model(report, settings, out_folder: str, on_epoch, on_batch=None, on_cancelled=None,
                start_from=None, drop=None, history_before=None, renumber=None):
    """Train, evaluate and save the bundle; ``on_epoch(epoch, logs)`` is relayed to the UI.

    A cancel keeps the best epoch's checkpoint: ``on_cancelled(TrainingCancelled)`` hears
    about it (the caller adopts or discards it); otherwise the checkpoint is removed here.
    ``start_from``: a trained model's folder or a kept checkpoint to continue; ``drop``: a
    kept checkpoint removed once it is loaded (a resumed run); ``history_before``: the epochs of
    the run a resumed run goes on from (saved with the model before its own); ``renumber``: turns
    the engine's progress messages into the epoch numbers the user counts."""

    def run(ctx):
        def progress(fraction, message=""):
            ctx.progress(fraction, renumber(message) if renumber else message)

        from engine.train import bundle, checkpoint, resume, trainer

        kept = None
        try:
            start = resume.load_start(start_from) if start_from else None
        finally:
            checkpoint.discard(drop)
        path = checkpoint.new(out_folder)
        settings.backend = preferences.load().inference_backend  # runs the feature caching pass
        try:
            result = trainer.train(report, settings, checkpoint=str(path), policy=_policy(), progress=progress,
                                   cancel=ctx.cancel, on_epoch=on_epoch, on_batch=on_batch, start=start)
            if history_before:  # the saved model's history holds every epoch, the kept ones first
                result.history = {k: list(history_before.get(k, [])) + list(v) for k, v in result.history.items()}
            ctx.progress(1.0, "Saving the trained model")
            bundle.save(result.model, trainer.metadata(result, report, result.settings.model), out_folder)
        except trainer.TrainingCancelled as exc:
            if exc.checkpoint and on_cancelled is not None:
                kept = exc
                on_cancelled(exc)
            raise
        finally:
            if kept is None:
                checkpoint.discard(path)
        result.model = None  # the bundle on disk is the model now; keep Keras objects in the worker
        return result, str(out_folder)

    return run


def adopt_checkpoint(kept, report, settings, out_folder: str, history: dict, best_epoch: int):
    """Make a cancelled run's kept checkpoint the trained model (evaluated and saved); ``best_epoch``
    as the user counts it (a resumed run's epochs go on from the epoch it resumed from)."""

    def run(ctx):
        from engine.train import checkpoint

        return checkpoint.adopt(kept.checkpoint, report, settings, out_folder, history, best_epoch,
                                progress=ctx.progress, cancel=ctx.cancel)

    return run


def export_trained(bundle_folder: str, parent: str, deploy: bool, sample_paths):
    def run(ctx):
        from engine.train.export_bundle import export_bundle

        return export_bundle(bundle_folder, parent, deploy=deploy, sample_paths=list(sample_paths),
                             progress=ctx.progress, cancel=ctx.cancel)

    return run


def image_thumbnails(paths_: Sequence[str], size: int = 96):
    """(path, thumbnail pixels or None) for each file: thumbnails are decoded off the GUI thread."""

    def run(ctx):
        out = []
        for p in paths_:
            ctx.cancel.raise_if_cancelled()
            try:
                out.append((p, _thumbnail(p, size)))
            except Exception:  # noqa: BLE001 - a vanished or broken file shows as a blank tile
                out.append((p, None))
        return out

    return run


def render_curves(history: dict, batches, phase_start, width: int, height: int, epochs=None, resumed_at: int = 0):
    """The loss and accuracy curves as pixels (runs in the charts lane)."""

    def run(ctx):
        from . import curves
        from .chart_image import render

        return render(lambda fig: curves.draw(fig, history, batches, phase_start, epochs, resumed_at), width, height)

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
