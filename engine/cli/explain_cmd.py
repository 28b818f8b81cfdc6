"""`explain IMAGE --model NAME --out OVERLAY.png`: a heatmap over the image, headless;
``--score`` adds its faithfulness (deletion/insertion areas beside a random map's),
``--sanity`` the cascading-randomisation check, ``--json`` the curves and figures."""

from __future__ import annotations

import json
import sys

from .. import fileio, images, labels, layers, preferences, targets
from ..errors import StudioError
from ..explain import METHODS, explain, faithfulness, overlay, sanity, to_image
from ..pathnames import printable
from ..predict import Predictor
from .argtypes import integer, number
from .common import (add_backend_arg, add_model_args, add_overwrite_arg, backend_from, model_inputs, policy_from,
                     request_from, say_backend)
from .progress import ProgressBar


def register(sub) -> None:
    p = sub.add_parser("explain", help="heatmap of what the model looked at")
    p.add_argument("image")
    add_model_args(p)
    p.add_argument("--method", choices=list(METHODS), default="gradcam")
    p.add_argument("--class", dest="klass", help="class name or index (default: the top-1)")
    p.add_argument("--layer", help="feature layer name (default: the last convolutional one)")
    p.add_argument("--out", required=True, help="overlay PNG to write")
    p.add_argument("--npy", help="also write the raw heatmap (float32, model input size) as .npy")
    p.add_argument("--colormap", default="jet", choices=overlay.COLORMAPS)
    p.add_argument("--opacity", type=number(0.0, 1.0), default=0.5)
    p.add_argument("--resize", choices=images.RESIZE_POLICIES, default=None)
    p.add_argument("--score", action="store_true",
                   help="faithfulness: deletion and insertion areas, beside those of random maps as smooth")
    p.add_argument("--road", action="store_true", help="with --score: also ROAD (removal by noisy imputation)")
    p.add_argument("--steps", type=integer(2, 1000), default=faithfulness.STEPS,
                   help="perturbation steps per curve (--score)")
    p.add_argument("--random-maps", type=integer(1, 100), default=faithfulness.RANDOM_MAPS,
                   help="random maps averaged for the baseline (--score)")
    p.add_argument("--sanity", action="store_true",
                   help="sanity check: randomise the top layers one by one; rank correlations and a verdict")
    p.add_argument("--sanity-depth", type=integer(1, 50), default=sanity.DEPTH, help="layers randomised (--sanity)")
    p.add_argument("--json", nargs="?", const="-", metavar="FILE",
                   help="JSON summary (curves and areas with --score) to FILE, or printed without one")
    add_backend_arg(p)
    add_overwrite_arg(p)
    p.set_defaults(run=run)


def check_outputs(args) -> None:
    """--out, --npy and --json FILE: checked before the model loads (see engine.targets)."""
    inputs = [args.image, *model_inputs(args)]
    json_file = args.json if args.json not in (None, "-") else None
    outs = [("--out", args.out, targets.PNG), ("--npy", args.npy, targets.NPY),
            ("--json", json_file, targets.EXPLAIN_JSON)]
    for option, target, kind in outs:
        if target:
            others = [t for o, t, _ in outs if o != option and t]
            targets.check_file(target, kind=kind, option=option, inputs=inputs, others=others,
                               overwrite=args.overwrite)


def class_index(text: str | None, class_names=None) -> int | None:
    """A class by name or index: the model's own names (a trained model or a model file), else ImageNet's."""
    if text is None:
        return None
    if class_names is not None:
        lowered = [n.lower() for n in class_names]
        if text.strip().lower() in lowered:
            return lowered.index(text.strip().lower())
        if text.strip().isdigit() and int(text) < len(class_names):
            return int(text)
        raise StudioError(f"This model has no class '{text}': give one of {', '.join(class_names[:10])} "
                          f"or an index 0-{len(class_names) - 1}.")
    found = labels.search(text, limit=1)
    if not found:
        raise StudioError(f"No ImageNet class matches '{text}'. Give a name (e.g. 'tabby') or an index 0-999.")
    return found[0].index


