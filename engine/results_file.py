"""Results streamed to a CSV or Parquet file as they arrive, atomically.

Rows go to a temp file beside the target (named by :mod:`engine.fileio`, with this
process's id) that is renamed onto the target only when every row is written: a job
cancelled, interrupted with Ctrl-C or failing half way leaves no half file, and a killed
one leaves a temp that a later run removes.  The columns are the local CSV's
(:data:`engine.export.CSV_HEADER`, names exact or with ``path_b64``); Parquet stores the
probability as a number.
"""

from __future__ import annotations

import contextlib
import csv
import os
from pathlib import Path
from typing import Iterator

from . import fileio
from .errors import StudioError
from .export import CSV_HEADER, csv_row
from .predict import FileResult

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
PARQUET_ROWS_PER_GROUP = 4096


def format_of(path: str | os.PathLike) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise StudioError(f"'{path}': results can be written as .csv or .parquet files; choose one of those names.")
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:
            raise StudioError(f"Writing '{path}' needs pyarrow, which is not installed: pip install pyarrow "
                              "(it comes with pretrained-studio[cluster]), or write a .csv file.") from exc
    return fmt


class _CsvWriter:
    def __init__(self, tmp: Path):
        self._file = open(tmp, "w", newline="", encoding="utf-8")
        self._csv = csv.writer(self._file, lineterminator="\n")
        self._csv.writerow(CSV_HEADER)

    def write(self, result: FileResult) -> None:
        self._csv.writerow(list(csv_row(result)))
        self._file.flush()  # a row on disk as soon as it is known (`tail -f` shows progress)

    def close(self) -> None:
        self._file.close()


class _ParquetWriter:
    def __init__(self, tmp: Path):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._schema = pa.schema([(c, pa.float64() if c == "probability" else pa.string()) for c in CSV_HEADER])
        self._probability = CSV_HEADER.index("probability")
        self._writer = pq.ParquetWriter(str(tmp), self._schema)
        self._pending: list[list] = []

    def write(self, result: FileResult) -> None:
        row = list(csv_row(result))
        p = self._probability
        row[p] = float(row[p]) if row[p] else None
        self._pending.append(row)
        if len(self._pending) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            columns = list(zip(*self._pending))
            self._writer.write_table(self._pa.table(
                {c: list(v) for c, v in zip(CSV_HEADER, columns)}, schema=self._schema))
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


def _write_all_or_nothing(target: str | os.PathLike) -> Iterator:
    """Yield a writer (``.write(result)``); the file appears complete, or not at all."""
    fmt = format_of(target)
    target = Path(target)
    fileio.remove_stale_temps(target.parent)
    with fileio.atomic_path(target, suffix=target.suffix) as tmp:
        writer = _CsvWriter(tmp) if fmt == "csv" else _ParquetWriter(tmp)
        try:
            yield writer
        finally:
            writer.close()


stream_results = contextlib.contextmanager(_write_all_or_nothing)  # a call, not ``@``: mutation testing reaches it
