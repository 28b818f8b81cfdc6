"""Continuing from a trained model: a bundle of ours (``train --from MODEL_DIR``, the Train
tab's "Continue training…") or the kept checkpoint of a cancelled run ("Resume").

The run starts from the saved model's base and head instead of the zoo weights and a new
head: more epochs, more images, or new classes (the head's classifier grows; the columns
of classes it already knew are kept, matched by class name, and a class no longer in the
data is dropped).  The head's shape (pooling, hidden layers, dropout) and the base model
are the saved run's; the settings stored with the model are the new run's defaults.

A checkpoint folder carries ``run.json`` (the run's settings and classes) beside the
checkpoint, written when the run starts, so a resume knows how the run was set up.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Optional

import numpy as np

from .. import fileio, safefiles
from ..errors import StudioError
from ..pathnames import printable

RUN_FILE = "run.json"
#: What a continued run takes from the saved model, whatever the new settings say.
ARCHITECTURE = ("model", "alpha", "input_size", "pooling", "dense", "dropout")
RUN_CAP = 1 << 20  # run.json is a few hundred bytes


@dataclass
class Start:
    """A model to continue from: the Keras model, its class names, the settings it was trained with."""
    model: object
    classes: list
    settings: dict
    source: str
    epochs_done: int = 0
    label: str = ""  # how to name the source in the new model's metadata ("" : its path, or a checkpoint)


def write_run(checkpoint: Optional[str], settings, classes) -> None:
    """Record the run's settings beside its checkpoint (a few hundred bytes, once per run)."""
    if checkpoint:
        fileio.write_json(Path(checkpoint).with_name(RUN_FILE), {"settings": asdict(settings), "classes": classes})


def load_start(path: str | Path) -> Start:
    """A bundle folder of ours, or a kept checkpoint (``checkpoint.keras`` with its ``run.json``).

    Nothing in the folder is trusted: the model opens through the checks of any model file
    (archive size, no Lambda, Keras safe mode), every saved setting is checked
    (:mod:`.saved_settings`), and the class names must match the model's outputs."""
    from . import saved_settings

    path = Path(path)
    if path.is_dir():
        from . import bundle

        model, meta = bundle.load(path)  # archive and metadata checks, safe mode
        where = f"The trained model '{printable(path)}'"
        if not isinstance(meta.get("training"), dict):
            raise StudioError(f"'{printable(path)}' has no training settings in its metadata.json, so it cannot be "
                              "continued; train a new model instead.")
        classes = saved_settings.classes(meta.get("class_names"), where)
        settings = saved_settings.settings(meta["training"], where)
        start = Start(model, classes, settings, str(path), saved_settings.epochs_done(meta.get("history"), where))
    else:
        run = path.with_name(RUN_FILE)
        if not path.is_file() or not os.path.lexists(run):
            raise StudioError(f"'{printable(path)}' is not a kept checkpoint of this app (it needs {RUN_FILE} beside "
                              "it); nothing to resume.")
        where = f"The kept checkpoint's {RUN_FILE} ('{printable(run)}')"
        try:
            info = safefiles.load_json(run, cap=RUN_CAP)
        except (safefiles.UnsafeFile, OSError) as exc:
            raise StudioError(f"{where} cannot be used ({exc}); nothing to resume.") from None
        if not isinstance(info, dict):
            raise StudioError(f"{where} is not an object of settings; nothing to resume.")
        classes = saved_settings.classes(info.get("classes"), where)
        settings = saved_settings.settings(info.get("settings"), where)
        from ..sources import model_file

        # The same checks as any .keras file: archive size (a zip bomb), Lambda layers, safe mode.
        start = Start(model_file.open_model(path), classes, settings, str(path))
    outputs = start.model.output_shape[-1] if len(getattr(start.model, "outputs", []) or []) == 1 else None
    if outputs is not None and outputs != len(start.classes):
        raise StudioError(f"{where} names {len(start.classes)} classes but its model has {outputs} outputs; it "
                          "cannot be continued.")
    return start


def merged_settings(start: Start, settings):
    """``settings`` with the saved model's architecture (see :data:`ARCHITECTURE`)."""
    from dataclasses import replace

    known = {f.name for f in fields(settings)}
    source = start.label or (start.source if Path(start.source).is_dir() else "the kept checkpoint of a cancelled run")
    return replace(settings, continued_from=source,
                   **{k: start.settings[k] for k in ARCHITECTURE if k in start.settings and k in known})


def saved_base(model):
    """The convolutional base inside a model of ours (the nested model that is not the augmentation)."""
    import keras

    nested = [layer for layer in model.layers if isinstance(layer, keras.Model) and layer.name != "augmentation"]
    if len(nested) != 1:
        raise StudioError("This model was not made by this app's training (no single base model inside it); "
                          "it cannot be continued.")
    return nested[0]


