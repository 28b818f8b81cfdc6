"""Result tables as CSV and JSON, shared by the command line and the GUI's export."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Optional

from . import fileio
from .predict import FileResult, Prediction

CSV_HEADER = ["file", "model", "top1", "probability", "top5", "untrained_weights", "error"]


def prediction_dict(pred: Prediction) -> dict:
    return {
        "model": pred.model_key,
        "untrained_weights": pred.untrained,
        "top": [
            {"index": c.index, "wnid": c.wnid, "name": c.name, "probability": round(c.probability, 6)}
            for c in pred.top
        ],
    }


def result_dict(r: FileResult) -> dict:
    out = {"file": r.path, "error": r.error}
    if r.prediction is not None:
        out.update(prediction_dict(r.prediction))
    return out


def csv_row(r: FileResult, model: Optional[str] = None) -> list:
    """One row; ``model`` names the model for people (default: the prediction's model key)."""
    if r.prediction is None:
        return [r.path, model or "", "", "", "", "", r.error or ""]
    top = r.prediction.top
    top5 = "; ".join(f"{c.name} ({c.probability:.4f})" for c in top[:5])
    return [r.path, model or r.prediction.model_key, top[0].name, f"{top[0].probability:.6f}", top5,
            "yes" if r.prediction.untrained else "no", ""]


def results_csv(results: Iterable[FileResult], model: Optional[str] = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in results:
        w.writerow(csv_row(r, model))
    return buf.getvalue()


def write_csv(path, results: Iterable[FileResult], model: Optional[str] = None) -> None:
    fileio.write_text(path, results_csv(results, model))
