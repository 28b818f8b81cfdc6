"""Convert a loaded Keras model to OpenVINO, preprocessing included.

The converted graph is the same function as the Keras runner's float call: raw 0-255
pixels -> the family's (or the bundle's) preprocessing -> the model, so any weights
source converts alike (zoo file, user bundle, in-memory model).  OpenVINO's converter
sends usage telemetry when no consent file exists; this app never does (labs are offline
and students are not asked): :mod:`engine.thirdparty` keeps the telemetry package off the
import path, and conversion swaps in OpenVINO's stub as well, for a process that had
imported the package before the engine.

The cache key names what determines the converted graph: model, variant, a hash of the
weights actually in memory (whatever their source), the architecture, the input size,
and the library versions.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import threading

_lock = threading.Lock()
conversions = 0  # conversions done in this process (tests count them)


def weights_digest(model) -> str:
    """sha256 over every weight's shape and bytes, in order: changes whenever a weight does."""
    h = hashlib.sha256()
    for w in model.weights:
        value = w.numpy()
        h.update(f"{value.shape}|{value.dtype}".encode())
        h.update(value.tobytes())
    return h.hexdigest()


def _architecture(model) -> str:
    """The model's configuration with layer names numbered by first appearance: Keras numbers
    unnamed layers per process ("dense_7"), which must not make the same model look new."""
    try:
        config = json.loads(model.to_json())
    except Exception:  # noqa: BLE001 - a model that cannot describe itself is keyed by its class
        return type(model).__name__
    names: dict = {}

    def collect(node):
        if isinstance(node, dict):
            if isinstance(node.get("name"), str):
                names.setdefault(node["name"], f"layer{len(names)}")
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    def canonical(node):
        if isinstance(node, dict):
            return {k: canonical(v) for k, v in node.items()}
        if isinstance(node, list):
            return [canonical(v) for v in node]
        return names.get(node, node) if isinstance(node, str) else node

    collect(config)
    return hashlib.sha256(json.dumps(canonical(config), sort_keys=True).encode()).hexdigest()


def _preprocess_id(fn) -> str:
    """Names a pre- or postprocessing function in a cache key (the converted model embeds it).
    A module-level function is its module and name; a ``functools.partial`` adds its arguments
    and a lambda or local function its code and what it captured: all lambdas share one name,
    and two partials of one function differ only in their arguments."""
    if isinstance(fn, functools.partial):
        bound = repr((fn.args, sorted(fn.keywords.items())))
        return f"partial({_preprocess_id(fn.func)}, {hashlib.sha256(bound.encode()).hexdigest()[:16]})"
    name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', type(fn).__name__)}"
    code = getattr(fn, "__code__", None)
    if code is None or "<" not in name:
        return name
    captured = [_preprocess_id(c.cell_contents) if callable(c.cell_contents) else repr(c.cell_contents)
                for c in fn.__closure__ or ()]
    body = hashlib.sha256(code.co_code + repr((code.co_consts, code.co_names, fn.__defaults__, captured)).encode())
    return f"{name}[{body.hexdigest()[:16]}]"


def cache_key(loaded) -> str:
    return cache_key_and_digest(loaded)[0]


def cache_key_and_digest(loaded) -> tuple[str, str]:
    """(cache key, digest of the weights in memory): a cache entry records both."""
    import keras
    import openvino
    import tensorflow as tf

    digest = weights_digest(loaded.model)
    parts = {
        "format": 1,
        "model": loaded.spec.name,
        "variant": repr(loaded.request.variant),
        "weights": digest,
        "architecture": _architecture(loaded.model),
        "preprocess": _preprocess_id(loaded.preprocess),
        "input_size": loaded.input_size,
        "versions": [openvino.__version__, tf.__version__, keras.__version__],
    }
    if loaded.postprocess_fn is not None:  # only where present: the zoo's keys stay as they were
        parts["postprocess"] = _preprocess_id(loaded.postprocess_fn)
    if loaded.input_hw:
        parts["input_hw"] = list(loaded.input_hw)
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32], digest


def _telemetry_stubbed():
    """Swap OpenVINO's converter telemetry for its own stub while converting."""
    try:
        from openvino.tools.ovc import convert_impl, telemetry_stub, telemetry_utils
    except ImportError:
        yield
        return
    saved = convert_impl.tm, telemetry_utils.tm
    convert_impl.tm = telemetry_utils.tm = telemetry_stub
    try:
        yield
    finally:
        convert_impl.tm, telemetry_utils.tm = saved


_no_telemetry = contextlib.contextmanager(_telemetry_stubbed)  # a call, not ``@``: mutation testing reaches it


def to_openvino(loaded):
    """An ``openvino.Model`` taking float32 raw pixels (N, H, W, 3), N dynamic."""
    model, preprocess, post = loaded.model, loaded.preprocess, loaded.postprocess_fn

    def forward(pixels):
        out = model(preprocess(pixels), training=False)
        return post(out) if post is not None else out

    return function_to_openvino(forward, loaded.input_hw or loaded.input_size)


def function_to_openvino(forward, size):
    """``forward`` (float32 raw pixels (N, H, W, 3) -> a tensor or a list of tensors, traceable by
    ``tf.function``) as an ``openvino.Model``, N dynamic, outputs in order; ``size`` is the side of
    a square input or its (height, width)."""
    global conversions
    import openvino as ov
    import tensorflow as tf

    h, w = (size, size) if isinstance(size, int) else size

    @tf.function(input_signature=[tf.TensorSpec([None, h, w, 3], tf.float32)])
    def traced(pixels):
        return forward(pixels)

    with _lock, _no_telemetry():  # the converter keeps global state: one at a time
        converted = ov.convert_model(traced)
        conversions += 1
    return converted
