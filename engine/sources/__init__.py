"""Where models come from — the one place every caller asks.

Three sources give the same thing, a :class:`engine.models.LoadedModel` (a built model with
its preprocessing, class names and input size):

* the **zoo** (``keras.applications`` and :mod:`engine.families`), built by
  :func:`engine.models.build` with weights resolved by the app;
* the user's **trained bundles** (:mod:`.bundles`), folders this app wrote;
* **model files** (:mod:`.model_file`): a ``.keras`` or a Keras 2 ``.h5`` from anywhere,
  with class names from a ``labels.txt`` beside it and the preprocessing the user chose
  (:mod:`.preprocessing`, remembered per file by :mod:`.remembered`).

A :class:`~engine.models.ModelRequest` names the source by its ``weights`` field
(:data:`BUNDLE`, :data:`FILE`, else the zoo).  Predict, Explain, Inside, Train and the command
line all load through :func:`load` (and :func:`training_base`), so a new source touches this
package only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import numpy as np

from .. import jobs, zoo
from ..errors import StudioError
from ..jobs import CancelToken, ProgressFn
from ..models import LoadedModel, ModelRequest, WeightsPolicy
from ..pathnames import printable

ZOO, BUNDLE, FILE = "zoo", "bundle", "file"  # BUNDLE and FILE are also the requests' ``weights`` markers


class PreprocessingUnknown(StudioError):
    """A model file was opened without a preprocessing choice and none is remembered for it."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"Which preprocessing does '{printable(path)}' expect? Model files do not say: choose "
                         "one (scale to −1…1 for Teachable Machine, 0…1, none, or a zoo family's).")


def kind(request: ModelRequest) -> str:
    if request.weights == BUNDLE:
        return BUNDLE
    if request.weights == FILE:
        return FILE
    return ZOO


def bundle_request(folder: str | os.PathLike) -> ModelRequest:
    return ModelRequest(str(folder), zoo.Variant(), BUNDLE)


def file_request(path: str | os.PathLike, preprocess: Optional[str] = None) -> ModelRequest:
    """A model file, with the preprocessing given, else the one remembered for it (may be None)."""
    from . import preprocessing, remembered

    path = os.path.abspath(path)
    choice = preprocessing.normalise(preprocess) if preprocess else remembered.preprocessing(path)
    if choice is None and _is_bundle_model(path):
        choice = preprocessing.NONE  # our trained models carry their preprocessing inside
    return ModelRequest(path, zoo.Variant(), FILE, preprocess=choice)


def _is_bundle_model(path: str) -> bool:
    from .bundles import MODEL_FILE, is_bundle

    return Path(path).name == MODEL_FILE and is_bundle(Path(path).parent)


def display_name(request: ModelRequest) -> str:
    """A model for people: a zoo name, a trained model's name, or a file's name."""
    if kind(request) == FILE:
        return printable(Path(request.name).name)
    if kind(request) == BUNDLE:
        from .bundle_checks import read_metadata

        try:  # a name from a file: escaped, like file names (it could hold ESC or U+202E)
            return printable(read_metadata(Path(request.name) / "metadata.json").get("name") or Path(request.name).name)
        except StudioError:
            return printable(Path(request.name).name)
    return request.name


def load(request: ModelRequest, policy: WeightsPolicy = WeightsPolicy(), *, progress: Optional[ProgressFn] = None,
         cancel: Optional[CancelToken] = None) -> LoadedModel:
    """Build or open the model a request names (no backend attached: see engine.predict.Predictor)."""
    source = kind(request)
    if source == BUNDLE:
        from .bundles import load_as_loaded_model

        return load_as_loaded_model(request.name)
    if source == FILE:
        return _load_file(request, progress, cancel)
    from ..models import build

    return build(request, policy, progress=progress, cancel=cancel)


def _load_file(request: ModelRequest, progress, cancel) -> LoadedModel:
    from ..models import from_keras
    from . import class_names, model_file, preprocessing

    if not request.preprocess:
        raise PreprocessingUnknown(request.name)
    jobs.report(progress, 0.0, f"Opening {Path(request.name).name}")
    model = model_file.open_model(request.name)
    jobs.check(cancel)
    names, _where = class_names.for_model_file(request.name, int(model.outputs[0].shape[-1]))
    size = model_file.input_size(model)
    spec = zoo.ModelSpec(name=Path(request.name).name, module=request.preprocess, family="Model file",
                         input_size=size)
    loaded = from_keras(model, preprocessing.function(request.preprocess), name=spec.name, class_names=names,
                        spec=spec)
    loaded.request = request
    loaded.weights_path = request.name
    loaded.run(np.zeros((1, size, size, 3), np.uint8))  # trace now, not on the first image
    jobs.report(progress, 1.0, f"{spec.name} ready")
    return loaded


def training_base(request: ModelRequest, policy: WeightsPolicy = WeightsPolicy(),
                  warm: bool = True) -> tuple[LoadedModel, zoo.ModelSpec]:
    """The convolutional base (no classifier) to train a new head on, and its spec.

    A zoo request is built without its top; a model file is cut at its last convolutional
    feature map and keeps its own weights (fine-tuning it further)."""
    if kind(request) == FILE:
        from ..models import from_keras
        from . import model_file, preprocessing

        if not request.preprocess:
            raise PreprocessingUnknown(request.name)
        base = model_file.feature_base(model_file.open_model(request.name))
        spec = zoo.ModelSpec(name=Path(request.name).stem, module=request.preprocess, family="Model file",
                             input_size=model_file.input_size(base))
        loaded = from_keras(base, preprocessing.function(request.preprocess), name=spec.name, spec=spec)
        loaded.request = ModelRequest(request.name, zoo.Variant(include_top=False), FILE,
                                      preprocess=request.preprocess)
        loaded.weights_path = request.name
        return loaded, spec
    if kind(request) == BUNDLE:
        raise StudioError("Training on a trained model's folder is not offered: train on its base model, or open "
                          "its model.keras as a model file.")
    from ..models import build

    return build(request, policy, warm=warm), zoo.get(request.name)