def layer_path(model, name: str | None):
    if name is None:
        return None
    for ref in layers.spatial_layers(model):
        if ref.name == name or ref.label() == name:
            return ref.path
    raise StudioError(f"No spatial layer called '{name}' in this model. Run `python main.py layers --model ...` "
                      "to list them.")


def run(args) -> int:
    check_outputs(args)
    prefs = preferences.load()
    policy = args.resize or prefs.resize_policy
    image = images.load_image(args.image)
    # Only the forward-only methods (Score-CAM) use the backend; gradients stay on Keras.
    backend = backend_from(args, prefs) if METHODS[args.method].forward_only else "keras"
    predictor = Predictor(capacity=1, policy=policy_from(args, prefs), backend=backend)
    bar = ProgressBar()
    loaded = predictor.load(request_from(args), progress=bar)
    if getattr(loaded, "forward", None) is not None:  # a forward-only model file: its tensors by name
        layer = (args.layer,) if args.layer else None
    else:
        layer = layer_path(loaded.model, args.layer)
    e = explain(loaded, image, method=args.method, class_index=class_index(args.klass, loaded.class_names), layer=layer,
                policy=policy, progress=bar)
    score = check = None
    if args.score and not e.flat:
        kinds = ("deletion", "insertion", "road") if args.road else ("deletion", "insertion")
        score = faithfulness.score_explanation(loaded, image, e, policy, kinds=kinds, steps=args.steps,
                                               random_count=args.random_maps, progress=bar)
    if args.sanity:
        check = sanity.check(loaded, image, args.method, class_index=e.class_index, layer=layer, policy=policy,
                             depth=args.sanity_depth, progress=bar)
    bar.close()
    if backend != "keras":
        say_backend(loaded)
    box = loaded.model_input(image.pixels, policy).crop_box
    full = to_image(e.heatmap, image.size, box)
    overlay.save_png(args.out, overlay.blend(image.pixels, full, args.colormap, 0.0 if e.flat else args.opacity))
    if args.npy:
        overlay.save_npy(args.npy, e.heatmap)
    summary = {"image": args.image, "model": loaded.request.key, "method": e.method, "class_index": e.class_index,
               "class": e.class_name, "layer": e.layer, "seconds": round(e.seconds, 4), "overlay": args.out,
               "heatmap": args.npy, "untrained_weights": e.untrained, "flat": e.flat or None,
               "faithfulness": score.to_dict() if score else None, "sanity": check.to_dict() if check else None}
    if args.json == "-":
        print(json.dumps(summary, indent=1))
    else:
        report(e, args.out, score, check, args.score)
        if args.json:
            fileio.write_json(args.json, summary)
    if e.untrained:
        print("note: random (untrained) weights: this heatmap means nothing.", file=sys.stderr)
    return 0


def report(e, out: str, score, check, asked_score: bool) -> None:
    mark = " [untrained weights]" if e.untrained else ""
    print(f"{e.method} for '{e.class_name}' ({e.class_index}) at {e.layer}: {printable(out)}{mark}")
    if e.flat:
        print(f"flat heatmap: {e.flat} (the overlay shows the image alone)" +
              ("; nothing to score" if asked_score else ""))
    if score:
        count = len(next(iter(score.random.values())))
        print(f"faithfulness ({score.steps} steps; baseline: {count} random maps as smooth as this one, "
              f"correlation length {score.length:.1f} px):")
        for line in score.lines():
            print("  " + line)
    if check:
        print(f"sanity check (cascading randomisation, top {len(check.stages)} layers):")
        for name, r in zip(check.stages, check.correlations):
            print(f"  + {name:<28} rank correlation {r:+.3f}")
        print(f"  top layer randomised {len(check.draws)} times: " + ", ".join(f"{r:+.3f}" for r in check.draws))
        print("  " + check.verdict)
