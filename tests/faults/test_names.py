"""File names that are bytes, not text (Linux), or hold tabs and newlines, through a whole
`predict` run: nothing aborts, every line of the tab-separated output is one result, the
CSV and JSON give every name back exactly, and arguments that name nothing say why."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from engine.cli import main
from engine.pathnames import from_b64, printable, unprintable

from .hostile import hostile_names, jpeg_bytes

pytestmark = pytest.mark.faults
TINY = ["--model", "MobileNet", "--alpha", "0.25", "--input-size", "32", "--weights", "none"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("names")
    for name in hostile_names().values():
        (d / name).write_bytes(jpeg_bytes((40, 30)))
    (d / "broken.jpg").write_bytes(jpeg_bytes((64, 64))[:300])
    return d


def _run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_printable_round_trips_and_is_one_line():
    for name in list(hostile_names().values()) + ["plain.jpg", "ünïcödé.png", "\x07bell"]:
        shown = printable(name)
        shown.encode("utf-8")  # always printable
        assert "\n" not in shown and "\t" not in shown
        assert unprintable(shown) == name


def test_predict_csv_and_json_give_every_name_back(folder, tmp_path, capsys, home):
    files = {str(folder / n) for n in hostile_names().values()}
    out_csv = tmp_path / "out.csv"
    # batch size 2: through the tf.data pipeline (a list that fits one batch takes a shortcut)
    code, _, err = _run(["predict", str(folder), *TINY, "--csv", str(out_csv), "--batch-size", "2"], capsys)
    assert code == 0, err
    assert "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"), newline="")))
    got = {from_b64(r["path_b64"]) if r["path_b64"] else r["file"] for r in rows}
    assert got == files | {str(folder / "broken.jpg")}
    assert all(r["top1"] for r in rows if not r["file"].endswith("broken.jpg"))
    code, out, err = _run(["predict", str(folder), *TINY, "--json"], capsys)
    data = json.loads(out)
    assert {from_b64(d["path_b64"]) if d.get("path_b64") else d["file"] for d in data} == got
    assert "broken.jpg" in err and "truncated" in err


def test_tab_separated_output_is_one_line_per_result(folder, capsys, home):
    code, out, err = _run(["predict", str(folder), *TINY], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == len(hostile_names()) + 1
    paths = {unprintable(line.split("\t")[0]) for line in lines}
    assert paths == {str(folder / n) for n in hostile_names().values()} | {str(folder / "broken.jpg")}
    assert all(len(line.split("\t")) >= 4 or "\tERROR\t" in line for line in lines)


def test_arguments_that_name_nothing_are_printed_with_the_reason(folder, tmp_path, capsys, home):
    empty = tmp_path / "empty"
    empty.mkdir()
    os.symlink(tmp_path / "gone.jpg", tmp_path / "dangling.jpg")
    good = folder / hostile_names()["leading dash"]
    code, out, err = _run(["predict", str(tmp_path / "missing.jpg"), str(tmp_path / "dangling.jpg"), str(empty),
                           str(good), *TINY], capsys)
    assert code == 0, err
    assert "missing.jpg\tERROR\t" in out and "does not exist" in out
    assert "dangling.jpg\tERROR\t" in out and "dangling link" in out
    assert "empty\tERROR\t" in out and "holds no image files" in out
    assert "1 predicted, 3 failed" in err


def test_folder_table_shows_escaped_names_and_opens_the_exact_file(qtbot):
    """Qt cannot hold bytes that are not UTF-8: the table shows them escaped and keeps the
    exact path on the Python side, so a click opens the right file."""
    from engine.predict import FileResult
    from gui.folder.panel import BatchPanel

    name = hostile_names().get("not UTF-8", "tab\tname.jpg")
    panel = BatchPanel()
    qtbot.addWidget(panel)
    panel.start(2, "toy")
    panel.add_result(FileResult("/data/plain.jpg", error="x"))
    panel.add_result(FileResult(f"/data/{name}", error="Cannot read image"))
    shown = printable(f"data/{name}")
    assert panel.model.item(1, 0).text() == shown
    (row,) = [r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == shown]
    with qtbot.waitSignal(panel.row_activated) as got:
        panel._clicked(panel.proxy.index(row, 0))
    assert got.args == [f"/data/{name}"]
