"""Folder prediction on a real local Ray instance (2 CPUs, one Ray session for the module):
the same top-k as the local pipeline on real photos, hostile files as error rows, a clear
error from a worker without the weights file, and no half file after Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

ray = pytest.importorskip("ray", reason='Ray is not installed: pip install -e ".[cluster]" to run the cluster tests')

from engine import export, results_file  # noqa: E402
from engine.cli.predict_cmd import expand  # noqa: E402
from engine.cluster import ClusterError, ray_predict  # noqa: E402
from engine.models import ModelRequest  # noqa: E402

from ..conftest import ROOT, needs_fixtures  # noqa: E402
from .photo_folder import HOSTILE, make_folder  # noqa: E402

pytestmark = needs_fixtures
IMAGES = 200


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    # The workers inherit this process's environment: an empty Keras cache of their own.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KERAS_HOME", str(tmp_path_factory.mktemp("worker-keras")))
        with ray_predict.connect("local", num_cpus=2, object_store_bytes=512 << 20) as s:
            yield s


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_folder(tmp_path_factory.mktemp("photos"), IMAGES)


def test_cluster_gives_the_local_top_k_and_error_rows(session, folder, real_mobilenet_v2, tmp_path):
    files, bad = expand([str(folder)])
    assert len(files) == IMAGES + HOSTILE and not bad
    predictor, request = real_mobilenet_v2
    t = time.perf_counter()
    local = list(predictor.predict_files(request, files, k=5))
    t_local = time.perf_counter() - t
    # Two actors, as on a real cluster: batches finish out of order and must come back in order.
    remote = list(ray_predict.predict_files(session, request, files, k=5, actors=2))
    print(f"\n{len(files)} files: local {t_local:.1f} s, cluster {time.perf_counter() - t - t_local:.1f} s "
          "(with the actors' start)")
    assert [r.path for r in remote] == files
    errors = [os.path.basename(r.path) for r in remote if r.error]
    assert len(errors) == HOSTILE and all(n.startswith("h_") for n in errors)
    for got, want in zip(remote, local):
        assert got.error == want.error
        if want.prediction is None:
            continue
        assert [c.index for c in got.prediction.top] == [c.index for c in want.prediction.top], got.path
        assert [c.name for c in got.prediction.top] == [c.name for c in want.prediction.top]
        np.testing.assert_allclose([c.probability for c in got.prediction.top],
                                   [c.probability for c in want.prediction.top], atol=1e-5, rtol=0)
    by_name = {os.path.basename(r.path): r for r in remote}
    assert by_name["h_truncated.jpg"].error and "truncated" in by_name["h_truncated.jpg"].error
    top1 = {r.prediction.top[0].name for r in remote if r.prediction}
    assert {"macaw", "hotdog", "chickadee"} <= top1 and len(top1) >= 8  # real, varied answers
    # Streamed to Parquet: one row per file, the local CSV's columns.
    pq = pytest.importorskip("pyarrow.parquet")
    with results_file.stream_results(tmp_path / "r.parquet") as w:
        for r in remote:
            w.write(r)
    table = pq.read_table(tmp_path / "r.parquet")
    assert table.column_names == export.CSV_HEADER and table.num_rows == len(files)


def test_a_worker_without_the_weights_file_says_so(session, folder, tmp_path):
    """The message a worker raises crosses Ray's wrapping intact (the ImageNet case, and that
    no worker downloads unless allowed, are in test_cluster.py without Ray)."""
    files, _ = expand([str(folder)])
    missing = str(tmp_path / "elsewhere" / "mobilenet_v2.weights.h5")
    with pytest.raises(ClusterError) as err:
        list(ray_predict.predict_files(session, ModelRequest("MobileNetV2", weights=missing), files[:4]))
    message = str(err.value)
    assert message.startswith("The Ray worker on ") and f"has no weights file '{missing}'" in message
    assert "Traceback" not in message and "[studio-worker]" not in message


@pytest.mark.slow  # the local cancel test covers the token by default
def test_a_cancel_after_the_last_batch_is_not_a_finished_run(session, folder):
    """Ctrl-C swallowed in the last wait: the token is looked at once more before the end."""
    from engine.jobs import Cancelled, CancelToken
    from engine.zoo import Variant

    files = expand([str(folder)])[0][:4]
    token, got = CancelToken(), []
    request = ModelRequest("MobileNetV2", Variant(alpha=0.35, input_size=96), weights=None)
    with pytest.raises(Cancelled):
        for r in ray_predict.predict_files(session, request, files, batch_size=8, cancel=token):
            got.append(r)
            if len(got) == len(files):
                token.cancel()
    assert len(got) == len(files)


@pytest.mark.slow  # a second Ray driver; atomic outputs are checked by default elsewhere
def test_ctrl_c_leaves_no_half_written_file(session, folder, tmp_path):
    """A second driver joins this cluster by address (the `--cluster HOST:PORT` path) and is
    interrupted like a terminal's Ctrl-C (SIGINT to its process group) while writing."""
    out = tmp_path / "out.csv"
    address = ray.get_runtime_context().gcs_address
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # A small random-weights model: what matters here is the file, not the answers.
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "predict", str(folder), str(folder), "--model",
                             "MobileNetV2", "--alpha", "0.35", "--input-size", "96", "--weights", "none",
                             "--batch-size", "8", "--cluster", address, "--out", str(out)],
                            cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            temps = [p for p in tmp_path.iterdir() if p.name.startswith(".out.csv.")]
            if temps and len(temps[0].read_bytes().splitlines()) > 2:  # rows are being written
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130 and "interrupted" in stderr, stderr[-3000:]
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temp
