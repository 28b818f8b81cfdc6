"""Attach a backend to a loaded model: convert (or read the cache), check, switch.

Any failure — OpenVINO missing, a model it cannot convert or compile, a check that does
not agree with Keras — leaves the model on Keras with a notice saying why; never an error.
Random-weight models are converted in memory only, and only when OpenVINO is asked for by
name: their weights differ at every build, so a disk entry would never be used again.
"""

from __future__ import annotations

import time
from typing import Optional

import numpy as np

from .. import jobs
from ..jobs import Cancelled, CancelToken, ProgressFn
from .base import AUTO, KERAS, OPENVINO, BackendInfo
from .keras_backend import KerasRunner
from .select import Selection, resolve


def _gpu_in_use() -> bool:
    from .. import device

    return device.configure().kind == "GPU"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first if len(first) <= 200 else first[:197] + "..."


def use_keras(loaded, choice: str = AUTO, device: str = "CPU", notice: str = "") -> BackendInfo:
    loaded.runner = KerasRunner(loaded)
    loaded.backend = BackendInfo(KERAS, device=device, choice=choice, notice=notice)
    return loaded.backend


def attach(loaded, choice: str = AUTO, *, progress: Optional[ProgressFn] = None,
           cancel: Optional[CancelToken] = None) -> BackendInfo:
    """Route ``loaded.run`` through ``choice`` (see :mod:`.select`) and say what runs it.

    A forward-only model file (no Keras graph) chooses its own runner (``loaded.forward``)."""
    if getattr(loaded, "forward", None) is not None:
        return loaded.forward.attach(loaded, choice, progress, cancel)
    selection = resolve(choice, gpu_in_use=_gpu_in_use())
    if selection.name == KERAS:
        return use_keras(loaded, choice, selection.device, selection.notice)
    if choice == AUTO and loaded.untrained:
        return use_keras(loaded, choice, notice="random weights: not worth converting (ask for openvino to "
                                                "convert anyway)")
    t = time.perf_counter()
    try:
        runner, info = _openvino(loaded, selection, progress, cancel)
    except Cancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - any converter or plugin failure: Keras, with the reason
        return use_keras(loaded, choice, notice=f"OpenVINO could not run this model ({_short(exc)}); "
                                                "Keras runs it")
    info.choice = choice
    info.seconds = time.perf_counter() - t
    if not info.check.passed:
        return use_keras(loaded, choice, notice=f"OpenVINO's outputs differ from Keras' ({info.check.reason}); "
                                                "Keras runs the model")
    loaded.runner, loaded.backend = runner, info
    return info


def _openvino(loaded, selection: Selection, progress, cancel):
    from . import check, convert, convert_cache
    from .openvino_backend import OpenVINORunner

    name = loaded.spec.name
    cacheable = not loaded.untrained
    description = f"{name} {loaded.request.variant}"
    jobs.report(progress, 0.0, f"Preparing {name} for OpenVINO")
    key, digest = convert.cache_key_and_digest(loaded)
    found = convert_cache.load(key, digest) if cacheable else None
    jobs.check(cancel)
    runner = result = None
    if found is not None:
        runner = OpenVINORunner(found.model, selection.precision)
        result = None if found.repair else convert_cache.recorded_check(found.meta, selection.precision)
        if result is not None:
            # Whatever the entry's meta says, one fixed image must agree with Keras on every load.
            x = check.quick_input(loaded.input_size)
            why = check.quick(check.keras_reference(loaded, x), runner.run(x), selection.precision)
            if why:
                jobs.report(progress, 0.05, f"The converted {name} on disk disagrees with Keras ({why}); "
                                            "converting again")
                convert_cache.discard(key)
                found = runner = result = None
    if found is None:
        jobs.report(progress, 0.1, f"Converting {name} for OpenVINO (first use only: the result is kept)")
        model = convert.to_openvino(loaded)
        jobs.check(cancel)
        meta = convert_cache.store(key, model, description, digest) if cacheable else {}
        runner = OpenVINORunner(model, selection.precision)
        result = convert_cache.recorded_check(meta, selection.precision)
    if result is None:
        jobs.report(progress, 0.8, f"Checking {name} on OpenVINO against Keras")
        x = check.check_input(loaded.image_size)
        ours = np.concatenate([runner.run(x[i:i + 1]) for i in range(len(x))])
        result = check.compare(KerasRunner(loaded).run(x), ours, selection.precision)
        if found is not None and found.repair:
            if not result.passed:  # the files of a junk entry do not agree: convert afresh
                convert_cache.discard(key)
                return _openvino(loaded, selection, progress, cancel)
            convert_cache.repair(key, digest, description)
        if cacheable:
            convert_cache.record_check(key, result, digest)
    jobs.report(progress, 1.0, f"{name} runs on OpenVINO")
    notice = selection.notice
    if selection.precision == "bf16":
        notice = f"bf16: {result.summary()}"
    return runner, BackendInfo(OPENVINO, selection.precision, "CPU", notice=notice, check=result,
                               converted=found is None)
