"""Open a Keras 3 ``.keras`` archive without trusting it.

Keras' own ``load_model`` reads the archive's ``config.json`` with a plain ``json.loads``
(``'[' * 100000`` crashes it), builds whatever sizes it declares, and hands the
``model.weights.h5`` inside to h5py, which follows external storage and links to other local
files.  So the archive is opened in steps, each refusing with one sentence:

1. the zip's declared sizes (:func:`.bundle_checks.check_archive`: no zip bomb);
2. ``config.json`` parsed within limits, no Python code, sane declared sizes (:mod:`.model_config`);
3. ``model.weights.h5`` extracted into a private temporary folder (never beside the user's
   file) and proved to keep its data inside itself (:mod:`engine.hdf5check`);
4. the model built from the checked config with Keras' safe mode on;
5. every array the weights file declares compared with the model's variables — before a byte
   of weights is read — then the weights loaded from the extracted copy (so the file checked
   is the file read).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from .. import hdf5check
from ..pathnames import printable
from . import bundle_checks, model_config
from .model_config import ModelFileError

CONFIG = "config.json"
WEIGHTS = "model.weights.h5"
_DAMAGED = (OSError, KeyError, ValueError, TypeError, RuntimeError, EOFError, zipfile.BadZipFile)


def read_config(path: Path) -> dict:
    """The archive's checked model description (steps 1 and 2)."""
    bundle_checks.check_archive(path)
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(CONFIG)
            if info.file_size > model_config.MAX_CONFIG_BYTES:
                raise ModelFileError(f"'{printable(path)}' has a model description of {info.file_size >> 20} MB: "
                                     "damaged or hostile, not opened.")
            raw = zf.read(CONFIG)
    except ModelFileError:
        raise
    except _DAMAGED as exc:
        raise ModelFileError(f"The model file '{printable(path)}' is damaged ({type(exc).__name__}: "
                             f"{str(exc)[:200]}).") from None
    config = model_config.parse(raw, path)
    model_config.refuse_code(config, path)
    model_config.check_declared_sizes(config, path)
    return config


def _extract_weights(path: Path, folder: Path) -> Path:
    """``model.weights.h5`` copied out of the archive into ``folder`` (sizes already bounded)."""
    target = folder / WEIGHTS
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if WEIGHTS not in names:
                other = sorted(n for n in names if n.startswith("model.weights"))
                raise ModelFileError(f"The model file '{printable(path)}' holds no {WEIGHTS}"
                                     + (f" (only {printable(other[0])}, a format the app does not read)" if other
                                        else "") + ": it is damaged or not a whole model.")
            if any(n.startswith("assets/") for n in names):
                raise ModelFileError(f"The model file '{printable(path)}' carries assets (vocabularies or other "
                                     "files), which image classifiers do not use: the app does not open it.")
            with zf.open(WEIGHTS) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except ModelFileError:
        raise
    except _DAMAGED as exc:
        raise ModelFileError(f"The model file '{printable(path)}' is damaged: its weights cannot be extracted "
                             f"({type(exc).__name__}: {str(exc)[:200]}).") from None
    try:
        hdf5check.check(target)
    except hdf5check.HDF5Refused as exc:
        raise ModelFileError(f"The model file '{printable(path)}' was not opened. Its {exc}") from None
    except _DAMAGED as exc:
        raise ModelFileError(f"The model file '{printable(path)}' is damaged: its weights are not a readable HDF5 "
                             f"file ({type(exc).__name__}: {str(exc)[:200]}).") from None
    return target


def _build(config: dict, path: Path):
    import keras
    from keras.src.saving.serialization_lib import ObjectSharingScope

    from . import preprocess_layer  # noqa: F401  registers FamilyPreprocess (our own models hold it)

    config = dict(config, compile_config=None)
    try:
        with ObjectSharingScope():
            return keras.saving.deserialize_keras_object(config, safe_mode=True)
    except ModelFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - Keras raises many types for a config it cannot build
        raise ModelFileError(f"Keras cannot build the model in '{printable(path)}' ({type(exc).__name__}: "
                             f"{str(exc)[:300]}).") from None


def _declared_arrays(weights: Path) -> list[tuple[str, tuple]]:
    import h5py

    found: list[tuple[str, tuple]] = []
    with h5py.File(weights, "r") as f:
        def visit(name, obj):
            top = name.split("/", 1)[0]
            if isinstance(obj, h5py.Dataset) and top not in ("optimizer", "metrics", "_compile_metrics"):
                found.append((name, tuple(int(n) for n in obj.shape)))
        f.visititems(visit)
    return found


def check_shapes(model, weights: Path, path: Path) -> None:
    """Every array the weights file declares must be the shape of one of the model's variables
    (a resized or foreign tensor is refused here, before any array is read)."""
    shapes = {tuple(int(n) for n in v.shape) for v in model.weights}
    try:
        declared = _declared_arrays(weights)
    except _DAMAGED as exc:
        raise ModelFileError(f"The model file '{printable(path)}' is damaged: its weights cannot be listed "
                             f"({type(exc).__name__}).") from None
    for name, shape in declared:
        if shape not in shapes:
            raise ModelFileError(f"The model file '{printable(path)}' is damaged or altered: its weight "
                                 f"'{printable(name)}' has shape {shape}, which no variable of the model has. "
                                 "Nothing was loaded.")


def load(path: Path):
    """The Keras model in a ``.keras`` archive (see the module docstring)."""
    path = Path(path)
    config = read_config(path)
    with tempfile.TemporaryDirectory(prefix="ps-keras-") as tmp:
        weights = _extract_weights(path, Path(tmp))
        model = _build(config, path)
        check_shapes(model, weights, path)
        try:
            model.load_weights(weights)
        except Exception as exc:  # noqa: BLE001 - Keras raises many types for weights that do not fit
            raise ModelFileError(f"The weights in '{printable(path)}' do not fit its model ({type(exc).__name__}: "
                                 f"{str(exc)[:300]}).") from None
    return model
