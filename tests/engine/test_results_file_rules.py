"""engine.results_file: the exact bytes of a streamed CSV on any machine, Parquet's row groups
and column types, and the message where pyarrow is missing.

A results file is read by other tools: a CSV must be UTF-8 with one ``\\n`` per row whatever
the machine's default encoding and newline are, and a Parquet file must keep its declared
column types even when a column holds no value at all (every image failed).
"""

from __future__ import annotations

import builtins
import sys

import pytest

from engine import export, results_file
from engine.errors import StudioError
from engine.predict import ClassScore, FileResult, Prediction


def _predicted(name: str, p: float) -> FileResult:
    top = [ClassScore(88, "macaw", p, "n01818515"), ClassScore(90, "lorikeet", 1 - p, "n01820546")]
    return FileResult(name, Prediction(top, "MobileNetV2", False))


def _failed(name: str) -> FileResult:
    return FileResult(name, error=f"Cannot read image '{name}': it is empty.")


def test_a_streamed_csv_is_utf8_with_bare_newlines_even_where_the_defaults_differ(tmp_path, monkeypatch):
    """On a machine whose defaults are cp1252 and ``\\r\\n`` (Windows) the bytes are the same."""
    def windows_open(file, mode="r", *args, newline=None, encoding=None, **kwargs):
        return builtins.open(file, mode, *args, newline="\r\n" if newline is None else newline,
                             encoding=encoding or "cp1252", **kwargs)

    monkeypatch.setattr(results_file, "open", windows_open, raising=False)
    results = [_predicted("café/ảnh 1.jpg", 0.75), _failed("b\r\nc.png"), _predicted("z.jpg", 0.5)]
    out = tmp_path / "r.csv"
    with results_file.stream_results(out) as w:
        for r in results:
            w.write(r)
    assert out.read_bytes() == export.results_csv(results).encode("utf-8")
    assert out.read_bytes().count(b"\r\n") == 2  # only in the quoted file name (its column and the error)


def test_a_csv_name_is_accepted_without_pyarrow_and_a_parquet_one_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import fails as if not installed
    assert results_file.format_of(tmp_path / "r.CSV") == "csv"
    with results_file.stream_results(tmp_path / "r.csv") as w:
        w.write(_failed("a.png"))
    assert (tmp_path / "r.csv").exists()
    for name in ("r.parquet", "r.PQ"):
        with pytest.raises(StudioError) as err:
            results_file.format_of(tmp_path / name)
        assert str(err.value) == (f"Writing '{tmp_path / name}' needs pyarrow, which is not installed: pip install "
                                  "pyarrow (it comes with pretrained-studio[cluster]), or write a .csv file.")
        assert isinstance(err.value.__cause__, ImportError)
    assert not (tmp_path / "r.parquet").exists()


def test_parquet_rows_go_in_groups_of_the_set_size_and_every_row_is_kept(tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (it comes with ray[data])")
    monkeypatch.setattr(results_file, "PARQUET_ROWS_PER_GROUP", 2)
    results = [_predicted(f"{i}.jpg", i / 10) for i in range(1, 6)]
    target = tmp_path / "r.parquet"
    with results_file.stream_results(target) as w:
        for r in results:
            w.write(r)
    meta = pq.ParquetFile(target).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [2, 2, 1]
    table = pq.read_table(target)
    assert table.column("file").to_pylist() == [f"{i}.jpg" for i in range(1, 6)]
    assert table.column("probability").to_pylist() == [0.1, 0.2, 0.3, 0.4, 0.5]


def test_a_parquet_column_without_any_value_keeps_its_type(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (it comes with ray[data])")
    import pyarrow as pa

    target = tmp_path / "r.parquet"
    with results_file.stream_results(target) as w:
        for name in ("a.png", "b.png"):
            w.write(_failed(name))  # no probability in any row
    table = pq.read_table(target)
    assert table.schema.field("probability").type == pa.float64()
    assert table.schema.field("top1").type == pa.string()
    assert table.column("probability").to_pylist() == [None, None]
    assert table.column("error").to_pylist() == ["Cannot read image 'a.png': it is empty.",
                                                 "Cannot read image 'b.png': it is empty."]


def test_the_unfinished_file_carries_the_targets_extension(tmp_path):
    """While a results file streams, the only new file beside the target is its temp, named
    ``….part.csv`` (tools that pick a reader by extension still open it); then the target alone."""
    out = tmp_path / "scores.csv"
    with results_file.stream_results(out) as w:
        w.write(_predicted("a.jpg", 0.75))
        temps = [p.name for p in tmp_path.iterdir()]
        assert len(temps) == 1 and temps[0].endswith(".part.csv"), temps
    assert [p.name for p in tmp_path.iterdir()] == ["scores.csv"]
