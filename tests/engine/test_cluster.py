"""The parts of cluster prediction that need no Ray: the actor plan, the streamed results
file, the worker's batch functions (with real weights), and the message without Ray."""

from __future__ import annotations

import csv
import io
import os
import sys

import numpy as np
import pytest

from engine import export, results_file
from engine.cluster import plan, worker
from engine.errors import StudioError
from engine.models import ModelRequest, WeightsPolicy
from engine.predict import ClassScore, FileResult, Prediction

from ..conftest import MOBILENET_V2_H5, fixture_image, needs_fixtures
from .httpserver import FileServer

KERAS_FILE = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"


def test_actor_plan_one_per_gpu_else_about_four_cores_each_leaving_some_for_decoding():
    two = plan.plan(2, 0)
    assert two == plan.ActorPlan(1, 1.5, 0.0) and two.threads == 2  # half a core decodes
    assert plan.plan(1, 0).threads == 1
    big = plan.plan(16, 0)  # 2 cores decode, 14 predict
    assert big.actors == 3 and big.cpus_per_actor == pytest.approx(14 / 3) and big.threads == 5
    gpus = plan.plan(64, 4)
    assert gpus == plan.ActorPlan(4, 1.0, 1.0) and gpus.threads is None
    assert plan.plan(16, 0, actors=7) == plan.ActorPlan(7, 2.0, 0.0)
    with pytest.raises(ValueError):
        plan.plan(4, 0, actors=0)


def _results() -> list[FileResult]:
    top = [ClassScore(88, "macaw", 0.9982021, "n01818515"), ClassScore(90, "lorikeet", 0.0013, "n01820546")]
    return [FileResult("a/parrot.jpg", Prediction(top, "MobileNetV2", False)),
            FileResult("a/bad, \"quoted\".png", error="Cannot read image 'a/bad.png': it is empty."),
            FileResult("a/random.png", Prediction(top[::-1], "MobileNetV2", True))]


def test_streamed_csv_is_the_local_csv_and_parquet_has_its_columns(tmp_path):
    out = tmp_path / "out" / "r.csv"
    with results_file.stream_results(out) as w:
        for r in _results():
            w.write(r)
    assert out.read_text(encoding="utf-8") == export.results_csv(_results())
    assert os.listdir(out.parent) == ["r.csv"]
    pq = pytest.importorskip("pyarrow.parquet", reason="pyarrow is not installed (it comes with ray[data])")
    target = tmp_path / "r.parquet"
    with results_file.stream_results(target) as w:
        for r in _results():
            w.write(r)
    table = pq.read_table(target)
    assert table.column_names == export.CSV_HEADER
    rows = list(csv.reader(io.StringIO(export.results_csv(_results()))))[1:]
    assert table.column("file").to_pylist() == [r[0] for r in rows]
    assert table.column("probability").to_pylist() == [0.998202, None, 0.0013]
    assert table.column("error").to_pylist() == [r[export.CSV_HEADER.index("error")] for r in rows]


@pytest.mark.parametrize("name", ["r.csv", "r.parquet"])
def test_a_failed_stream_keeps_the_last_good_file_and_leaves_no_temp(tmp_path, name):
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow", reason="pyarrow is not installed (it comes with ray[data])")
    out = tmp_path / name
    out.write_bytes(b"the last good result")
    with pytest.raises(KeyboardInterrupt):
        with results_file.stream_results(out) as w:
            for r in _results():
                w.write(r)
            raise KeyboardInterrupt
    assert out.read_bytes() == b"the last good result"
    assert os.listdir(tmp_path) == [name]
    with pytest.raises(StudioError, match="csv or .parquet"):
        results_file.format_of(tmp_path / "r.xlsx")


def test_file_names_that_are_not_utf8_are_written_readably(tmp_path):
    odd = os.fsdecode(b"photos/odd_\xff.jpg")
    with results_file.stream_results(tmp_path / "r.csv") as w:
        w.write(FileResult(odd, error=f"Cannot read image '{odd}': it is empty."))
    text = (tmp_path / "r.csv").read_text(encoding="utf-8")
    assert "photos/odd_\\xff.jpg" in text and text.count("\\xff") == 2


