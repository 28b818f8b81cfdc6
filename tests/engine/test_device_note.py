"""The device note tells a user with a GPU why the app still runs on the CPU."""

from __future__ import annotations

from types import SimpleNamespace

import tensorflow as tf

from engine import device


def fake_tf(gpu_support: bool):
    return SimpleNamespace(test=SimpleNamespace(is_built_with_gpu_support=lambda: gpu_support))


def test_a_cpu_only_tensorflow_is_named_as_the_reason():
    assert "built without GPU support" in device._no_gpu_note(fake_tf(False))
    assert device._no_gpu_note(fake_tf(True)) == "No GPU visible to TensorFlow; using the CPU."


def test_the_configured_note_matches_this_tensorflow():
    info = device.configure()
    if info.kind == "CPU" and not info.note.startswith(("GPU detection failed", "The GPU failed")):
        assert ("built without GPU support" in info.note) is (not tf.test.is_built_with_gpu_support())
