"""Pretrained Studio engine: a plain Python API over Keras Applications.

Nothing here imports Qt, and TensorFlow is imported inside functions only, so that
``import engine`` stays cheap for the GUI's first window and for tests.  Importing it keeps
third-party libraries from writing outside the app's folders (:mod:`engine.thirdparty`).
"""

__version__ = "0.1.0"

from . import thirdparty as _thirdparty  # noqa: E402

_thirdparty.settle()
