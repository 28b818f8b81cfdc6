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
    """A model file, with the preprocessing given, else the one the file itself states (a model
    this app wrote), else the one remembered for it (may be None: ask, or guess with a note)."""
    from . import preprocessing, remembered

    path = os.path.abspath(path)
    choice = preprocessing.normalise(preprocess) if preprocess else None
    if choice is None and _is_bundle_model(path):
        choice = preprocessing.NONE  # our trained models carry their preprocessing inside
    if choice is None:
        choice = remembered.preprocessing(path)
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
    """Open a model file; whether it opened is remembered (a file that failed is not listed again)."""
    from . import remembered

    if not request.preprocess:
        raise PreprocessingUnknown(request.name)
    try:
        loaded = _open_file(request, progress, cancel)
    except StudioError:
        remembered.mark_opened(request.name, False)
        raise
    remembered.mark_opened(request.name, True)
    return loaded


def _open_file(request: ModelRequest, progress, cancel) -> LoadedModel:
    from . import model_file

    if model_file.forward_only(model_file.check_path(request.name)):
        from . import forward_loaded

        return forward_loaded.load(request, progress, cancel)
    jobs.report(progress, 0.0, f"Opening {Path(request.name).name}")
    model = model_file.open_model(request.name)
    jobs.check(cancel)
    loaded = keras_file_model(model, request)
    jobs.report(progress, 1.0, f"{loaded.spec.name} ready")
    return loaded


def keras_file_model(model, request: ModelRequest) -> LoadedModel:
    """A Keras model from a file as a LoadedModel: grey or non-square inputs, outputs made
    probabilities (logits, a sigmoid), class names escaped, NaN outputs refused."""
    from ..backends.check import check_input
    from ..models import from_keras
    from . import class_names, model_file, outputs, preprocessing
    from .model_config import ModelFileError

    hw = model_file.input_hw(model)
    pre = preprocessing.for_model(request.preprocess, model_file.channels(model))
    declared = outputs.of_keras(model)
    spec = zoo.ModelSpec(name=Path(request.name).name, module=request.preprocess, family="Model file",
                         input_size=hw[0])
    loaded = from_keras(model, pre, name=spec.name, spec=spec, postprocess=declared.postprocess, input_hw=hw)
    x = check_input((hw[1], hw[0]))
    raw = np.concatenate([loaded.run(x[i:i + 1]) for i in range(len(x))])  # traces the one-image call now
    if not np.all(np.isfinite(raw)):
        raise ModelFileError(f"'{printable(request.name)}' gives NaN or infinite scores on the check images: its "
                             "weights are damaged. Not opened.")
    judged = outputs.of_values(raw, declared)
    if judged.kind != declared.kind:  # a last activation that does not say (e.g. ReLU): its values do
        loaded = from_keras(model, pre, name=spec.name, spec=spec, postprocess=judged.postprocess, input_hw=hw)
    names, _where = class_names.for_model_file(request.name, judged.classes)
    loaded.class_names = [printable(n) for n in names]  # text from a file: shown escaped, as file names are
    loaded.outputs = judged.classes
    loaded.output_note = judged.note
    loaded.resize = preprocessing.resize_of(request.preprocess)
    loaded.request = request
    loaded.weights_path = request.name
    return loaded


def training_base(request: ModelRequest, policy: WeightsPolicy = WeightsPolicy(),
                  warm: bool = True) -> tuple[LoadedModel, zoo.ModelSpec]:
    """The convolutional base (no classifier) to train a new head on, and its spec.

    A zoo request is built without its top; a model file is cut at its last convolutional
    feature map and keeps its own weights (fine-tuning it further)."""
    if kind(request) == FILE:
        from ..models import from_keras
        from . import forward_only, model_file, preprocessing

        if not request.preprocess:
            raise PreprocessingUnknown(request.name)
        if model_file.forward_only(model_file.check_path(request.name)):
            raise forward_only.NeedsKerasModel(forward_only.needs_keras_message(request.name, "training"))
        model = model_file.open_model(request.name)
        if model_file.channels(model) != 3:
            raise StudioError(f"'{printable(request.name)}' takes grey images: training on it is not offered "
                              "(the app trains on colour images).")
        base = model_file.feature_base(model)
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
