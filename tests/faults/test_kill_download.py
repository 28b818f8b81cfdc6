"""`weights download` killed with SIGKILL at 10 points of a slow download from 127.0.0.1.

After every kill the cache holds nothing under the real name (or the complete verified file),
the next run removes the dead run's temp file, and the last run completes and verifies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from engine.weights import verify

from ..conftest import MOBILENET_025_NO_TOP, ROOT, needs_fixtures
from .fault_server import FaultServer

pytestmark = [pytest.mark.faults, needs_fixtures, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")]
NAME = "mobilenet_2_5_224_tf_no_top.h5"
POINTS = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.95]


def _env(tmp_path, base: str) -> dict:
    env = dict(os.environ)
    env.update(KERAS_HOME=str(tmp_path / "keras"), PRETRAINED_STUDIO_HOME=str(tmp_path / "user"),
               PRETRAINED_STUDIO_WEIGHTS_MIRROR=base, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("PRETRAINED_STUDIO_WEIGHT_PACKS", None)
    return env


def _cmd():
    return [sys.executable, str(ROOT / "main.py"), "weights", "download", "MobileNet", "--alpha", "0.25", "--no-top"]


def _parts(cache):
    return sorted(cache.glob(f".{NAME}.*.part")) if cache.exists() else []


def test_kill_9_at_ten_points_then_the_next_run_cleans_up_and_succeeds(tmp_path):
    data = MOBILENET_025_NO_TOP.read_bytes()
    cache = tmp_path / "keras" / "models"
    with FaultServer(rate=1_500_000) as srv:
        srv.route("/mobilenet/" + NAME, data, "slow")
        env = _env(tmp_path, srv.base)
        for point in POINTS:
            before = _parts(cache)
            proc = subprocess.Popen(_cmd(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            deadline = time.monotonic() + 30
            killed_at = None
            while time.monotonic() < deadline and proc.poll() is None:
                parts = [p for p in _parts(cache) if p not in before]
                size = parts[0].stat().st_size if parts and parts[0].exists() else -1
                if size >= point * len(data):
                    os.kill(proc.pid, signal.SIGKILL)
                    killed_at = size
                    break
                time.sleep(0.005)
            proc.wait()
            assert killed_at is not None, f"never reached {point:.0%}: {proc.stderr.read().decode()[-500:]}"
            final = cache / NAME
            assert not final.exists() or final.read_bytes() == data
            # The dead run's temp file is there; the previous dead run's was removed by this run.
            assert not (set(before) & set(_parts(cache))), "a killed run's temp file survived the next run"
        done = subprocess.run(_cmd(), env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "downloaded and verified" in done.stderr
    assert (cache / NAME).read_bytes() == data and _parts(cache) == []
    verify.forget_memo()
