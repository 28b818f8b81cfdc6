"""Result tables as CSV and JSON, shared by the command line and the GUI's export.

File names round-trip: the ``file`` field is the exact name whenever it is valid Unicode
(CSV and JSON quote tabs, newlines and commas); a name that is not (bytes that are not
UTF-8, possible on Linux) gets a readable ``file`` with ``\\xNN`` escapes and its exact bytes
in ``path_b64`` (base64; ``engine.pathnames.from_b64`` turns it back into the path).
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Optional

from . import fileio
from .pathnames import exact_text, path_b64
from .predict import FileResult, Prediction

CSV_HEADER = ["file", "model", "top1", "probability", "top5", "untrained_weights", "error", "path_b64"]


def prediction_dict(pred: Prediction) -> dict:
    return {
        "model": pred.model_key,
        "untrained_weights": pred.untrained,
        "backend": pred.backend,
        "top": [
            {"index": c.index, "wnid": c.wnid, "name": c.name, "probability": round(c.probability, 6)}
            for c in pred.top
        ],
    }


def result_dict(r: FileResult) -> dict:
    out = {"file": exact_text(r.path), "error": r.error}
    if path_b64(r.path):
        out["path_b64"] = path_b64(r.path)
    if r.prediction is not None:
        out.update(prediction_dict(r.prediction))
    return out


def csv_row(r: FileResult, model: Optional[str] = None) -> list:
    """One row; ``model`` names the model for people (default: the prediction's model key)."""
    if r.prediction is None:
        return [exact_text(r.path), model or "", "", "", "", "", exact_text(r.error or ""), path_b64(r.path)]
    top = r.prediction.top
    top5 = "; ".join(f"{c.name} ({c.probability:.4f})" for c in top[:5])
    return [exact_text(r.path), model or r.prediction.model_key, top[0].name, f"{top[0].probability:.6f}", top5,
            "yes" if r.prediction.untrained else "no", "", path_b64(r.path)]


def results_csv(results: Iterable[FileResult], model: Optional[str] = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for r in results:
        w.writerow(csv_row(r, model))
    return buf.getvalue()


def write_csv(path, results: Iterable[FileResult], model: Optional[str] = None) -> None:
    fileio.write_text(path, results_csv(results, model))
