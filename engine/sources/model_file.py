"""A Keras classifier in a file: ``.keras`` (Keras 3) or a Keras 2 full-model ``.h5``.

Both open without running code from the file: ``.keras`` with Keras ``safe_mode=True``
after its archive is checked, ``.h5`` through :mod:`.keras2_h5`.  A ``Lambda`` layer is
refused with the reason.  The model must be an image classifier — one 4-D RGB input, one
(batch, classes) output — whose input size, class count and last convolution are read from
the model itself.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ..errors import StudioError
from ..pathnames import printable
from . import bundle_checks, keras2_h5

SUFFIXES = (".keras", ".h5", ".hdf5")
DEFAULT_SIZE = 224  # for a model whose input size is not fixed


class NotAClassifierError(StudioError):
    """The file holds a model, but not one that maps an RGB image to class scores."""


def check_path(path: str | Path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise StudioError(f"The model file '{printable(path)}' does not exist (or is not a file).")
    if path.suffix.lower() not in SUFFIXES:
        raise StudioError(f"'{printable(path)}' is not a Keras model file: open a .keras file or a Keras 2 .h5 "
                          "file (a trained model folder of this app opens from the model list).")
    return path


def _keras_config(path: Path) -> dict:
    bundle_checks.check_archive(path)
    try:
        with zipfile.ZipFile(path) as zf:
            return json.loads(zf.read("config.json").decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise StudioError(f"The model file '{printable(path)}' is damaged ({exc}).") from None


def open_model(path: str | Path):
    """The Keras model in ``path``, checked to be an image classifier."""
    import keras

    from . import preprocess_layer  # noqa: F401  registers FamilyPreprocess (our own exports hold it)

    path = check_path(path)
    if path.suffix.lower() == ".keras":
        keras2_h5.refuse_code(_keras_config(path), path)
        try:
            model = keras.saving.load_model(path, safe_mode=True, compile=False)
        except Exception as exc:  # noqa: BLE001 - Keras raises many types for a bad file
            raise StudioError(f"Keras cannot open '{printable(path)}' ({type(exc).__name__}: {str(exc)[:300]}).") \
                from None
    else:
        model = keras2_h5.load(path)
    check_classifier(model, path)
    return model


def check_classifier(model, path: Path) -> None:
    inputs, outputs = list(getattr(model, "inputs", None) or []), list(getattr(model, "outputs", None) or [])
    where = printable(path)
    if len(inputs) != 1 or len(outputs) != 1:
        raise NotAClassifierError(f"'{where}' has {len(inputs)} inputs and {len(outputs)} outputs: the app opens "
                                  "image classifiers (one image in, one list of class scores out).")
    shape, out = tuple(inputs[0].shape), tuple(outputs[0].shape)
    if len(shape) != 4 or shape[-1] != 3:
        raise NotAClassifierError(f"'{where}' takes input of shape {shape[1:]}, not an RGB image (height, width, 3): "
                                  "it is not an image classifier the app can run.")
    if shape[1] is not None and shape[2] is not None and shape[1] != shape[2]:
        raise NotAClassifierError(f"'{where}' takes {shape[1]}×{shape[2]} images; the app runs square inputs only.")
    if len(out) != 2 or not out[-1]:
        raise NotAClassifierError(f"'{where}' outputs shape {out[1:]}, not one score per class: it is not an image "
                                  "classifier (a detector, a segmenter or a feature extractor?).")


def input_size(model) -> int:
    return int(model.inputs[0].shape[1] or DEFAULT_SIZE)


def feature_base(model):
    """The model up to its last convolutional feature map (what training puts a new head on),
    also when that map sits inside a base model nested in the classifier."""
    import keras

    from ..layers import feature_layer

    path = feature_layer(model).path
    inputs = keras.Input(tuple(model.inputs[0].shape[1:]), name="pixels")
    return keras.Model(inputs, _apply_until(model, path, inputs), name=f"{model.name}_features")


def _apply_until(model, path: tuple, x):
    """Call ``model``'s layers on ``x`` up to the layer at ``path`` (a chain of layers only)."""
    if len(path) == 1:
        target = model.get_layer(path[0])
        return keras_submodel(model, target.output)(x)
    container = model.get_layer(path[0])
    for layer in model.layers:
        if layer is container:
            return _apply_until(container, path[1:], x)
        if layer.__class__.__name__ != "InputLayer":
            x = layer(x)
    raise StudioError(f"Cannot find the feature layer {' / '.join(path)} in '{model.name}'.")


def keras_submodel(model, output):
    import keras

    return keras.Model(model.inputs, output)
