"""The frozen half of a split model on OpenVINO (split execution).

Training a head on a frozen base, the frozen layers below fine-tuning's unfrozen top, and
the layers below a heatmap's explained layer only ever run forward: no gradient goes
through them.  :func:`attach_prefix` converts such a prefix (cut by :mod:`.cut`,
preprocessing included: raw 0-255 pixels in, every tensor crossing the cut out), keeps the
conversion on disk like a whole model's (keyed by the prefix's weights, its graph, the
input size and the library versions), checks its outputs against Keras' on the check
images before use, and hands back a runner; the caller runs the rest of the model in
Keras with gradients.  Any failure leaves the caller on Keras with the reason, never an
error.  f32 is the default; bf16 only when asked for by name, its measured agreement
shown.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .. import jobs
from ..jobs import Cancelled, CancelToken, ProgressFn
from .attach import _gpu_in_use, _short
from .base import AUTO, KERAS, OPENVINO, BackendInfo, CheckResult
from .select import resolve


@dataclass
class PrefixPlan:
    """What to convert: ``forward`` maps float32 raw pixels (N, size, size, 3) to the list of
    tensors crossing the cut; ``model`` is the prefix (its weights and graph key the cache)."""

    name: str  # for messages and the cache entry, e.g. "MobileNetV2 up to block_10_depthwise_relu"
    model: object
    forward: Callable
    size: int
    preprocess_id: str = ""
    cacheable: bool = True  # False (random weights): converted in memory, never kept on disk


def keras_call(plan: PrefixPlan):
    """The prefix on Keras, compiled: float32 raw pixels -> list of numpy arrays."""
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([None, plan.size, plan.size, 3], tf.float32)])
    def call(pixels):
        return list(plan.forward(pixels))

    return lambda pixels: [t.numpy() for t in call(np.asarray(pixels, np.float32))]


def cache_key(plan: PrefixPlan) -> str:
    import keras
    import openvino
    import tensorflow as tf

    from .convert import _architecture, weights_digest

    parts = {"format": 1, "kind": "prefix", "name": plan.name, "weights": weights_digest(plan.model),
             "architecture": _architecture(plan.model), "preprocess": plan.preprocess_id, "input_size": plan.size,
             "versions": [openvino.__version__, tf.__version__, keras.__version__]}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def combined_check(refs: list, outs: list, precision: str) -> CheckResult:
    """One verdict over every crossing tensor: the worst of them."""
    from .check import compare

    if len(refs) != len(outs) or not refs:
        return CheckResult("features", precision, len(refs[0]) if refs else 0, float("inf"), float("inf"),
                           passed=False, reason=f"{len(outs)} outputs instead of {len(refs)}")
    results = [compare(r, o, precision) for r, o in zip(refs, outs)]
    worst = max(results, key=lambda r: (not r.passed, r.relative_error))
    return CheckResult("features", precision, worst.images, max(r.max_abs_diff for r in results),
                       max(r.relative_error for r in results), passed=all(r.passed for r in results),
                       reason=worst.reason)


def stays_on_keras(choice: str, untrained: bool = False, gpu_in_use: Optional[bool] = None) -> Optional[BackendInfo]:
    """What runs the model when ``choice`` means Keras here (no conversion is tried), else None:
    Keras asked for, a GPU in use under ``auto``, OpenVINO missing, or random weights under ``auto``."""
    gpu = _gpu_in_use() if gpu_in_use is None else gpu_in_use
    selection = resolve(choice, gpu_in_use=gpu)
    if selection.name == KERAS:
        return BackendInfo(KERAS, device=selection.device, choice=choice, notice=selection.notice)
    if choice == AUTO and untrained:
        return BackendInfo(KERAS, choice=choice, notice="random weights: not worth converting (ask for openvino "
                                                        "to convert anyway)")
    return None


def attach_prefix(plan: PrefixPlan, choice: str = AUTO, *, gpu_in_use: Optional[bool] = None,
                  progress: Optional[ProgressFn] = None,
                  cancel: Optional[CancelToken] = None) -> tuple[Optional[object], BackendInfo]:
    """(an OpenVINO runner giving every crossing tensor, what runs the prefix) or (None, Keras
    with the reason): ``choice`` as for :func:`engine.backends.attach`."""
    plain = stays_on_keras(choice, not plan.cacheable, gpu_in_use)
    if plain is not None:
        return None, plain
    selection = resolve(choice, gpu_in_use=_gpu_in_use() if gpu_in_use is None else gpu_in_use)
    t = time.perf_counter()
    try:
        runner, info = _convert_and_check(plan, selection, progress, cancel)
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - any converter or plugin failure: Keras, with the reason
        return None, BackendInfo(KERAS, choice=choice, notice=f"OpenVINO could not run {plan.name} "
                                                               f"({_short(exc)}); Keras runs it")
    info.choice, info.seconds = choice, time.perf_counter() - t
    if not info.check.passed:
        return None, BackendInfo(KERAS, choice=choice, notice=f"OpenVINO's outputs for {plan.name} differ from "
                                                               f"Keras' ({info.check.reason}); Keras runs it")
    return runner, info


def _convert_and_check(plan: PrefixPlan, selection, progress, cancel):
    from . import check, convert, convert_cache
    from .openvino_backend import OpenVINORunner

    jobs.report(progress, 0.0, f"Preparing {plan.name} for OpenVINO")
    key = cache_key(plan)
    found = convert_cache.load(key) if plan.cacheable else None
    jobs.check(cancel)
    runner = result = None
    if found is not None:
        runner = OpenVINORunner(found.model, selection.precision, all_outputs=True)
        result = None if found.repair else convert_cache.recorded_check(found.meta, selection.precision)
        if result is not None:
            # Whatever the entry's meta says, one fixed image must agree with Keras on every load.
            x = check.quick_input(plan.size).astype(np.float32)
            refs = [np.asarray(t) for t in plan.forward(x)]  # eagerly: no graph traced for one image
            why = next(filter(None, (check.quick(r, o, selection.precision) for r, o in zip(refs, runner.run(x)))), "")
            if why:
                jobs.report(progress, 0.05, f"The converted {plan.name} on disk disagrees with Keras ({why}); "
                                            "converting again")
                convert_cache.discard(key)
                found = runner = result = None
    if found is None:
        jobs.report(progress, 0.1, f"Converting {plan.name} for OpenVINO (first use only: the result is kept)")
        model = convert.function_to_openvino(lambda px: list(plan.forward(px)), plan.size)
        jobs.check(cancel)
        meta = convert_cache.store(key, model, plan.name) if plan.cacheable else {}
        runner = OpenVINORunner(model, selection.precision, all_outputs=True)
        result = convert_cache.recorded_check(meta, selection.precision)
    if result is None:
        jobs.report(progress, 0.8, f"Checking {plan.name} on OpenVINO against Keras")
        x = check.check_input(plan.size).astype(np.float32)
        refs = keras_call(plan)(x)
        outs = [np.concatenate(parts) for parts in zip(*(runner.run(x[i:i + 1]) for i in range(len(x))))]
        result = combined_check(refs, outs, selection.precision)
        if found is not None and found.repair:
            if not result.passed:  # the files of a junk entry do not agree: convert afresh
                convert_cache.discard(key)
                return _convert_and_check(plan, selection, progress, cancel)
            convert_cache.repair(key, "", plan.name)
        if plan.cacheable:
            convert_cache.record_check(key, result)
    notice = f"bf16: {result.summary()}" if selection.precision == "bf16" else selection.notice
    return runner, BackendInfo(OPENVINO, selection.precision, "CPU", notice=notice, check=result,
                               converted=found is None)
