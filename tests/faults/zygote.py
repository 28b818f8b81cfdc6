"""A fork server for the kill harness: imports TensorFlow once, then forks one child per
run of `python main.py ARGS` (a real process, killed for real with SIGKILL).

Starting a fresh Python per kill would cost a TensorFlow import (~8 s) each; a fork costs
nothing.  Protocol, one JSON object per line: the harness sends
``{"args": [...], "point": NAME|null, "marker": PATH, "log": PATH}``; the server answers
``{"pid": N}`` when the child runs and ``{"pid": N, "exit": CODE}`` when it has ended.

A child given a ``point`` pauses there (writes ``marker`` and sleeps) so the harness can
kill it at that exact moment.  Points are installed by wrapping the library calls the app
makes at that moment: nothing in the app knows about them.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from pathlib import Path

POINTS = ("scan", "feature-write", "epoch", "checkpoint-partial", "checkpoint-rename", "bundle-model",
          "bundle-metadata", "bundle-rename", "after-bundle", "overwrite-swap")


def _pause(marker: str):
    Path(marker).write_text("here")
    while True:
        time.sleep(60)


def install(point: str, marker: str) -> None:
    """Make the child stop at ``point`` (see POINTS)."""
    import pathlib
    import zipfile

    import engine.images
    import engine.jobs

    calls = {"n": 0}

    def pause():
        _pause(marker)

    if point == "scan":
        check = engine.images.check_image

        def check_image(path):
            calls["n"] += 1
            if calls["n"] == 3:
                pause()
            return check(path)

        engine.images.check_image = check_image
    elif point in ("feature-write", "checkpoint-rename"):
        replace = os.replace

        def os_replace(src, dst, *a, **kw):
            if (point == "feature-write" and str(dst).endswith(".npy")) or (
                    point == "checkpoint-rename" and str(dst).endswith("checkpoint.keras")):
                calls["n"] += 1
                if calls["n"] == 2 or point == "checkpoint-rename":
                    pause()  # the temp file is complete; it is not in place yet
            return replace(src, dst, *a, **kw)

        os.replace = os_replace
    elif point == "epoch":
        report = engine.jobs.report

        def jobs_report(progress, fraction, message=""):
            if message.startswith("epoch 2 of"):
                pause()
            return report(progress, fraction, message)

        engine.jobs.report = jobs_report
    elif point in ("checkpoint-partial", "bundle-model"):
        writestr = zipfile.ZipFile.writestr

        def zip_writestr(self, name, *a, **kw):
            where = str(getattr(self, "filename", "") or "")
            is_checkpoint = "checkpoint.keras" in os.path.basename(where)
            if (point == "checkpoint-partial" and is_checkpoint) or (
                    point == "bundle-model" and ".tmpdir" in where and not is_checkpoint):
                pause()  # metadata and config written, weights and the zip directory not
            return writestr(self, name, *a, **kw)

        zipfile.ZipFile.writestr = zip_writestr
    elif point == "bundle-metadata":
        write_text = pathlib.Path.write_text

        def path_write_text(self, *a, **kw):
            if self.name == "metadata.json":
                pause()
            return write_text(self, *a, **kw)

        pathlib.Path.write_text = path_write_text
    elif point in ("bundle-rename", "overwrite-swap"):
        rename = os.rename

        def os_rename(src, dst, *a, **kw):
            if "~replaced" in str(dst):
                calls["n"] += 1  # the old bundle is being moved aside
            elif str(src).endswith(".tmpdir") and (point == "bundle-rename" or calls["n"]):
                pause()  # overwrite-swap: the old bundle is aside, the new one not in place yet
            return rename(src, dst, *a, **kw)

        os.rename = os_rename
    elif point == "after-bundle":
        import engine.train.checkpoint as ckpt

        discard = ckpt.discard

        def discard_checkpoint(path):
            pause()  # the bundle is in place; the run's checkpoint folder not yet removed
            return discard(path)

        ckpt.discard = discard_checkpoint
    elif point is not None:
        raise ValueError(f"unknown point {point!r}")


def child(request: dict) -> None:  # pragma: no cover - runs in the forked child
    fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    code = 99
    try:
        if request.get("point"):
            install(request["point"], request["marker"])
        from engine.cli import main

        code = main(request["args"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    import keras  # noqa: F401  (the expensive imports, once)
    import tensorflow  # noqa: F401
    from PIL import Image

    import engine.cli  # noqa: F401
    import engine.train.trainer  # noqa: F401

    Image.init()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(request)
        print(json.dumps({"pid": pid}), flush=True)
        _, status, usage = os.wait4(pid, 0)
        print(json.dumps({"pid": pid, "exit": os.waitstatus_to_exitcode(status),
                          "cpu_s": usage.ru_utime + usage.ru_stime}), flush=True)


if __name__ == "__main__":
    serve()
