"""A classifier in a file from anywhere: which format it is, what it declares, and the model.

Keras formats open as Keras models, so every feature works on them: ``.keras`` (Keras 3, through
:mod:`.keras_archive`) and a Keras 2 full-model ``.h5`` (tf.keras, Teachable Machine, through
:mod:`.keras2_h5`), both without running code from the file.  TensorFlow Lite files, SavedModel
folders and ONNX files have no Keras graph: they run forward only (:mod:`.forward_only`).

The model must be an image classifier: one image input of (height, width, 1 or 3) — a grey
model gets the image as grey, a non-square one the image fitted to its shape — and one output
of class scores (:mod:`.outputs` makes them probabilities where they are not).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import StudioError
from ..pathnames import printable
from . import keras2_h5, keras_archive

KERAS_SUFFIXES = (".keras", ".h5", ".hdf5")
FORWARD_SUFFIXES = (".tflite", ".onnx")
SUFFIXES = KERAS_SUFFIXES + FORWARD_SUFFIXES
SAVED_MODEL_FILE = "saved_model.pb"
DEFAULT_SIZE = 224  # for a model whose input size is not fixed

KERAS, KERAS2, TFLITE, SAVED_MODEL, ONNX = "Keras", "Keras 2 (.h5)", "TensorFlow Lite", "SavedModel", "ONNX"


class NotAClassifierError(StudioError):
    """The file holds a model, but not one that maps an image to class scores."""


def is_saved_model(path: str | Path) -> bool:
    path = Path(path)
    return path.is_dir() and (path / SAVED_MODEL_FILE).is_file()


def is_model_path(path: str | Path) -> bool:
    """A path the app opens as a model file (by its suffix, or a SavedModel folder)."""
    return Path(path).suffix.lower() in SUFFIXES or is_saved_model(path)


def format_of(path: str | Path) -> str:
    path = Path(path)
    if is_saved_model(path):
        return SAVED_MODEL
    return {".keras": KERAS, ".h5": KERAS2, ".hdf5": KERAS2, ".tflite": TFLITE, ".onnx": ONNX}[path.suffix.lower()]


def check_path(path: str | Path) -> Path:
    path = Path(path)
    if is_saved_model(path):
        return path
    if path.is_dir():
        raise StudioError(f"'{printable(path)}' is a folder without a {SAVED_MODEL_FILE}: open a model file (.keras, "
                          ".h5, .tflite, .onnx) or a SavedModel folder (a trained model of this app opens from the "
                          "model list).")
    if not path.is_file():
        raise StudioError(f"The model file '{printable(path)}' does not exist (or is not a file).")
    if path.suffix.lower() not in SUFFIXES:
        raise StudioError(f"'{printable(path)}' is not a model file the app opens: a .keras or Keras 2 .h5 file, "
                          "a TensorFlow Lite .tflite, an .onnx file or a SavedModel folder (a trained model folder "
                          "of this app opens from the model list).")
    return path


def forward_only(path: str | Path) -> bool:
    return format_of(path) in (TFLITE, SAVED_MODEL, ONNX)


class NeedsKerasModel(StudioError):
    """A feature that needs a Keras graph was asked of a forward-only model."""


def needs_keras_message(path: str | Path, what: str) -> str:
    """One line: what needs a Keras model, why this file is not one, and the Keras file beside it."""
    beside = keras_file_beside(path)
    offer = (f" Open '{printable(beside)}' beside it for that." if beside is not None
             else " Open the model as .keras or Keras .h5 for that.")
    return (f"{what[:1].upper()}{what[1:]} needs a Keras model; '{printable(Path(path).name)}' is a "
            f"{format_of(path)} model and runs forward only (predict, folders, occlusion, Score-CAM)." + offer)


def open_model(path: str | Path):
    """The Keras model in ``path`` (a Keras format), checked to be an image classifier."""
    path = check_path(path)
    if forward_only(path):
        raise NeedsKerasModel(needs_keras_message(path, "opening it as a Keras model"))
    model = keras_archive.load(path) if format_of(path) == KERAS else keras2_h5.load(path)
    check_classifier(model, path)
    return model


def check_shapes(where: Path, input_shape: tuple, output_shape: tuple, inputs: int = 1, outputs: int = 1) -> None:
    """One (batch, height, width, 1 or 3) input and one (batch, classes) output, or a message."""
    where_s = printable(where)
    if inputs != 1 or outputs != 1:
        raise NotAClassifierError(f"'{where_s}' has {inputs} inputs and {outputs} outputs: the app opens image "
                                  "classifiers (one image in, one list of class scores out).")
    shape, out = tuple(input_shape), tuple(output_shape)
    if len(shape) != 4 or shape[-1] not in (1, 3):
        raise NotAClassifierError(f"'{where_s}' takes input of shape {shape[1:]}, not an image (height, width, 3 "
                                  "colours or 1 grey channel): it is not an image classifier the app can run.")
    if len(out) != 2 or not out[-1]:
        raise NotAClassifierError(f"'{where_s}' outputs shape {out[1:]}, not one score per class: it is not an image "
                                  "classifier (a detector, a segmenter or a feature extractor?).")


def check_classifier(model, path: Path) -> None:
    inputs, outputs = list(getattr(model, "inputs", None) or []), list(getattr(model, "outputs", None) or [])
    check_shapes(path, tuple(inputs[0].shape) if inputs else (), tuple(outputs[0].shape) if outputs else (),
                 len(inputs), len(outputs))


def input_hw(model) -> tuple[int, int]:
    """(height, width) of a Keras model's input (a side the model leaves open: the other one, or 224)."""
    shape = tuple(model.inputs[0].shape)
    h, w = shape[1], shape[2]
    return int(h or w or DEFAULT_SIZE), int(w or h or DEFAULT_SIZE)


def input_size(model) -> int:
    return input_hw(model)[0]


def channels(model) -> int:
    return int(model.inputs[0].shape[-1])


def keras_file_beside(path: str | Path) -> Optional[Path]:
    """A Keras model file next to a forward-only one (our export writes model.keras beside them)."""
    path = Path(path)
    folder = path.parent
    for name in ("model.keras", "keras_model.h5"):
        if (folder / name).is_file():
            return folder / name
    return None


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
