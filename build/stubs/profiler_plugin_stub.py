"""Stand-in for TensorFlow's ``_pywrap_profiler_plugin`` extension (90 MB) in the installer.

TensorFlow imports it at start for ``tf.profiler.experimental.client.trace`` / ``monitor``,
which capture profiles from a remote profiler server.  The app never does; a call says so
instead of failing at import.
"""


def _unavailable(*_args, **_kwargs):
    raise NotImplementedError("remote profiling (tf.profiler.experimental.client) is not included in "
                              "the Pretrained Studio installer; use a Python install of TensorFlow")


trace = monitor = _unavailable
