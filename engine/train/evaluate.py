"""Accuracy, per-class precision and recall, the confusion matrix, misclassified images."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Evaluation:
    accuracy: float
    precision: list[float]
    recall: list[float]
    confusion: list[list[int]]  # rows: true class, columns: predicted class
    misclassified: list[tuple[str, int, int, float]] = field(default_factory=list)  # path, true, pred, prob

    def as_dict(self, classes) -> dict:
        return {"accuracy": self.accuracy,
                "per_class": {c: {"precision": p, "recall": r} for c, p, r in zip(classes, self.precision, self.recall)},
                "confusion": self.confusion}


def evaluate(probs: np.ndarray, labels: np.ndarray, paths=None) -> Evaluation:
    n = probs.shape[1]
    pred = probs.argmax(axis=1)
    cm = np.zeros((n, n), int)
    for t, p in zip(labels, pred):
        cm[int(t), int(p)] += 1
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = np.nan_to_num(np.diag(cm) / cm.sum(axis=0)).tolist()
        recall = np.nan_to_num(np.diag(cm) / cm.sum(axis=1)).tolist()
    wrong = [(paths[i] if paths is not None else str(i), int(labels[i]), int(pred[i]), float(probs[i, pred[i]]))
             for i in np.flatnonzero(pred != labels)]
    return Evaluation(float((pred == labels).mean()) if len(labels) else 0.0, precision, recall, cm.tolist(), wrong)
