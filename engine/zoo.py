"""The model zoo: one :class:`ModelSpec` per ``keras.applications`` model, plus the
families Keras 3 dropped that :mod:`engine.families` implements (RegNet, ResNet-RS).

What exists is introspected from ``keras.applications`` and those family modules (a model
a newer Keras adds appears with empty figures); what Keras publishes about each model
(accuracy, size, latency) and the family variants come from ``resources/zoo_figures.json``.

:func:`catalog` reads only the data file and needs no TensorFlow (the GUI fills its picker
from it before TensorFlow has loaded); :func:`discover` introspects Keras and is the truth.
"""

from __future__ import annotations

import functools
import inspect
import json
from dataclasses import dataclass, field, replace
from typing import Optional

from . import families, paths
from .errors import UnknownModelError, VariantError

# Families whose preprocess_input passes pixels through: the model rescales inside.
PREPROCESS_INSIDE = "inside the model (0-255 input)"


@dataclass(frozen=True)
class Figures:
    """Published figures; ``None`` means Keras does not publish it (never zero)."""

    size_mb: Optional[float] = None
    top1: Optional[float] = None
    top5: Optional[float] = None
    params_millions: Optional[float] = None
    depth: Optional[int] = None
    cpu_ms: Optional[float] = None
    gpu_ms: Optional[float] = None


@dataclass(frozen=True)
class VariantOptions:
    """Variants the family offers with ImageNet weights."""

    alphas: tuple[float, ...] = ()
    minimalistic: bool = False
    weight_sizes: tuple[int, ...] = ()
    input_shape_arg: bool = True


@dataclass(frozen=True)
class ModelSpec:
    name: str
    module: str  # family module, e.g. "mobilenet_v2" (keras.applications) or "regnet" (engine.families)
    family: str  # display family, e.g. "MobileNet"
    input_size: int
    figures: Figures = field(default_factory=Figures)
    variants: VariantOptions = field(default_factory=VariantOptions)
    known_to_keras: bool = True
    size_is_guess: bool = False

    def builder(self):
        """The model function, ``keras.applications``' or ours (imports Keras)."""
        if families.is_own(self.module):
            return getattr(self.family_module(), self.name)
        import keras

        return getattr(keras.applications, self.name)

    def family_module(self):
        """Where ``preprocess_input`` and ``decode_predictions`` live."""
        return families.family_module(self.module)


@dataclass(frozen=True)
class Variant:
    """Which concrete model to build; ``None`` fields mean the family default."""

    alpha: Optional[float] = None
    minimalistic: Optional[bool] = None
    include_top: bool = True
    input_size: Optional[int] = None

    def describe(self) -> str:
        parts = []
        if self.alpha is not None:
            parts.append(f"alpha={self.alpha:g}")
        if self.minimalistic:
            parts.append("minimalistic")
        if self.input_size is not None:
            parts.append(f"{self.input_size}px")
        if not self.include_top:
            parts.append("no top")
        return ", ".join(parts)


def model_key(name: str, variant: Variant, weights: str) -> str:
    """A stable key for one (model, variant, weights) triple, used for caches."""
    extra = variant.describe()
    return f"{name}[{extra}]@{weights}" if extra else f"{name}@{weights}"


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads((paths.resources_dir() / "zoo_figures.json").read_text(encoding="utf-8"))


def figures_source() -> tuple[str, str]:
    """(source, measuring protocol) of the published figures."""
    d = _data()
    return d["source"], d["protocol"]


def _spec_from_data(name: str, module: str, known: bool) -> ModelSpec:
    d = _data()
    row = d["models"].get(name, {})
    fam_key = row.get("family", module)
    family = d["families"].get(fam_key, {}).get("label") or module.replace("_", " ").title()
    fig = Figures(**{k: row.get(k) for k in Figures.__dataclass_fields__})
    v = d["variants"].get(name, {})
    variants = VariantOptions(
        alphas=tuple(v.get("alphas", ())),
        minimalistic=bool(v.get("minimalistic", False)),
        weight_sizes=tuple(v.get("weight_sizes", ())),
    )
    return ModelSpec(
        name=name,
        module=module,
        family=family,
        input_size=int(row.get("input_size", 224)),
        figures=fig,
        variants=variants,
        known_to_keras=known,
        size_is_guess="input_size" not in row,
    )


_MODULE_FOR_FAMILY = {
    "inception": "inception_v3",
    "vgg": "vgg16",
    "mobilenet": "mobilenet",
}


