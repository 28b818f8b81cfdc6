"""Open a Keras 2 full-model ``.h5`` (tf.keras, Teachable Machine) on Keras 3 — safely.

Keras 3 refuses or misreads many of these files: Keras 2 wrote layer arguments Keras 3 no
longer takes (``DepthwiseConv2D(groups=1)``, ``BatchNormalization(axis=[3])``,
``batch_input_shape`` on any layer, ``dtype`` inside initializers in 2.2.4-tf), listed a model's
single input or output as a list of one (Keras 3 then passes a list of one tensor on, and a
nested ``Sequential`` after it receives the wrong number of inputs — Teachable Machine's exports
fail exactly so), and older versions saved a ``Sequential`` without its ``InputLayer`` (the first
layer carried the shape).
:func:`map_keras2_config` rewrites these into what Keras 3 means by the same model; the model is
rebuilt with Keras 3's own deserialisation in safe mode (a ``Lambda`` — Python code stored in
the file — is refused), then the weights are loaded by layer name from the file, each array's
declared shape checked against the model before it is read.

Before any of that the file is proved to keep its data inside itself and to declare sane
sizes (:mod:`engine.hdf5check`), and its description is parsed within limits
(:mod:`.model_config`).  Nothing is unpickled, nothing executed.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import hdf5check
from ..pathnames import printable
from . import model_config
from .model_config import ModelFileError

_MODELS = model_config.MODEL_CLASSES
_DAMAGED = (OSError, KeyError, ValueError, TypeError, RuntimeError)


class Keras2Error(ModelFileError):
    """A Keras 2 file that cannot be opened safely; the message says why and what to do."""


# Kept for callers of the earlier names.
refuse_code = model_config.refuse_code
class_names_in = model_config.class_names_in
_layers = model_config.layers


def check_file(path: Path) -> None:
    """Refuse a file whose data or links point outside it, or whose arrays declare more than
    it could hold — before a byte of its weights is read."""
    try:
        hdf5check.check(path)
    except hdf5check.HDF5Refused as exc:
        raise Keras2Error(f"The model file {exc}") from None
    except _DAMAGED as exc:
        raise Keras2Error(f"'{printable(path)}' is not a readable HDF5 model file ({type(exc).__name__}: "
                          f"{str(exc)[:200]}): it is damaged or cut short.") from None


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
    except Keras2Error:
        raise
    except _DAMAGED as exc:
        raise Keras2Error(f"'{printable(path)}' is not a readable HDF5 model file ({type(exc).__name__}: "
                          f"{str(exc)[:200]}).") from None
    if not isinstance(raw, (bytes, str)):
        raw = getattr(raw, "tobytes", lambda: b"")()  # an array attribute: not what Keras writes
    return model_config.parse(raw, path)


def _unwrap_single(value):
    """Keras 2 saved a model's one input or output as ``[[name, node, tensor]]``."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], list) and len(value[0]) >= 3 \
            and isinstance(value[0][0], str):
        return value[0]
    return value


def _add_input_layers(config: dict) -> None:
    """A Sequential saved without its InputLayer (the first layer carried ``batch_input_shape``)
    gets one, so it is built with the shape it was saved with."""
    for layer in list(model_config.layers(config)):
        if layer["class_name"] != "Sequential":
            continue
        inner = layer["config"].get("layers")
        if not isinstance(inner, list) or not inner or not isinstance(inner[0], dict):
            continue
        first = inner[0].get("config") if isinstance(inner[0].get("config"), dict) else {}
        shape = first.get("batch_input_shape")
        if inner[0].get("class_name") != "InputLayer" and isinstance(shape, list):
            inner.insert(0, {"class_name": "InputLayer", "config": {
                "batch_shape": shape, "dtype": first.get("dtype", "float32"),
                "name": f"{first.get('name', 'layer')}_input"}})


def _drop_initializer_dtypes(cfg: dict) -> None:
    """Keras 2.2.4-tf (older Teachable Machine exports) wrote the layer's dtype into each of its
    initializers (``VarianceScaling(..., dtype="float32")``); Keras 3's initializers take none.
    Only initializers: the layer's own ``dtype`` is kept."""
    for key, value in cfg.items():
        if key.endswith("_initializer") and isinstance(value, dict) and isinstance(value.get("config"), dict):
            value["config"].pop("dtype", None)


def map_keras2_config(config: dict) -> dict:
    """Rewrite, in place, what Keras 3 refuses or reads differently; returns ``config``."""
    _add_input_layers(config)
    for layer in model_config.layers(config):
        cls, cfg = layer["class_name"], layer["config"]
        shape = cfg.pop("batch_input_shape", None)
        if shape is not None and cls == "InputLayer":
            cfg["batch_shape"] = shape
        if cls == "DepthwiseConv2D" and "groups" in cfg:
            if cfg["groups"] not in (1, None):
                raise Keras2Error(f"Layer '{printable(str(cfg.get('name')))}' is a DepthwiseConv2D with groups="
                                  f"{cfg['groups']}, which Keras 3 cannot build.")
            del cfg["groups"]  # Keras 2 wrote the Conv base class's groups=1; Keras 3's depthwise has none
        if cls == "BatchNormalization" and isinstance(cfg.get("axis"), list) and len(cfg["axis"]) == 1:
            cfg["axis"] = int(cfg["axis"][0])
        _drop_initializer_dtypes(cfg)
        if cls == "Model":
            layer["class_name"] = cls = "Functional"
        if cls == "Functional":
            for key in ("input_layers", "output_layers"):
                if key in cfg:
                    cfg[key] = _unwrap_single(cfg[key])
        module = layer.get("module")
        if isinstance(module, str) and (module.startswith("tf_keras") or ".engine" in module):
            del layer["module"]  # Keras 2's internal module paths; Keras 3 finds the class by its name
    return config


