"""Training on every GPU of one machine: ``tf.distribute.MirroredStrategy`` around model
building, compiling and fitting.

Only the modes that run the base on every batch (``augment``, ``finetune``) use it: each
replica takes a slice of the batch and the gradients are summed across devices.  Feature
extraction runs the base once per image into the cache, as on one device.  With one device
the strategy is not used at all, so that path stays exactly what it was.

Multi-machine training (``MultiWorkerMirroredStrategy``) is not offered: with Keras 3 on
TensorFlow it is broken upstream (keras-team/keras#20585); Keras' JAX backend
(``keras.distribution``) is the way to several machines.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Iterator, Optional

from .. import jobs
from ..messages import msg

DEVICE_CHOICES = ("one", "all")


def training_devices() -> list[str]:
    """The devices one machine can train on together: its GPUs, else its (logical) CPUs.

    A machine has one CPU device unless it was split into logical devices (the tests do, to
    run the strategy without GPUs)."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    return [d.name for d in (gpus or tf.config.list_logical_devices("CPU"))]


def strategy_for(devices: str, mode: str):
    """A MirroredStrategy over every device, or None (one device, or a mode that does not need it)."""
    if devices not in DEVICE_CHOICES:
        raise ValueError(f"devices must be one of {DEVICE_CHOICES}, not {devices!r}")
    if devices == "one" or mode == "extract":
        return None
    names = training_devices()
    if len(names) < 2:
        return None
    import tensorflow as tf

    return tf.distribute.MirroredStrategy(devices=names)


@contextlib.contextmanager
def scope(devices: str, mode: str, progress: Optional[jobs.ProgressFn] = None) -> Iterator[Optional[object]]:
    """Enter the strategy's scope when there is one: variables made inside are mirrored."""
    strategy = strategy_for(devices, mode)
    if strategy is None:
        if devices == "all":
            jobs.report(progress, 0.0, msg("train.one_device_extract", "Feature extraction trains on one device (its "
                                           "epochs run on cached features)")
                        if mode == "extract" else msg("train.one_device", "One device visible: training without "
                                                      "MirroredStrategy"))
        yield None
        return
    jobs.report(progress, 0.0, msg("train.devices", "Training on {count} devices (MirroredStrategy)",
                                   count=strategy.num_replicas_in_sync))
    with strategy.scope():
        yield strategy


def under_strategy(train):
    """Run ``train(report, settings, ...)`` inside :func:`scope` for ``settings.devices``."""

    @functools.wraps(train)
    def wrapper(report, settings, *args, **kwargs):
        with scope(settings.devices, settings.mode, kwargs.get("progress")):
            return train(report, settings, *args, **kwargs)

    return wrapper
