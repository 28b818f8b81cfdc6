"""`train DATA_DIR --model NAME --mode extract|augment|finetune`: the same engine, headless."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from .. import paths
from ..train import bundle, checkpoint as ckpt, dataset, trainer
from .common import policy_from
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("train", help="train a classifier on your image folders (transfer learning)")
    p.add_argument("data", help="folder with one subfolder per class")
    p.add_argument("--val", help="separate validation folder (same class subfolders)")
    p.add_argument("--model", required=True)
    p.add_argument("--alpha", type=float)
    p.add_argument("--input-size", type=int)
    p.add_argument("--weights", default="imagenet", help="imagenet, none or a weights FILE (no-top)")
    p.add_argument("--offline", action="store_true")
    p.add_argument("--mode", choices=trainer.MODES, default="extract")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--finetune-epochs", type=int, default=5)
    p.add_argument("--unfreeze", type=int, default=20, help="base layers unfrozen in finetune mode")
    p.add_argument("--head", choices=["avg", "flatten"], default="avg")
    p.add_argument("--dense", default="", help="hidden Dense sizes, e.g. 256 (the classic Flatten preset)")
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--lr-schedule", choices=["constant", "cosine"], default="constant")
    p.add_argument("--early-stopping", type=int, default=5, help="patience in epochs (0: off)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--val-split", type=float, default=0.2)
    p.add_argument("--seed", type=int, default=123)
    p.add_argument("--out", help="bundle folder (default: your models folder)")
    p.add_argument("--export", metavar="DIR", help="also export a SavedModel and a TFLite file (top-1 checked)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=run)


def run(args) -> int:
    bar = ProgressBar()
    report = dataset.scan(args.data, val_folder=args.val, val_split=args.val_split, seed=args.seed, progress=bar)
    bar.close()
    print(f"classes: {', '.join(f'{c} ({n})' for c, n in report.counts.items())}; "
          f"{len(report.train)} train / {len(report.val)} validation (seed {report.seed})", file=sys.stderr)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for path, reason in report.unreadable:
        print(f"skipped: {path}: {reason}", file=sys.stderr)
    weights = None if args.weights.lower() == "none" else args.weights
    settings = trainer.TrainSettings(
        model=args.model, alpha=args.alpha, input_size=args.input_size, weights=weights, mode=args.mode,
        epochs=args.epochs, finetune_epochs=args.finetune_epochs, unfreeze=args.unfreeze, pooling=args.head,
        dense=[int(d) for d in args.dense.split(",") if d.strip()], learning_rate=args.lr,
        lr_schedule=args.lr_schedule, early_stopping=args.early_stopping,
        batch_size=args.batch_size, seed=args.seed)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{args.model}-{Path(args.data).name}-{args.mode}")
    out = Path(args.out) if args.out else paths.user_models_dir() / name
    checkpoint = str(ckpt.new(out))  # a pid-named temp folder: a killed run's is removed later
    bar = ProgressBar()
    try:
        result = trainer.train(report, settings, checkpoint=checkpoint, policy=policy_from(args), progress=bar,
                               on_epoch=lambda e, logs: print(
                                   f"epoch {e}: " + ", ".join(f"{k} {v:.4f}" for k, v in logs.items()),
                                   file=sys.stderr))
        bar.close()
        meta = trainer.metadata(result, report, settings.model)
        bundle.save(result.model, meta, out)
    finally:
        ckpt.discard(checkpoint)
    if args.export:
        import numpy as np

        from ..images import load_image, model_input
        from ..train.export import export

        size = int(result.model.input_shape[1])
        samples = np.stack([model_input(load_image(s.path).pixels, size, settings.resize_policy).pixels
                            for s in (report.val or report.train)[:8]])
        exp = export(result.model, args.export, samples)
        print(f"exported {exp.saved_model} and {exp.tflite} (same top-1 on {exp.checked} images)", file=sys.stderr)
    if args.json:
        print(json.dumps({"bundle": str(out), "metrics": meta["metrics"], "dataset": meta["dataset"]}, indent=1))
    else:
        print(f"validation accuracy {result.evaluation.accuracy * 100:.1f}%; saved {out}")
    return 0
