"""Open a Keras 2 full-model ``.h5`` (tf.keras, Teachable Machine) on Keras 3 — safely.

Keras 3 refuses many of these files: Keras 2 wrote layer arguments Keras 3 no longer takes
(``DepthwiseConv2D(groups=1)``, ``BatchNormalization(axis=[3])``, ``batch_input_shape`` on
nested models).  We read the model's JSON config from the file's HDF5 attributes (h5py),
map those arguments (:func:`map_keras2_config`), rebuild the model with Keras 3's own
deserialisation in safe mode (a ``Lambda`` — Python code stored in the file — is refused),
then load the weights by layer name from the file.  Nothing is unpickled, nothing executed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import StudioError
from ..pathnames import printable

MAX_CONFIG_BYTES = 64 << 20
_MODELS = ("Sequential", "Functional", "Model")


class Keras2Error(StudioError):
    """A Keras 2 file that cannot be opened safely; the message says why and what to do."""


def read_config(path: Path) -> dict:
    """The model config stored in the file, as JSON (never the pickled objects some files hold)."""
    import h5py

    try:
        with h5py.File(path, "r") as f:
            raw = f.attrs.get("model_config")
            if raw is None:
                raise Keras2Error(f"'{printable(path)}' holds weights only, not a whole model (no model_config): "
                                  "open the model file it belongs to, or load it as --weights of a zoo model.")
            if "model_weights" not in f:
                raise Keras2Error(f"'{printable(path)}' holds no weights (no model_weights group).")
    except OSError as exc:
        raise Keras2Error(f"'{printable(path)}' is not a readable HDF5 model file ({exc}).") from None
    if hasattr(raw, "decode"):
        raw = raw.decode("utf-8")
    if len(raw) > MAX_CONFIG_BYTES:
        raise Keras2Error(f"'{printable(path)}' has a model description of {len(raw) >> 20} MB: damaged or hostile.")
    try:
        config = json.loads(raw)
    except ValueError as exc:
        raise Keras2Error(f"'{printable(path)}' has a damaged model description ({exc}).") from None
    if not isinstance(config, dict) or "class_name" not in config:
        raise Keras2Error(f"'{printable(path)}' does not describe a Keras model.")
    return config


def _layers(node):
    """Every layer config (dicts with a class_name and a config) in a model config, nested too."""
    if isinstance(node, dict):
        if isinstance(node.get("class_name"), str) and isinstance(node.get("config"), dict):
            yield node
        for value in node.values():
            yield from _layers(value)
    elif isinstance(node, list):
        for value in node:
            yield from _layers(value)


def class_names_in(config: dict) -> set[str]:
    return {layer["class_name"] for layer in _layers(config)}


def map_keras2_config(config: dict) -> dict:
    """Rewrite, in place, the Keras 2 arguments Keras 3 refuses; returns ``config``."""
    for layer in _layers(config):
        cls, cfg = layer["class_name"], layer["config"]
        shape = cfg.pop("batch_input_shape", None)
        if shape is not None and cls == "InputLayer":
            cfg["batch_shape"] = shape
        if cls == "DepthwiseConv2D" and "groups" in cfg:
            if cfg["groups"] not in (1, None):
                raise Keras2Error(f"Layer '{cfg.get('name')}' is a DepthwiseConv2D with groups={cfg['groups']}, "
                                  "which Keras 3 cannot build.")
            del cfg["groups"]  # Keras 2 wrote the Conv base class's groups=1; Keras 3's depthwise has none
        if cls == "BatchNormalization" and isinstance(cfg.get("axis"), list) and len(cfg["axis"]) == 1:
            cfg["axis"] = int(cfg["axis"][0])
        if cls == "Model":
            layer["class_name"] = "Functional"
        module = layer.get("module")
        if isinstance(module, str) and (module.startswith("tf_keras") or ".engine" in module):
            del layer["module"]  # Keras 2's internal module paths; Keras 3 finds the class by its name
    return config


def refuse_code(config: dict, path: Path) -> None:
    """A Lambda layer stores Python code in the file: running it could do anything."""
    found = sorted(class_names_in(config) & {"Lambda", "TFOpLambda", "SlicingOpLambda"})
    if found:
        raise Keras2Error(f"'{printable(path)}' holds a {found[0]} layer: Python code stored in the file, which "
                          "the app refuses to run (it could do anything to this computer). Ask its author for a "
                          "version without Lambda layers (e.g. a registered preprocessing layer or none).")


def rebuild(config: dict):
    """A Keras 3 model from a mapped Keras 2 config, with Keras' safe mode on."""
    from keras.src.legacy.saving import saving_options, saving_utils
    from keras.src.saving import serialization_lib

    with saving_options.keras_option_scope(use_legacy_config=True), serialization_lib.SafeModeScope(True):
        return saving_utils.model_from_config(config)


def _leaf_layers(layer):
    if hasattr(layer, "layers") and layer.__class__.__name__ in ("Functional", "Sequential", "Model"):
        for inner in layer.layers:
            yield from _leaf_layers(inner)
    else:
        yield layer


def load_weights_by_name(model, path: Path) -> None:
    """Set every weight from the file, matched by (top layer, layer name), in each layer's
    order; any weight left unset, unknown or of another shape refuses the whole file."""
    import h5py

    with h5py.File(path, "r") as f:
        group = f["model_weights"]
        for top in model.layers:
            leaves = {leaf.name: leaf for leaf in _leaf_layers(top) if leaf.weights}
            if not leaves:
                continue
            if top.name not in group:
                raise Keras2Error(f"'{printable(path)}' has no weights for layer '{top.name}'.")
            g = group[top.name]
            by_layer: dict[str, list] = {}
            for raw in g.attrs.get("weight_names", []):
                name = raw.decode("utf-8") if hasattr(raw, "decode") else str(raw)
                parts = name.split("/")
                by_layer.setdefault(parts[-2] if len(parts) > 1 else top.name, []).append(np.asarray(g[name]))
            for leaf_name, leaf in leaves.items():
                values = by_layer.pop(leaf_name, None)
                if values is None or len(values) != len(leaf.weights):
                    raise Keras2Error(f"'{printable(path)}' does not hold the weights of layer '{leaf_name}' "
                                      f"({0 if values is None else len(values)} of {len(leaf.weights)} found).")
                for var, value in zip(leaf.weights, values):
                    if tuple(var.shape) != value.shape:
                        raise Keras2Error(f"'{printable(path)}': weight {var.name} of layer '{leaf_name}' has shape "
                                          f"{value.shape} in the file, {tuple(var.shape)} in the model.")
                    var.assign(value)
            if by_layer:
                raise Keras2Error(f"'{printable(path)}' holds weights for layers the model lacks: "
                                  f"{', '.join(sorted(by_layer)[:5])}.")
        known = {top.name for top in model.layers}
        extra = sorted(name for name in group if name not in known and len(group[name].attrs.get("weight_names", [])))
        if extra:
            raise Keras2Error(f"'{printable(path)}' holds weights for layers the model lacks: {', '.join(extra[:5])}.")


def load(path: Path):
    """The Keras 3 model of a Keras 2 full-model ``.h5`` file (see the module docstring)."""
    config = read_config(path)
    refuse_code(config, path)
    config = map_keras2_config(config)
    try:
        model = rebuild(config)
    except StudioError:
        raise
    except Exception as exc:  # noqa: BLE001 - Keras raises many types for a config it cannot build
        raise Keras2Error(f"Keras 3 cannot rebuild the model in '{printable(path)}' ({type(exc).__name__}: "
                          f"{str(exc)[:300]}).") from None
    load_weights_by_name(model, path)
    return model
