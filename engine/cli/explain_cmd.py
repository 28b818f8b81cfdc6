"""`explain IMAGE --model NAME --out OVERLAY.png`: a heatmap over the image, headless."""

from __future__ import annotations

import json
import sys

from .. import images, labels, layers, preferences
from ..errors import StudioError
from ..explain import METHODS, explain, to_image
from ..explain import overlay
from ..predict import Predictor
from .argtypes import number
from .common import add_backend_arg, add_model_args, backend_from, policy_from, request_from, say_backend
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
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    add_backend_arg(p)
    p.set_defaults(run=run)


def class_index(text: str | None) -> int | None:
    if text is None:
        return None
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
    prefs = preferences.load()
    policy = args.resize or prefs.resize_policy
    image = images.load_image(args.image)
    # Only the forward-only methods (Score-CAM) use the backend; gradients stay on Keras.
    backend = backend_from(args, prefs) if METHODS[args.method].forward_only else "keras"
    predictor = Predictor(capacity=1, policy=policy_from(args, prefs), backend=backend)
    bar = ProgressBar()
    loaded = predictor.load(request_from(args), progress=bar)
    e = explain(loaded, image, method=args.method, class_index=class_index(args.klass),
                layer=layer_path(loaded.model, args.layer), policy=policy, progress=bar)
    bar.close()
    if backend != "keras":
        say_backend(loaded)
    box = images.model_input(image.pixels, loaded.input_size, policy).crop_box
    full = to_image(e.heatmap, image.size, box)
    overlay.save_png(args.out, overlay.blend(image.pixels, full, args.colormap, args.opacity))
    if args.npy:
        overlay.save_npy(args.npy, e.heatmap)
    summary = {"image": args.image, "model": loaded.request.key, "method": e.method, "class_index": e.class_index,
               "class": e.class_name, "layer": e.layer, "seconds": round(e.seconds, 4), "overlay": args.out,
               "heatmap": args.npy, "untrained_weights": e.untrained}
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        mark = " [untrained weights]" if e.untrained else ""
        print(f"{e.method} for '{e.class_name}' ({e.class_index}) at {e.layer}: {args.out}{mark}")
    if e.untrained:
        print("note: random (untrained) weights: this heatmap means nothing.", file=sys.stderr)
    return 0