def catalog() -> list[ModelSpec]:
    """Models from the data file alone (no TensorFlow import): fast, for first paint."""
    d = _data()
    specs = []
    for name, row in d["models"].items():
        module = _guess_module(name, row.get("family", ""))
        specs.append(_spec_from_data(name, module, known=False))
    return sorted(specs, key=lambda s: (s.family, s.name))


def _guess_module(name: str, family: str) -> str:
    special = {
        "MobileNetV2": "mobilenet_v2",
        "MobileNetV3Small": "mobilenet_v3",
        "MobileNetV3Large": "mobilenet_v3",
        "InceptionResNetV2": "inception_resnet_v2",
        "VGG19": "vgg19",
    }
    return special.get(name) or _MODULE_FOR_FAMILY.get(family, family)


def _model_functions():
    """(name, function, family module name) of every public model function: those of
    ``keras.applications`` (family: the public sub-module named after the defining module)
    and those our own family modules list in ``MODELS``."""
    import importlib

    import keras.applications as apps

    for attr in sorted(dir(apps)):
        yield attr, getattr(apps, attr), getattr(getattr(apps, attr), "__module__", "").rsplit(".", 1)[-1]
    for module in families.OWN_FAMILIES:
        mod = importlib.import_module(f"{families.__name__}.{module}")
        for attr in mod.MODELS:
            yield attr, getattr(mod, attr), module


@functools.lru_cache(maxsize=1)
def discover() -> tuple[ModelSpec, ...]:
    """Every model ``keras.applications`` and :mod:`engine.families` offer, with figures where published.

    A model is a public upper-case function; its family module holds ``preprocess_input``
    and ``decode_predictions``.
    """
    specs = []
    for attr, fn, mod_name in _model_functions():
        if not (attr[:1].isupper() and callable(fn)) or inspect.isclass(fn):
            continue
        try:
            family_mod = families.family_module(mod_name)
        except (ImportError, ValueError):
            continue
        if not hasattr(family_mod, "preprocess_input"):
            continue
        spec = _spec_from_data(attr, mod_name, known=True)
        params = inspect.signature(fn).parameters
        spec = replace(
            spec,
            variants=replace(
                spec.variants,
                alphas=spec.variants.alphas if "alpha" in params else (),
                minimalistic=spec.variants.minimalistic and "minimalistic" in params,
                input_shape_arg="input_shape" in params,
            ),
        )
        specs.append(spec)
    return tuple(sorted(specs, key=lambda s: (s.family, s.name)))


def names() -> list[str]:
    return [s.name for s in discover()]


def get(name: str) -> ModelSpec:
    """Look a model up by name, case-insensitively."""
    specs = discover()
    for s in specs:
        if s.name.lower() == name.lower():
            return s
    raise UnknownModelError(name, [s.name for s in specs])


def validate_variant(spec: ModelSpec, variant: Variant) -> Variant:
    """Reject variants the family does not offer, with a message that lists what it does."""
    opts = spec.variants
    if variant.alpha is not None:
        if not opts.alphas:
            raise VariantError(f"{spec.name} has no width multiplier (alpha).")
        if float(variant.alpha) not in [float(a) for a in opts.alphas]:
            allowed = ", ".join(f"{a:g}" for a in opts.alphas)
            raise VariantError(f"{spec.name} offers alpha {allowed}; {variant.alpha:g} has no ImageNet weights.")
    if variant.minimalistic and not opts.minimalistic:
        raise VariantError(f"{spec.name} has no minimalistic variant.")
    if variant.input_size is not None:
        if not opts.input_shape_arg:
            raise VariantError(f"{spec.name} does not take another input size.")
        if variant.input_size < 32:
            raise VariantError("The input size must be at least 32 pixels.")
    return variant


def input_size(spec: ModelSpec, variant: Variant) -> int:
    return int(variant.input_size or spec.input_size)


def preprocessing_kind(spec: ModelSpec) -> str:
    """Describe what the family's ``preprocess_input`` does, found by running it.

    Behaviour, not names: a family added later is described correctly too.
    """
    import numpy as np

    probe = np.array([[[[0.0, 127.5, 255.0]]]], dtype="float32")
    out = np.asarray(spec.family_module().preprocess_input(probe.copy()))
    if np.allclose(out, probe):
        return PREPROCESS_INSIDE
    if np.allclose(out, probe / 127.5 - 1.0, atol=1e-4):
        return "scale to [-1, 1] ('tf')"
    caffe = probe[..., ::-1] - np.array([103.939, 116.779, 123.68], dtype="float32")
    if np.allclose(out, caffe, atol=1e-2):
        return "BGR, ImageNet mean subtracted ('caffe')"
    return "scale to [0, 1], ImageNet mean/std ('torch')"
