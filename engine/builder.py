"""Build a zoo model (``keras.applications`` or :mod:`engine.families`) with weights resolved
by the app, not by Keras.

Keras decides which weight file a model needs (name, URL, hash) inside each application
function, then calls ``keras.utils.get_file`` (our families call it the same way).  We intercept that one call: the request is
answered from the app's resolver (cache, offline folders, verified download) or captured
without building further.  So every variant resolves to the file Keras would use, for any
model a newer Keras adds, without a hand-written table of file names.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Callable, Optional

from .errors import VariantError, WeightsFileError
from .pathnames import printable
from .weights.manifest import WeightsFile, from_manifest
from .weights.resolve import locate, peek
from .weights.status import WeightsStatus
from .weights.structure import StructureError, check_contained, check_fits
from .zoo import ModelSpec, Variant, input_size, validate_variant

Resolver = Callable[[WeightsFile], str]

_HOOK_LOCK = threading.RLock()


class _Captured(Exception):
    def __init__(self, wf: WeightsFile):
        super().__init__(wf.filename)
        self.wf = wf


@contextlib.contextmanager
def _get_file_hook(resolve: Resolver):
    from keras.src.utils import file_utils

    original = file_utils.get_file

    def hooked(fname=None, origin=None, *args, file_hash=None, cache_subdir="datasets", md5_hash=None, **kw):
        if cache_subdir != "models":
            return original(fname, origin, *args, file_hash=file_hash, cache_subdir=cache_subdir, md5_hash=md5_hash, **kw)
        path = resolve(WeightsFile(fname or origin.rsplit("/", 1)[-1], origin, file_hash or md5_hash))
        try:  # verified already; an import recorded by an older version was never walked: walk it
            check_contained(Path(path))
        except StructureError as exc:
            raise WeightsFileError(f"The weights file '{printable(path)}' was refused: {exc}.") from None
        return path

    with _HOOK_LOCK:
        file_utils.get_file = hooked
        try:
            yield
        finally:
            file_utils.get_file = original


def keras_kwargs(spec: ModelSpec, variant: Variant) -> dict:
    validate_variant(spec, variant)
    kw: dict = {"include_top": variant.include_top}
    if variant.alpha is not None:
        kw["alpha"] = float(variant.alpha)
    if variant.minimalistic:
        kw["minimalistic"] = True
    if spec.variants.input_shape_arg:
        # Always explicit: a fixed input shape (what the compiled call expects) and no
        # "input_shape is undefined" warnings from the MobileNet families.
        size = input_size(spec, variant)
        kw["input_shape"] = (size, size, 3)
    return kw


def build(
    spec: ModelSpec,
    variant: Variant,
    weights: Optional[str | Path],
    *,
    resolve: Optional[Resolver] = None,
    classifier_activation: Optional[str] = "softmax",
):
    """Build ``spec`` with ``weights``: ``"imagenet"`` (through ``resolve``), ``None`` or a file."""
    kw = keras_kwargs(spec, variant)
    if variant.include_top:
        kw["classifier_activation"] = classifier_activation
    fn = spec.builder()
    try:
        if weights == "imagenet":
            if resolve is None:
                raise ValueError("weights='imagenet' needs a resolver")
            with _get_file_hook(resolve):
                return fn(weights="imagenet", **kw)
        model = fn(weights=None, **kw)
    except ValueError as exc:
        raise VariantError(f"Keras cannot build {spec.name} ({variant.describe() or 'default'}): {exc}") from exc
    if weights is not None:
        load_checked(model, Path(weights), spec.name)  # what fn(weights=FILE) does, after the file's checks
    return model


def load_checked(model, path: Path, name: str = "") -> None:
    """``model.load_weights(path)`` once the file has kept all its data inside itself and
    declares no array the model could not hold (:func:`engine.weights.structure.check_fits`):
    Keras' loaders read an array whole before comparing its shape, and follow HDF5's
    external storage and links."""
    try:
        check_fits(path, model)
    except StructureError as exc:
        raise WeightsFileError(f"The weights file '{printable(path)}' was refused for {name or 'this model'}: "
                               f"{exc}.") from None
    model.load_weights(str(path))  # the extension picks the loader, exactly as in Keras' applications


def required_weights(spec: ModelSpec, variant: Variant) -> WeightsFile:
    """The ImageNet file Keras would load for this variant (builds the model once, no weights)."""
    def capture(wf: WeightsFile) -> str:
        raise _Captured(wf)

    try:
        build(spec, variant, "imagenet", resolve=capture)
    except _Captured as got:
        return got.wf
    raise VariantError(f"{spec.name} did not ask for an ImageNet weight file.")


def manifest_key(spec: ModelSpec, variant: Variant) -> str:
    return f"{spec.name}|{variant.describe()}"


_captured: dict[str, WeightsFile] = {}


def weights_file_for(spec: ModelSpec, variant: Variant) -> WeightsFile:
    """The weight file for a variant: from the shipped manifest, else captured (and remembered)."""
    key = manifest_key(spec, variant)
    wf = from_manifest(key) or _captured.get(key)
    if wf is None:
        wf = required_weights(spec, variant)
        _captured[key] = wf
    return wf


def weights_status(spec: ModelSpec, offline_dirs=(), variant: Variant = Variant(), *, verify: bool = True,
                   cancel=None):
    """Where the ImageNet file of a variant is, from the manifest alone: builds nothing.

    ``verify=False`` reads no weight file (:func:`engine.weights.peek`): cheap enough for a
    list or the GUI thread; copies not checked yet come back ``pending``.
    """
    wf = from_manifest(manifest_key(spec, variant)) or _captured.get(manifest_key(spec, variant))
    if wf is None:
        return WeightsStatus(None, "unknown")
    if not verify:
        return peek(wf, offline_dirs, model=spec.name)
    return locate(wf, offline_dirs, cancel=cancel, model=spec.name)


def prove_loads(spec: ModelSpec, variant: Variant, path: Path) -> None:
    """Load ``path`` into ``spec``/``variant`` the way Keras will, and prove every kernel was set
    (what an import must pass before the weights package installs the file)."""
    import numpy as np

    model = build(spec, variant, None)
    kernels = [v for v in model.weights if len(v.shape) >= 2]
    before = [np.array(v) for v in kernels]
    check_fits(path, model)  # its StructureError says why in the import's own message
    model.load_weights(str(path))
    unchanged = [v.path for v, b in zip(kernels, before) if np.array_equal(np.array(v), b)]
    if unchanged:
        raise ValueError(f"{len(unchanged)} of {len(kernels)} weight arrays were not loaded "
                         f"(for example '{unchanged[0]}'): the file is for another model or variant")


def derive_notop_file(spec: ModelSpec, full_variant: Variant, notop_variant: Variant, full_path: Path,
                      out: Path) -> None:
    """Write the no-top weights of ``notop_variant`` taken layer by layer from the full file,
    and prove them: loaded back, they must give the full model's features at the same layer."""
    import keras
    import numpy as np

    full = build(spec, full_variant, full_path)
    base = build(spec, notop_variant, None)
    for layer in base.layers:
        if layer.weights:
            layer.set_weights(full.get_layer(layer.name).get_weights())
    base.save_weights(str(out))
    check = build(spec, notop_variant, out)
    size = int(base.input_shape[1])
    x = np.random.RandomState(0).uniform(-1.0, 1.0, (2, size, size, 3)).astype("float32")
    cut = keras.Model(full.inputs, full.get_layer(base.layers[-1].name).output)
    want = np.asarray(cut(x, training=False))
    got = np.asarray(check(x, training=False))
    if want.shape != got.shape or not np.allclose(want, got, rtol=1e-5, atol=1e-5):
        raise WeightsFileError(
            f"The no-top weights derived from '{full_path}' do not reproduce the full model's features; "
            "they were not kept. Download or import the no-top file instead.")
