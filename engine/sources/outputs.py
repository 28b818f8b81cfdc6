"""What a model file's outputs are, and how they become probabilities.

The app shows probabilities.  A model file need not end in a softmax: tutorials often leave
the last Dense linear (``from_logits=True`` training), a two-class model may have one
sigmoid unit (or one logit), a multi-label model independent sigmoids.  Showing such scores as
probabilities prints "−5000.0 %".  :func:`of_keras` reads the last layer's activation (inside
nested models too); :func:`of_values` judges a forward-only model by its outputs on the check
images.  Either gives an :class:`Outputs`: the function that makes probabilities (named, so
caches keyed on it tell the kinds apart), the class count after it, and a note for the card
("scores are logits; shown as softmax").  Every function works on TensorFlow tensors (inside
the compiled call and the OpenVINO conversion) and on numpy arrays (forward-only runners).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

PROBABILITIES, LOGITS, SIGMOID, LOGIT, MULTI_LABEL = "probabilities", "logits", "sigmoid", "logit", "multi-label"


def _is_numpy(x) -> bool:
    return isinstance(x, np.ndarray)


def softmax_of_logits(x):
    if _is_numpy(x):
        z = x.astype(np.float64) - np.max(x, axis=-1, keepdims=True)
        e = np.exp(z)
        return (e / np.sum(e, axis=-1, keepdims=True)).astype(np.float32)
    import tensorflow as tf

    return tf.nn.softmax(x, axis=-1)


def two_classes_of_sigmoid(x):
    """One sigmoid unit p (the probability of class 1, as Keras' binary training has it) -> [1 − p, p]."""
    if _is_numpy(x):
        return np.concatenate([1.0 - x, x], axis=-1).astype(np.float32)
    import tensorflow as tf

    return tf.concat([1.0 - x, x], axis=-1)


def two_classes_of_logit(x):
    """One logit z -> [1 − σ(z), σ(z)]."""
    if _is_numpy(x):
        p = 1.0 / (1.0 + np.exp(-x.astype(np.float64)))
        return np.concatenate([1.0 - p, p], axis=-1).astype(np.float32)
    import tensorflow as tf

    p = tf.sigmoid(x)
    return tf.concat([1.0 - p, p], axis=-1)


@dataclass(frozen=True)
class Outputs:
    kind: str
    width: int  # the model's own output width
    note: str = ""

    @property
    def classes(self) -> int:
        return 2 if self.kind in (SIGMOID, LOGIT) else self.width

    @property
    def postprocess(self) -> Optional[Callable]:
        return {LOGITS: softmax_of_logits, SIGMOID: two_classes_of_sigmoid,
                LOGIT: two_classes_of_logit}.get(self.kind)


NOTES = {
    LOGITS: "scores are logits; shown as softmax",
    SIGMOID: "one sigmoid output: a two-class model (p for the second class, 1 − p for the first)",
    LOGIT: "one logit output: a two-class model; shown as sigmoid (1 − p, p)",
    MULTI_LABEL: "independent sigmoid scores (multi-label): they need not add up to 100 %",
}


def make(kind: str, width: int) -> Outputs:
    if kind in (SIGMOID, LOGIT) and width != 1:
        kind = MULTI_LABEL if kind == SIGMOID else LOGITS
    return Outputs(kind, width, NOTES.get(kind, ""))


def _last_layer(model):
    layer = model
    while hasattr(layer, "layers") and layer.__class__.__name__ in ("Functional", "Sequential", "Model") \
            and layer.layers:
        layer = layer.layers[-1]
    return layer


def activation_name(layer) -> str:
    cls = layer.__class__.__name__
    if cls == "Softmax":
        return "softmax"
    act = getattr(layer, "activation", None)
    if act is None:
        return "linear" if cls in ("Dense", "Conv2D") else ""
    return getattr(act, "__name__", str(act)).lower()


def of_keras(model) -> Outputs:
    """The outputs of a Keras classifier, from its last layer's activation."""
    width = int(model.outputs[0].shape[-1])
    act = activation_name(_last_layer(model))
    if act == "softmax":
        return make(PROBABILITIES, width)
    if act == "sigmoid":
        return make(SIGMOID, width)
    if act in ("linear", ""):
        return make(LOGIT if width == 1 else LOGITS, width) if act == "linear" else make(PROBABILITIES, width)
    return make(PROBABILITIES, width)  # another activation: judged by its values once built (of_values)


def of_values(values: np.ndarray, declared: Optional[Outputs] = None, step: float = 0.0) -> Outputs:
    """The outputs judged from the values a model gave (its check images): probabilities sum to 1
    and lie in [0, 1]; one column in [0, 1] is a sigmoid; anything else is logits.  ``declared``
    (from the layers) is kept where the values agree with it.  ``step``: the outputs' quantisation
    step (an integer TFLite output); each value is rounded to it, so the sum of a softmax may be
    off by up to one step a class (a real quantised Teachable Machine export: 0.996)."""
    values = np.asarray(values, np.float64)
    width = int(values.shape[-1])
    in_unit = bool(np.all((values >= -1e-6) & (values <= 1 + 1e-6)))
    sums_one = bool(np.allclose(values.sum(axis=-1), 1.0, atol=max(1e-3, width * step)))
    if declared is not None and declared.kind != PROBABILITIES:
        return declared
    if in_unit and sums_one and width > 1:
        return make(PROBABILITIES, width)
    if width == 1:
        return make(SIGMOID if in_unit else LOGIT, width)
    if in_unit:
        return make(MULTI_LABEL, width)
    return make(LOGITS, width)
