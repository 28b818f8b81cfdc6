"""What a model file's JSON description declares, checked before anything is built.

A ``.keras`` archive's ``config.json`` and a Keras 2 ``.h5``'s ``model_config`` attribute come
from whoever wrote the file.  They are parsed with a size and nesting limit
(:func:`engine.safefiles.loads_json`: ``'[' * 100000`` or 900 levels would crash the parser or
whatever walks the result), must describe a model (an object with a ``class_name``), must not
hold Python code (a ``Lambda``), and must not declare sizes that would make building or
warming the model allocate gigabytes (a 40,000-pixel input, a Dense layer of a billion
units): each fault is one :class:`ModelFileError` sentence, before Keras sees the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import safefiles
from ..errors import StudioError
from ..pathnames import printable

MAX_CONFIG_BYTES = 64 << 20  # a big model's description is a few MB
MAX_DEPTH = 100  # Keras configs nest ~20 levels (inbound nodes inside nested models)
#: The largest input side the app builds: the zoo's largest is 600 (EfficientNetB7); a model
#: declaring more would allocate its activations at the first call.
MAX_INPUT_SIDE = 2048
#: Units or filters of one layer: VGG's Dense layers have 4,096.
MAX_UNITS = 1 << 16
#: Weights of one Dense layer after another (VGG's largest pair: 4,096 × 4,096 ≈ 16.8 M).
MAX_DENSE_PAIR = 1 << 28
CODE_LAYERS = ("Lambda", "TFOpLambda", "SlicingOpLambda")
MODEL_CLASSES = ("Sequential", "Functional", "Model")


class ModelFileError(StudioError):
    """A model file that cannot be opened safely; the message says why and what to do."""


def parse(raw: bytes | str, path: Path, what: str = "model description") -> dict:
    """The model description, parsed within limits; :class:`ModelFileError` for anything else."""
    try:
        config = safefiles.loads_json(raw, what=f"its {what}", cap=MAX_CONFIG_BYTES, max_depth=MAX_DEPTH)
    except safefiles.UnsafeFile as exc:
        raise ModelFileError(f"'{printable(path)}' cannot be opened: {exc}. The file is damaged or was not "
                             "written by Keras.") from None
    if not isinstance(config, dict) or not isinstance(config.get("class_name"), str):
        kind = type(config).__name__ if not isinstance(config, dict) else "an object without a class_name"
        raise ModelFileError(f"'{printable(path)}' cannot be opened: its {what} is {_article(kind)}, not a "
                             "Keras model. The file is damaged or was not written by Keras.")
    return config


def _article(kind: str) -> str:
    return kind if kind.startswith("an ") else f"a JSON {kind}"


def layers(node) -> Iterator[dict]:
    """Every layer config (a dict with a ``class_name`` and a ``config``) in a description, nested too."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("class_name"), str) and isinstance(node.get("config"), dict):
                yield node
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def class_names_in(config: dict) -> set[str]:
    return {layer["class_name"] for layer in layers(config)}


def refuse_code(config: dict, path: Path) -> None:
    """A Lambda layer stores Python code in the file: running it could do anything."""
    found = sorted(class_names_in(config) & set(CODE_LAYERS))
    if found:
        raise ModelFileError(f"'{printable(path)}' holds a {found[0]} layer: Python code stored in the file, which "
                             "the app refuses to run (it could do anything to this computer). Ask its author for a "
                             "version without Lambda layers (e.g. a registered preprocessing layer or none).")


def _dims(value) -> list:
    return [v for v in value if isinstance(v, (int, float)) and not isinstance(v, bool)] \
        if isinstance(value, (list, tuple)) else []


def declared_shapes(config: dict) -> Iterator[tuple[str, list]]:
    """(layer name, declared shape) of every input shape a description states."""
    for layer in layers(config):
        cfg = layer["config"]
        name = str(cfg.get("name", layer["class_name"]))
        for key in ("batch_shape", "batch_input_shape"):
            if isinstance(cfg.get(key), (list, tuple)) and cfg[key]:
                yield name, _dims(cfg[key][1:])  # without the batch dimension
        if "input_shape" in cfg:
            yield name, _dims(cfg["input_shape"])
        build = layer.get("build_config")
        if isinstance(build, dict) and "input_shape" in build:
            yield name, _dims(build["input_shape"])


def check_declared_sizes(config: dict, path: Path) -> None:
    """Refuse a description whose inputs, resizing or layer widths are far beyond any image
    classifier, before a byte is allocated for them."""
    where = printable(path)
    for name, shape in declared_shapes(config):
        spatial = [int(d) for d in shape[:-1]] if len(shape) >= 3 else []
        if any(d > MAX_INPUT_SIDE for d in spatial) or any(d < 0 for d in shape):
            raise ModelFileError(f"'{where}' declares an input of {' × '.join(str(int(d)) for d in shape)} at layer "
                                 f"'{printable(name)}': the app runs images up to {MAX_INPUT_SIDE} pixels a side "
                                 "(the zoo's largest is 600). The file was not opened.")
        if shape and any(d > MAX_UNITS * 64 for d in shape):
            raise ModelFileError(f"'{where}' declares an input of shape {shape} at layer '{printable(name)}', far "
                                 "larger than an image classifier's. The file was not opened.")
    previous = 0
    for layer in layers(config):
        cfg, cls = layer["config"], layer["class_name"]
        name = printable(str(cfg.get("name", cls)))
        units = cfg.get("units") if cls == "Dense" else None
        if isinstance(units, int) and previous and units * previous > MAX_DENSE_PAIR:
            raise ModelFileError(f"'{where}' declares a Dense layer of {units:,} units after one of {previous:,} "
                                 f"(layer '{name}'): {units * previous:,} weights, far more than an image classifier "
                                 "holds. The file was not opened.")
        if cls in ("Dense", "Conv2D", "DepthwiseConv2D", "SeparableConv2D", "GlobalAveragePooling2D", "Flatten"):
            previous = units if isinstance(units, int) else 0  # only Dense after Dense is a known product
        if cls == "Resizing":
            sides = [cfg.get("height"), cfg.get("width")]
            if any(isinstance(s, (int, float)) and s > MAX_INPUT_SIDE for s in sides):
                raise ModelFileError(f"'{where}' resizes images to {sides[0]} × {sides[1]} in layer '{name}': more "
                                     f"than {MAX_INPUT_SIDE} pixels a side. The file was not opened.")
        for key in ("units", "filters"):
            value = cfg.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value > MAX_UNITS:
                raise ModelFileError(f"'{where}' declares {int(value):,} {key} in layer '{name}' (an image "
                                     f"classifier's layers have at most {MAX_UNITS:,}): damaged or hostile, "
                                     "not opened.")