def test_without_ray_the_cluster_option_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    from PIL import Image

    from engine.cli import main

    Image.new("RGB", (8, 8)).save(tmp_path / "x.png")
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` sees when Ray is not installed
    monkeypatch.delitem(sys.modules, "engine.cluster.ray_predict", raising=False)
    monkeypatch.delattr("engine.cluster.ray_predict", raising=False)
    code = main(["predict", str(tmp_path / "x.png"), "--model", "MobileNetV2", "--weights", "none",
                 "--cluster", "local", "--out", str(tmp_path / "r.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert 'pip install "pretrained-studio[cluster]"' in err and "needs Ray" in err
    assert not (tmp_path / "r.csv").exists()


@needs_fixtures
def test_worker_downloads_only_when_allowed_and_predicts_like_the_local_pipeline(tmp_path, monkeypatch,
                                                                                 real_mobilenet_v2):
    files = [str(fixture_image(n)) for n in ("parrot.jpg", "cat.png", "hot_dog.jpg")]
    (tmp_path / "bad.jpg").write_bytes(b"")
    files.insert(1, str(tmp_path / "bad.jpg"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    with FileServer() as srv:
        srv.files["/mobilenet_v2/" + KERAS_FILE] = MOBILENET_V2_H5.read_bytes()
        with pytest.raises(worker.WorkerFailed) as no:
            worker.BatchPredictor(ModelRequest("MobileNetV2"), WeightsPolicy(mirror=srv.base), k=3)
        assert srv.requests == []  # not allowed: nothing fetched
        actor = worker.BatchPredictor(ModelRequest("MobileNetV2"), WeightsPolicy(mirror=srv.base, allow_download=True),
                                      k=3, threads=2)
        assert srv.requests == ["/mobilenet_v2/" + KERAS_FILE]
    message = worker.worker_failure(RuntimeError(f"wrapped by Ray: {no.value}\n  traceback..."))
    assert message.startswith("The Ray worker on ") and "could not load MobileNetV2" in message
    assert KERAS_FILE in message and "--worker-downloads" in message and "traceback" not in message

    batch = {"path": np.array([os.fsencode(f) for f in files], dtype=object)}
    rows = actor(worker.decode_batch(batch, 224, "stretch"))
    got = worker.to_results(rows, ModelRequest("MobileNetV2"))
    predictor, request = real_mobilenet_v2
    want = list(predictor.predict_files(request, files, k=3))
    assert [r.path for r in got] == files
    assert got[1].error == want[1].error and "empty" in got[1].error
    assert got[0].prediction.top[0].name == "macaw" and len(got[0].prediction.top) == 3
    for g, w in zip(got, want):
        if w.prediction is not None:
            assert [c.index for c in g.prediction.top] == [c.index for c in w.prediction.top]
            assert [c.wnid for c in g.prediction.top] == [c.wnid for c in w.prediction.top]
            np.testing.assert_allclose([c.probability for c in g.prediction.top],
                                       [c.probability for c in w.prediction.top], atol=1e-5)


def test_cli_out_streams_the_same_table_as_csv(tmp_path, capsys):
    from PIL import Image

    from engine.cli import main

    for i, colour in enumerate([(200, 30, 30), (30, 200, 30), (30, 30, 200)]):
        Image.new("RGB", (50, 40), colour).save(tmp_path / f"{i}.png")
    (tmp_path / "bad.jpg").write_bytes(b"")
    args = ["predict", str(tmp_path), "--model", "MobileNetV2", "--alpha", "0.35", "--input-size", "96",
            "--weights", "none"]
    assert main(args + ["--csv", str(tmp_path / "a.csv")]) == 0
    assert main(args + ["--out", str(tmp_path / "b.csv")]) == 0
    assert (tmp_path / "b.csv").read_text() == (tmp_path / "a.csv").read_text()
    assert "wrote 4 rows" in capsys.readouterr().err
    assert main(args + ["--out", str(tmp_path / "c.xlsx")]) == 1
    assert not (tmp_path / "c.xlsx").exists()


def test_ctrl_c_stops_the_cluster_run_even_when_the_interrupt_is_swallowed():
    """Ray's waits can swallow the KeyboardInterrupt of a Ctrl-C; the token stops the run at
    the next batch all the same, and it still ends as an interrupt (exit 130)."""
    import signal

    from engine.cli.cluster_predict import ctrl_c_token
    from engine.jobs import Cancelled

    before = signal.getsignal(signal.SIGINT)
    batches = []

    def run(token):
        for batch in range(5):
            try:  # a library frame that catches everything, as a wait inside Ray can
                if batch == 1:
                    signal.raise_signal(signal.SIGINT)
            except BaseException:
                pass
            if token.cancelled:
                raise Cancelled()
            batches.append(batch)

    with pytest.raises(KeyboardInterrupt):
        with ctrl_c_token() as token:
            run(token)
    assert batches == [0] and signal.getsignal(signal.SIGINT) is before
    with pytest.raises(Cancelled):  # a cancel that was not a Ctrl-C stays a cancel
        with ctrl_c_token():
            raise Cancelled()