def rebuild(config: dict):
    """A Keras 3 model from a mapped Keras 2 config, with Keras' safe mode on."""
    from keras.src.legacy.saving import saving_options, saving_utils
    from keras.src.saving import serialization_lib

    with saving_options.keras_option_scope(use_legacy_config=True), serialization_lib.SafeModeScope(True):
        return saving_utils.model_from_config(config)


def _leaf_layers(layer):
    if hasattr(layer, "layers") and layer.__class__.__name__ in _MODELS:
        for inner in layer.layers:
            yield from _leaf_layers(inner)
    else:
        yield layer


def _datasets_by_layer(group, top_name: str, path: Path) -> dict[str, list]:
    """{layer name: [(weight name, h5py dataset)]} of one top layer's group, in file order."""
    import h5py

    by_layer: dict[str, list] = {}
    names = group.attrs.get("weight_names", [])
    for raw in names if hasattr(names, "__iter__") else []:
        name = raw.decode("utf-8", "replace") if hasattr(raw, "decode") else str(raw)
        ds = group.get(name)
        if not isinstance(ds, h5py.Dataset):
            raise Keras2Error(f"'{printable(path)}' lists the weight '{printable(name)}' of layer "
                              f"'{printable(top_name)}' but does not hold it: the file is damaged.")
        parts = name.split("/")
        by_layer.setdefault(parts[-2] if len(parts) > 1 else top_name, []).append((name, ds))
    return by_layer


def _lists_weights(node) -> bool:
    """Whether a top-level entry of model_weights names any weight (Keras 2 writes an empty
    group for a layer without weights)."""
    names = node.attrs.get("weight_names", [])
    return hasattr(names, "__len__") and len(names) > 0


def _checked_pairs(leaf, leaf_name: str, found, path: Path) -> list:
    """(variable, dataset) pairs of one layer, every declared shape and type checked (no data read)."""
    where = printable(path)
    if found is None or len(found) != len(leaf.weights):
        raise Keras2Error(f"'{where}' does not hold the weights of layer '{printable(leaf_name)}' "
                          f"({0 if found is None else len(found)} of {len(leaf.weights)} found).")
    pairs = []
    for var, (name, ds) in zip(leaf.weights, found):
        if tuple(var.shape) != tuple(ds.shape):
            raise Keras2Error(f"'{where}': weight {printable(name)} of layer '{printable(leaf_name)}' has shape "
                              f"{tuple(ds.shape)} in the file, {tuple(var.shape)} in the model: the file is "
                              "damaged or its description does not match its weights.")
        if ds.dtype.kind not in "fiu":
            raise Keras2Error(f"'{where}': weight {printable(name)} holds {ds.dtype} values, not numbers.")
        pairs.append((var, ds))
    return pairs


def load_weights_by_name(model, path: Path) -> None:
    """Set every weight from the file, matched by (top layer, layer name), in each layer's
    order; any weight left unset, unknown or of another shape refuses the whole file, and
    every shape is checked before any array is read."""
    import h5py

    where = printable(path)
    try:
        with h5py.File(path, "r") as f:
            group = f["model_weights"]
            plan = []
            for top in model.layers:
                leaves = {leaf.name: leaf for leaf in _leaf_layers(top) if leaf.weights}
                if not leaves:
                    continue
                if top.name not in group:
                    raise Keras2Error(f"'{where}' has no weights for layer '{printable(top.name)}'.")
                by_layer = _datasets_by_layer(group[top.name], top.name, path)
                for leaf_name, leaf in leaves.items():
                    plan += _checked_pairs(leaf, leaf_name, by_layer.pop(leaf_name, None), path)
                if by_layer:
                    raise Keras2Error(f"'{where}' holds weights for layers the model lacks: "
                                      f"{', '.join(printable(n) for n in sorted(by_layer)[:5])}.")
            known = {top.name for top in model.layers}
            extra = sorted(name for name in group if name not in known and _lists_weights(group[name]))
            if extra:
                raise Keras2Error(f"'{where}' holds weights for layers the model lacks: "
                                  f"{', '.join(printable(n) for n in extra[:5])}.")
            for var, ds in plan:  # every shape is known good: now read, one array at a time
                var.assign(ds[()])
    except Keras2Error:
        raise
    except _DAMAGED as exc:
        raise Keras2Error(f"'{where}' is damaged: its weights cannot be read ({type(exc).__name__}: "
                          f"{str(exc)[:200]}).") from None


def _reason(exc: Exception) -> str:
    """Keras' message without the layer's whole config, which hid the cause behind 300 characters
    of it: "Error when deserializing class 'Conv2D' using config={…}. Exception encountered: …"."""
    text = str(exc)
    layer = re.search(r"deserializing class '([^']{1,100})'", text)
    cause = text.rpartition("Exception encountered:")[2].strip()  # the whole text when it has no such part
    where = f"a {printable(layer.group(1))} layer: " if layer else ""
    return f"{where}{type(exc).__name__}: {printable(cause[:300])}"


def load(path: Path):
    """The Keras 3 model of a Keras 2 full-model ``.h5`` file (see the module docstring)."""
    path = Path(path)
    check_file(path)
    config = read_config(path)
    model_config.refuse_code(config, path)
    model_config.check_declared_sizes(config, path)
    config = map_keras2_config(config)
    try:
        model = rebuild(config)
    except ModelFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - Keras raises many types for a config it cannot build
        raise Keras2Error(f"Keras 3 cannot rebuild the model in '{printable(path)}' ({_reason(exc)}).") from None
    load_weights_by_name(model, path)
    return model