def head_layers(model) -> list:
    """The head's layers, inline after the base, in order."""
    layers = model.layers
    return layers[layers.index(saved_base(model)) + 1:]


def take_over(start: Start, base_model, head_model, classes: list) -> int:
    """Copy the saved base's weights into ``base_model`` and the saved head's into
    ``head_model`` (classes matched by name); returns how many of ``classes`` were known."""
    old_base = saved_base(start.model)
    if [w.shape for w in old_base.weights] != [w.shape for w in base_model.weights]:
        raise StudioError(f"The model in '{printable(start.source)}' does not match its recorded base model; "
                          "it cannot be continued.")
    base_model.set_weights(old_base.get_weights())
    old = [layer for layer in head_layers(start.model) if layer.weights]
    new = [layer for layer in head_model.layers[1:] if layer.weights]
    if len(old) != len(new):
        raise StudioError(f"The head of '{printable(start.source)}' differs from its recorded settings; it cannot "
                          "be continued.")
    for o, n in zip(old[:-1], new[:-1]):
        n.set_weights(o.get_weights())
    saved = old[-1].get_weights()
    kernel = saved[0]
    bias = saved[1] if len(saved) > 1 else np.zeros(kernel.shape[-1], kernel.dtype)  # Teachable Machine's has none
    new_kernel, new_bias = new[-1].get_weights()
    known = 0
    for j, name in enumerate(classes):
        if name in start.classes:
            i = start.classes.index(name)
            new_kernel[:, j], new_bias[j] = kernel[:, i], bias[i]
            known += 1
    new[-1].set_weights([new_kernel, new_bias])
    return known


def cache_tag(base_model) -> str:
    """Features of a continued base are not the zoo base's: their own cache entries."""
    from ..backends.convert import weights_digest

    return "|continued:" + weights_digest(base_model)[:32]



# -- a model file's own head (Teachable Machine's, or any GAP/Flatten + Dense classifier) -------------

def _layers_after(container, name: str) -> list:
    """The layers after ``name`` in a chain-shaped model (nested Sequentials expanded); None
    where the container is not a plain chain."""
    inner = [layer for layer in container.layers if layer.__class__.__name__ != "InputLayer"]
    names = [layer.name for layer in inner]
    if name not in names:
        return None
    after = inner[names.index(name) + 1:]
    if after and container.__class__.__name__ != "Sequential":
        return None  # a Functional's later layers may branch: not a head this app can take over
    out = []
    for layer in after:
        if layer.__class__.__name__ == "Sequential":
            out += [inner for inner in layer.layers if inner.__class__.__name__ != "InputLayer"]
        else:
            out.append(layer)
    return out


def file_head(model) -> Optional[tuple[list, dict]]:
    """(head layers, head settings) of a classifier whose layers after its last feature map are
    global pooling or Flatten, Dense (ReLU) and Dropout layers, and a softmax Dense — the shape of
    the heads this app trains, and of every Teachable Machine image model; None otherwise."""
    from ..layers import feature_layer
    from ..sources.outputs import activation_name

    path = feature_layer(model).path
    head, container = [], model
    chain = [model]
    for name in path[:-1]:
        container = container.get_layer(name)
        chain.append(container)
    for container, name in reversed(list(zip(chain, path))):
        after = _layers_after(container, name)
        if after is None:
            return None
        head += after
    if len(head) < 2 or head[0].__class__.__name__ not in ("GlobalAveragePooling2D", "Flatten"):
        return None
    dense, dropout = [], 0.0
    for layer in head[1:-1]:
        cls = layer.__class__.__name__
        if cls == "Dense" and activation_name(layer) == "relu":
            dense.append(int(layer.units))
        elif cls == "Dropout":
            dropout = float(layer.rate)
        else:
            return None
    last = head[-1]
    if last.__class__.__name__ != "Dense" or activation_name(last) != "softmax":
        return None
    pooling = "avg" if head[0].__class__.__name__ == "GlobalAveragePooling2D" else "flatten"
    return head, {"pooling": pooling, "dense": dense, "dropout": dropout}


def from_model_file(path: str | Path, preprocess: str) -> Optional[Start]:
    """Continue a model file (a Teachable Machine export): its base and its head, its classes by
    name (labels.txt); None when its head is not one this app can take over (a new head is trained)."""
    import keras

    from ..sources import class_names, model_file

    model = model_file.open_model(path)
    found = file_head(model)
    if found is None:
        return None
    head, shape = found
    base = model_file.feature_base(model)
    inputs = keras.Input(tuple(model.inputs[0].shape[1:]), name="pixels")
    x = base(inputs)
    for layer in head:
        x = layer(x)
    names, _ = class_names.for_model_file(path, int(head[-1].units))
    settings = {"model": Path(path).stem, **shape}
    return Start(keras.Model(inputs, x), list(names), settings, str(path), label=str(path))
