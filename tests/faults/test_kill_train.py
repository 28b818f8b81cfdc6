"""`train` killed with SIGKILL at ten points, checkpoint and bundle writes included.

After every kill the output folder is absent or a complete, loadable bundle (for the kill
during a replacement: the previous bundle, put back at the next start), any checkpoint
present loads, and the next start's housekeeping leaves no temp file anywhere.  At the
end a full run works and leaves nothing behind.  Each run is a real process (forked from
a server that imported TensorFlow once, see ``zygote.py``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import fileio, housekeeping
from engine.train import bundle

from .hostile import jpeg_bytes
from .zygote import POINTS

pytestmark = [pytest.mark.faults, pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")]
TRAIN = ["--model", "MobileNet", "--alpha", "0.25", "--input-size", "32", "--weights", "none",
         "--early-stopping", "0", "--batch-size", "4"]


class Zygote:
    def __init__(self, env):
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("zygote.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        assert self._read(180).get("ready")

    def _read(self, timeout):
        import select

        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        assert ready, "the fork server did not answer"
        line = self.proc.stdout.readline()
        assert line, "the fork server ended"
        return json.loads(line)

    def run(self, args, log, point=None, marker=None, timeout=180):
        """Run `main.py ARGS`; with a point, kill it there. Returns (exit code, log text)."""
        self.proc.stdin.write(json.dumps({"args": args, "point": point, "marker": str(marker), "log": str(log)}) + "\n")
        self.proc.stdin.flush()
        pid = self._read(30)["pid"]
        if point:
            deadline = time.monotonic() + timeout
            while not Path(marker).exists():
                assert time.monotonic() < deadline, f"never reached {point}:\n{Path(log).read_text()}"
                time.sleep(0.02)
            os.kill(pid, signal.SIGKILL)
        done = self._read(timeout)
        self.cpu_s = done.get("cpu_s", 0.0)
        return done["exit"], Path(log).read_text(errors="replace")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(30)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    for cls, colour in (("red", (200, 40, 40)), ("blue", (40, 40, 200))):
        (root / "data" / cls).mkdir(parents=True)
        for i in range(4):
            (root / "data" / cls / f"{i}.jpg").write_bytes(jpeg_bytes((40, 40), colour))
    env = dict(os.environ, PRETRAINED_STUDIO_HOME=str(root / "home"), KERAS_HOME=str(root / "keras"))
    zygote = Zygote(env)
    yield root, zygote, env
    zygote.close()


def _temps(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if fileio.is_temp_name(p.name)]


def _checkpoints(folder: Path) -> list[Path]:
    """Checkpoints under their final name (the run keeps them in a temp folder of its own)."""
    return [p for p in folder.rglob("checkpoint.keras")]


def _assert_complete_or_absent(out: Path):
    if os.path.lexists(out):
        assert bundle.is_bundle(out), sorted(p.name for p in out.iterdir())
        model, meta = bundle.load(out)
        assert meta["class_names"] == ["blue", "red"] and model.output_shape[-1] == 2
    for ckpt in _checkpoints(out.parent):  # written atomically: complete wherever it is
        import keras

        from engine.train import layers  # noqa: F401

        assert keras.saving.load_model(ckpt, safe_mode=True).output_shape[-1] == 2


def test_kill_at_ten_points_loses_nothing(world, monkeypatch):
    root, zygote, env = world
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", env["PRETRAINED_STUDIO_HOME"])
    out = root / "out" / "model"
    args = ["train", str(root / "data"), *TRAIN, "--out", str(out)]
    seen = {}
    for i, point in enumerate(POINTS):
        extra = ["--epochs", "2" if point == "epoch" else "1"]
        extra += ["--overwrite", "--seed", "7"] if point == "overwrite-swap" else []
        # The extract mode keeps only the head while training: the whole-model checkpoint is the
        # frozen-base modes' (and a cancelled extract run's)
        extra += ["--mode", "augment"] if point.startswith("checkpoint") else []
        before = bundle.load(out)[1]["training"]["seed"] if point == "overwrite-swap" else None
        code, log = zygote.run(args + extra, root / f"log-{i}.txt", point, root / f"at-{i}")
        assert code == -signal.SIGKILL, log
        seen[point] = sorted(p.name for p in out.parent.iterdir()) if out.parent.exists() else []
        _assert_complete_or_absent(out)
        housekeeping.tidy_folder(out.parent)  # what the next start does
        housekeeping.tidy()
        assert not _temps(root), (point, _temps(root))
        _assert_complete_or_absent(out)
        if point in ("after-bundle", "overwrite-swap"):
            assert bundle.is_bundle(out), point  # complete before the kill: still there
        if point == "overwrite-swap":
            assert bundle.load(out)[1]["training"]["seed"] == before  # the previous one, put back
    assert any(".tmpdir" in n for n in seen["bundle-rename"]), seen  # the kills did leave temps
    code, log = zygote.run(args + ["--overwrite", "--epochs", "1"], root / "log-final.txt")
    assert code == 0 and "Traceback" not in log, log
    assert bundle.is_bundle(out) and not _checkpoints(root) and not _temps(root)
