"""`train DATA_DIR --model NAME --mode extract|augment|finetune`: the same engine, headless.

The output folder is checked before anything else (see :mod:`engine.train.output`): a run
never ends with nowhere to write, and never writes over the user's files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .. import housekeeping
from ..pathnames import printable
from ..train import bundle, checkpoint as ckpt, dataset, distribute, limits, output, trainer
from .argtypes import ALPHA, BATCH_SIZE, INPUT_SIZE, int_list, limit
from .common import add_backend_arg, add_model_file_args, backend_from, file_request_from, model_inputs, policy_from
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("train", help="train a classifier on your image folders (transfer learning)")
    p.add_argument("data", help="folder with one subfolder per class")
    p.add_argument("--val", help="separate validation folder (same class subfolders)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--model", help="zoo model to train a new head on, e.g. MobileNetV2 (one of --model, "
                                       "--model-file, --from)")
    add_model_file_args(p, which)  # a model file: fine-tune it further (new head on its last feature map)
    which.add_argument("--from", dest="from_model", metavar="MODEL_DIR",
                       help="continue a trained model of this app: more epochs, more images or new classes (its "
                            "base, head and settings; options given here override its settings)")
    p.add_argument("--alpha", type=ALPHA)
    p.add_argument("--input-size", type=INPUT_SIZE)
    p.add_argument("--weights", default="imagenet", help="imagenet, none or a weights FILE (no-top)")
    p.add_argument("--offline", action="store_true")
    p.add_argument("--mode", choices=trainer.MODES, default="extract")
    p.add_argument("--epochs", type=limit(limits.EPOCHS), default=10)
    p.add_argument("--finetune-epochs", type=limit(limits.FINETUNE_EPOCHS), default=5)
    p.add_argument("--unfreeze", type=limit(limits.UNFREEZE), default=20, help="base layers unfrozen in finetune mode")
    p.add_argument("--head", choices=["avg", "flatten"], default="avg")
    p.add_argument("--dense", type=int_list(*limits.DENSE_UNITS), default=[],
                   help="hidden Dense sizes, e.g. 256 (the classic Flatten preset)")
    p.add_argument("--lr", type=limit(limits.LEARNING_RATE, low_open=True), default=1e-3)
    p.add_argument("--lr-schedule", choices=["constant", "cosine"], default="constant")
    p.add_argument("--early-stopping", type=limit(limits.EARLY_STOPPING), default=5, help="patience in epochs (0: off)")
    p.add_argument("--batch-size", type=BATCH_SIZE, default=16)
    p.add_argument("--val-split", type=limit(limits.VAL_SPLIT), default=0.2)
    p.add_argument("--seed", type=limit(limits.SEED), default=123)
    p.add_argument("--out", help="new folder for the trained model (default: a new folder in your models folder)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an earlier trained model (or export) of this app at --out / the default name")
    p.add_argument("--devices", choices=distribute.DEVICE_CHOICES, default="one",
                   help="all: every GPU of this machine (MirroredStrategy) in the augment and finetune modes")
    p.add_argument("--export", metavar="DIR", help="also export a SavedModel and a TFLite file (top-1 checked)")
    p.add_argument("--json", action="store_true")
    add_backend_arg(p)  # runs extract mode's feature caching pass; training itself is Keras
    p.set_defaults(run=run)
    _DEFAULTS.update({a.dest: a.default for a in p._actions})


_DEFAULTS: dict = {}
# option -> TrainSettings field that --from takes from the saved model unless the option is given
_FROM_SAVED = {"mode": "mode", "epochs": "epochs", "finetune_epochs": "finetune_epochs", "unfreeze": "unfreeze",
               "lr": "learning_rate", "lr_schedule": "lr_schedule", "early_stopping": "early_stopping",
               "batch_size": "batch_size", "seed": "seed", "weights": "weights"}


def _continued(args, settings, start):
    """The saved run's settings where the command line left the option at its default."""
    from dataclasses import fields, replace

    known = {f.name for f in fields(settings)}
    saved = {field: start.settings[field] for opt, field in _FROM_SAVED.items()
             if getattr(args, opt) == _DEFAULTS.get(opt) and field in start.settings and field in known}
    for k in ("augmentations", "resize_policy"):
        if k in start.settings:
            saved[k] = start.settings[k]
    return replace(settings, **saved)


