"""Model families that Keras 3 dropped, written here on Keras 3: RegNet and ResNet-RS.

Each family module has the same shape as a ``keras.applications`` family: one function per
model (their names in ``MODELS``), ``preprocess_input`` and ``decode_predictions``.  The models load Keras' official
ImageNet weight files (the files ``tf_keras.applications`` loads, same names and hashes).

Importing this package imports no TensorFlow: the zoo asks :func:`is_own` before Keras loads.
"""

from __future__ import annotations

import importlib

# Family modules of this package, named like their tf_keras.applications counterparts.
OWN_FAMILIES = ("regnet", "resnet_rs")


def is_own(module: str) -> bool:
    return module in OWN_FAMILIES


def family_module(module: str):
    """The family module named ``module``: ours, else ``keras.applications.<module>``."""
    if is_own(module):
        return importlib.import_module(f"{__name__}.{module}")
    return importlib.import_module(f"keras.applications.{module}")
