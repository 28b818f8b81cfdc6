"""Guess a model file's preprocessing where the file gives it away — and say why.

A model file does not store how its pixels were scaled, but often shows it:

* a model this app trained (a bundle's ``model.keras``, or our ``FamilyPreprocess`` layer, or
  the SavedModel / TFLite exported beside a bundle's ``metadata.json``) preprocesses inside:
  "none", and that is certain;
* a ``Rescaling`` or ``Normalization`` layer before the first convolution: the model scales
  its own pixels, "none";
* a Teachable Machine export: Teachable Machine's own resize and −1…1.  Recognised by the
  layout every Teachable Machine image model has — a Keras 2 ``Sequential`` of two
  ``Sequential``s, the first holding a MobileNet base and global pooling, the second the Dense
  head — or, for its TFLite and SavedModel exports, a ``labels.txt`` numbered ``0 name`` as
  Teachable Machine writes it beside a 224 × 224 model;
* a MobileNet base (depthwise convolutions, ReLU6) otherwise: MobileNet's −1…1.

Anything else is a guess of −1…1 that says it is one.  The command line applies a guess with a
note; the window offers it as the dialog's default, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import StudioError
from . import model_config
from .preprocessing import MINUS1TO1, NONE, TEACHABLE_MACHINE

SCALING_LAYERS = ("Rescaling", "Normalization")
FEATURE_LAYERS = ("Conv2D", "DepthwiseConv2D", "SeparableConv2D", "Dense")
OUR_LAYER = "FamilyPreprocess"


@dataclass(frozen=True)
class Guess:
    choice: str
    reason: str
    certain: bool = False  # the file says so (a model this app wrote): no question to ask


DEFAULT = Guess(MINUS1TO1, "the file does not say; −1…1 is the most common for model files (a guess)")


def _ordered_layers(config: dict) -> list[dict]:
    """Layer configs in the order they are stored (nested models expanded in place)."""
    return list(model_config.layers(config))


def _scales_itself(layers: list[dict]) -> str:
    """The class name of a scaling layer that comes before the first feature layer, or ""."""
    for layer in layers[1:]:
        cls = layer["class_name"]
        if cls in SCALING_LAYERS:
            return cls
        if cls in FEATURE_LAYERS:
            return ""
    return ""


def _is_mobilenet(layers: list[dict]) -> bool:
    classes = [layer["class_name"] for layer in layers]
    relu6 = any(layer["class_name"] == "ReLU" and layer["config"].get("max_value") in (6, 6.0) for layer in layers)
    return "DepthwiseConv2D" in classes and relu6


def _teachable_machine_layout(config: dict) -> bool:
    """A Sequential of two Sequentials: [MobileNet base, global pooling] and [Dense …]."""
    if config.get("class_name") != "Sequential":
        return False
    parts = [layer for layer in config["config"].get("layers", []) if isinstance(layer, dict)
             and layer.get("class_name") != "InputLayer"]
    if len(parts) != 2 or any(p.get("class_name") != "Sequential" for p in parts):
        return False
    body = [layer for layer in parts[0]["config"].get("layers", []) if layer.get("class_name") != "InputLayer"]
    head = [layer for layer in parts[1]["config"].get("layers", []) if layer.get("class_name") != "InputLayer"]
    return (len(body) == 2 and body[0].get("class_name") in model_config.MODEL_CLASSES
            and body[1].get("class_name") == "GlobalAveragePooling2D"
            and _is_mobilenet(_ordered_layers(body[0]))
            and bool(head) and all(layer.get("class_name") in ("Dense", "Dropout") for layer in head))


def from_config(config: dict, keras2: bool) -> Guess:
    layers = _ordered_layers(config)
    if any(layer["class_name"] == OUR_LAYER for layer in layers):
        return Guess(NONE, "the model preprocesses its pixels itself (trained in this app)", certain=True)
    scaling = _scales_itself(layers)
    if scaling:
        return Guess(NONE, f"the model starts with a {scaling} layer: it scales its own pixels")
    if keras2 and _teachable_machine_layout(config):
        return Guess(TEACHABLE_MACHINE, "a Teachable Machine export (a MobileNet base and a Dense head in "
                                        "Teachable Machine's layout)")
    if _is_mobilenet(layers):
        return Guess(MINUS1TO1, "a MobileNet base without a scaling layer: MobileNet takes −1…1")
    return DEFAULT


def numbered_labels(model_path: Path) -> bool:
    """True when a labels.txt beside the file numbers its classes ``0 name`` (Teachable Machine's form)."""
    from . import class_names

    found = class_names.beside(model_path)
    if found is None:
        return False
    try:
        from .. import safefiles

        text = safefiles.read_text(found, class_names.MAX_BYTES)
    except (OSError, ValueError):
        return False
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and all(class_names._INDEXED.match(ln) for ln in lines)


def for_forward_only(model_path: Path, input_hw: tuple, ours: bool) -> Guess:
    if ours:
        return Guess(NONE, "exported by this app: the model preprocesses its pixels itself", certain=True)
    if tuple(input_hw[:2]) == (224, 224) and numbered_labels(model_path):
        return Guess(TEACHABLE_MACHINE, "a Teachable Machine export (labels.txt numbered '0 name' beside a "
                                        "224 × 224 model)")
    return DEFAULT


def for_file(path: str | Path) -> Guess:
    """The guess for a model file, from what it declares (its description is checked; no model
    is built).  A file that cannot be read gets the default: its fault is reported when opened."""
    from . import forward_only, keras2_h5, keras_archive, model_file

    try:
        path = model_file.check_path(path)
        fmt = model_file.format_of(path)
        if fmt == model_file.KERAS:
            return from_config(keras_archive.read_config(path), keras2=False)
        if fmt == model_file.KERAS2:
            keras2_h5.check_file(path)
            return from_config(keras2_h5.read_config(path), keras2=True)
        graph = forward_only.peek(path)
        return for_forward_only(path, graph.input_hw, forward_only.exported_by_us(path))
    except StudioError:
        return DEFAULT