def run(args) -> int:
    start = file_request = None
    if args.from_model:
        from ..train import resume

        start = resume.load_start(args.from_model)
        args.model = start.settings.get("model")
    elif args.model_file:
        from ..train import resume

        file_request = file_request_from(args)
        args.model = Path(args.model_file).stem
        start = resume.from_model_file(file_request.name, file_request.preprocess)
        if start is not None:
            print(f"continuing {printable(args.model_file)}: its base and head, its classes "
                  f"{', '.join(printable(c) for c in start.classes)} (matched by name; new classes are added)",
                  file=sys.stderr)
        else:
            print(f"note: the head of {printable(args.model_file)} is not one the app can continue: a new head is "
                  "trained on its base", file=sys.stderr)
    elif not args.model:
        print("error: give --model NAME, --model-file PATH, or --from MODEL_DIR to continue a trained model",
              file=sys.stderr)
        return 2
    weights = None if args.weights.lower() == "none" else args.weights
    settings = trainer.TrainSettings(
        model=args.model, alpha=args.alpha, input_size=args.input_size, weights=weights, mode=args.mode,
        epochs=args.epochs, finetune_epochs=args.finetune_epochs, unfreeze=args.unfreeze, pooling=args.head,
        dense=list(args.dense), learning_rate=args.lr, lr_schedule=args.lr_schedule,
        early_stopping=args.early_stopping, batch_size=args.batch_size, seed=args.seed, backend=backend_from(args),
        devices=args.devices, model_file=file_request and file_request.name,
        preprocess=file_request and file_request.preprocess)
    if start is not None:
        settings = resume.merged_settings(start, _continued(args, settings, start))
    data_dirs = [args.data, args.val]
    name = output.default_name(settings.model, args.data, settings.mode)
    inputs = [args.from_model, *model_inputs(args)]
    out = output.plan(args.out, name=name, data_dirs=data_dirs, overwrite=args.overwrite, inputs=inputs)
    export_dir = (output.plan_export(args.export, data_dirs=data_dirs, overwrite=args.overwrite, bundle_folder=out,
                                     inputs=inputs) if args.export else None)
    housekeeping.tidy_folder(out.parent)  # leftovers of a run killed while writing here
    if start is not None and args.from_model:
        print(f"continuing {printable(args.from_model)} ({len(start.classes)} classes, {start.epochs_done} epochs "
              f"so far): {settings.mode}, {settings.epochs} more epochs", file=sys.stderr)
    limits.check(settings)
    bar = ProgressBar()
    report = dataset.scan(args.data, val_folder=args.val, val_split=args.val_split, seed=args.seed, progress=bar)
    bar.close()
    print(f"classes: {', '.join(f'{printable(c)} ({n})' for c, n in report.counts.items())}; "
          f"{len(report.train)} train / {len(report.val)} validation (seed {report.seed})", file=sys.stderr)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for path, reason in report.unreadable:
        print(f"skipped: {printable(path)}: {reason}", file=sys.stderr)
    print(f"the trained model will be saved to {printable(out)}", file=sys.stderr)
    checkpoint = str(ckpt.new(out))  # a pid-named temp folder: a killed run's is removed later
    bar = ProgressBar()
    try:
        result = trainer.train(report, settings, checkpoint=checkpoint, policy=policy_from(args), progress=bar,
                               start=start,
                               on_epoch=lambda e, logs: print(
                                   f"epoch {e}: " + ", ".join(f"{k} {v:.4f}" for k, v in logs.items()),
                                   file=sys.stderr))
        bar.close()
        for _path, message in result.skipped:
            print(f"skipped while training: {message}", file=sys.stderr)
        meta = trainer.metadata(result, report, settings.model)
        bundle.save(result.model, meta, out, overwrite=args.overwrite)
    finally:
        ckpt.discard(checkpoint)
    if export_dir is not None:
        import numpy as np

        from ..predict import decode_file
        from ..train.export import export

        size = int(result.model.input_shape[1])
        decoded = [decode_file(s.path, size, settings.resize_policy)[0] for s in (report.val or report.train)[:8]]
        samples = np.stack([px for px in decoded if px is not None])
        exp = export(result.model, export_dir, samples, overwrite=args.overwrite)
        print(f"exported {printable(exp.saved_model)} and {printable(exp.tflite)} "
              f"(same top-1 on {exp.checked} images)", file=sys.stderr)
    if args.json:
        print(json.dumps({"bundle": str(out), "metrics": meta["metrics"], "dataset": meta["dataset"]}, indent=1))
    else:
        print(f"validation accuracy {result.evaluation.accuracy * 100:.1f}%; saved {printable(out)}")
    return 0
