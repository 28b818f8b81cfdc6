"""Pretrained Studio engine: a plain Python API over Keras Applications.

Nothing here imports Qt, and TensorFlow is imported inside functions only, so that
``import engine`` stays cheap for the GUI's first window and for tests.
"""

__version__ = "0.1.0"
