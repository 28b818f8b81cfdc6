"""`layers`, `activations` and `filters`: inside the network, headless."""

from __future__ import annotations

import argparse

from .. import images, layers, preferences, targets
from ..errors import StudioError
from ..explain import overlay
from ..inside import activations as acts
from ..inside import filters as flt
from ..inside import tree
from ..pathnames import printable
from ..predict import Predictor
from .argtypes import integer
from .common import add_model_args, add_overwrite_arg, model_inputs, policy_from, request_from
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("layers", help="list a model's layers (nested models expanded)")
    add_model_args(p)
    p.add_argument("--search", help="only layers whose name or type contains this")
    p.set_defaults(run=run_layers, weights="none")
    p = sub.add_parser("activations", help="feature maps of one layer for an image, as a grid")
    p.add_argument("image")
    add_model_args(p)
    p.add_argument("--layer", required=True)
    p.add_argument("--count", type=integer(1, 4096), default=32)
    p.add_argument("--order", choices=["first", "most active"], default="first")
    p.add_argument("--out", required=True, help="PNG grid to write")
    add_overwrite_arg(p)
    p.set_defaults(run=run_activations)
    p = sub.add_parser("filters", help="patterns that maximise filters of a layer (gradient ascent)")
    add_model_args(p)
    p.add_argument("--layer", required=True)
    p.add_argument("--filters", type=filter_range, default="0-15", help="e.g. 0-15 or 3,7,9")
    p.add_argument("--steps", type=integer(1, 10000), default=30)
    p.add_argument("--out", required=True, help="PNG grid to write")
    add_overwrite_arg(p)
    p.set_defaults(run=run_filters)


def filter_range(text: str) -> list[int]:
    """'0-15', '3,7,9': at least one, at most 1024 filter indices, none negative."""
    try:
        which = flt.parse_range(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a list of filter numbers such as 0-15 or 3,7,9") from None
    if not which or len(which) > 1024 or min(which) < 0:
        raise argparse.ArgumentTypeError(f"'{text}': give between 1 and 1024 filter numbers, none negative")
    return which


def _loaded(args):
    bar = ProgressBar()
    loaded = Predictor(capacity=1, policy=policy_from(args)).load(request_from(args), progress=bar)
    bar.close()
    return loaded


def find_layer(model, name: str) -> tuple[str, ...]:
    for node in tree.walk(tree.build_tree(model)):
        if node.name == name or " / ".join(node.path) == name:
            return node.path
    raise StudioError(f"No layer called '{name}'. Run `python main.py layers --model ...` to list them.")


def run_layers(args) -> int:
    loaded = _loaded(args)
    nodes = tree.build_tree(loaded.model)
    s = tree.summary(loaded.model)
    print(f"{s.name}: {s.total_params:,} parameters ({s.trainable_params:,} trainable), depth {s.depth}, "
          f"input {s.input_size}×{s.input_size}")
    shown = tree.search(nodes, args.search) if args.search else list(tree.walk(nodes))
    feature = layers.feature_layer(loaded.model).path
    for n in shown:
        indent = "  " * (len(n.path) - 1)
        mark = "  <- Grad-CAM default" if n.path == feature else ""
        # a space after each column: a long name (Teachable Machine's run to 48 characters) no
        # longer runs into its class
        print(f"{indent}{n.name:<33} {n.class_name:<23} {n.shape_text():<15} {n.params:>9,}"
              f"{'' if n.trainable else '  frozen'}{mark}")
    return 0


def _check_out(args, *inputs) -> None:
    targets.check_file(args.out, kind=targets.PNG, option="--out", inputs=[*inputs, *model_inputs(args)],
                       overwrite=args.overwrite)


def run_activations(args) -> int:
    _check_out(args, args.image)
    loaded = _loaded(args)
    path = find_layer(loaded.model, args.layer)
    image = images.load_image(args.image)
    (act,) = acts.activations(loaded, image, [path], preferences.load().resize_policy)
    if act.ndim != 3:
        raise StudioError(f"'{args.layer}' has no spatial output ({act.shape}); choose a convolutional layer.")
    maps = acts.channel_maps(act, args.count, args.order)
    overlay.save_png(args.out, acts.grid_image(maps))
    print(f"{len(maps)} of {act.shape[-1]} channels of {' / '.join(path)} ({act.shape[0]}×{act.shape[1]}): "
          f"{printable(args.out)}")
    return 0


def run_filters(args) -> int:
    _check_out(args)
    loaded = _loaded(args)
    path = find_layer(loaded.model, args.layer)
    which = args.filters
    bar = ProgressBar()
    res = flt.patterns(loaded, path, which, steps=args.steps, progress=bar)
    bar.close()
    overlay.save_png(args.out, overlay.grid(res.images, columns=min(8, len(res.images)), gap=2))
    print(f"{len(which)} filters of {' / '.join(path)} in {res.seconds:.1f} s: {printable(args.out)}")
    for f, a, b in zip(which, res.history[0], res.history[-1]):
        print(f"  filter {f}: mean activation {a:.4g} -> {b:.4g}")
    return 0
