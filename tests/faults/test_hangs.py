"""What used to hang or abort: a Ray address nothing answers at (Ray retried for minutes,
silently), and a feature cache whose folder or entry is not what the cache made (training
aborted) — now a message within seconds, and training without the cache."""

from __future__ import annotations

import os
import socket
import threading
import time

import numpy as np
import pytest

from engine import safefiles
from engine.train import features

from .hostile import jpeg_bytes

pytestmark = pytest.mark.faults


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return port


@pytest.mark.parametrize("address", ["127.0.0.1:1", "CLOSED", "ray://127.0.0.1:CLOSED"])
def test_a_cluster_address_nothing_answers_at_fails_fast_with_a_message(tmp_path, capsys, home, address):
    from engine.cli import main

    address = address.replace("CLOSED", str(_closed_port()))
    img = tmp_path / "a.jpg"
    img.write_bytes(jpeg_bytes((32, 32)))
    box = {}
    t0 = time.monotonic()

    def run():
        box["code"] = main(["predict", str(img), "--model", "MobileNet", "--alpha", "0.25", "--input-size", "32",
                            "--weights", "none", "--cluster", address])

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "still connecting after 60 s"
    err = capsys.readouterr().err
    assert box["code"] == 1 and "Could not reach a Ray cluster" in err and "Traceback" not in err, err
    assert time.monotonic() - t0 < 30


def test_an_address_that_does_not_answer_in_time_says_so():
    from engine.cluster import reach
    from engine.cluster.errors import ClusterError

    t0 = time.monotonic()
    with pytest.raises(ClusterError, match="waited at most 0.5 s"):
        reach.probe("192.0.2.1:6379", timeout=0.5)  # TEST-NET: nothing routes there
    assert time.monotonic() - t0 < 5


# -- the feature cache --------------------------------------------------------------------

@pytest.fixture(scope="module")
def base():
    import keras

    from engine.models import from_keras

    inputs = keras.Input((16, 16, 3))
    return from_keras(keras.Model(inputs, keras.layers.AveragePooling2D(4)(inputs)), lambda x: x / 255.0,
                      name="tinybase")


@pytest.fixture
def files(tmp_path):
    out = []
    for i, colour in enumerate([(200, 0, 0), (0, 200, 0), (0, 0, 200)]):
        p = tmp_path / f"{i}.jpg"
        p.write_bytes(jpeg_bytes((16, 16), colour))
        out.append(str(p))
    return out


def _expected(base, files):
    return features.FeatureCache("k", None, 16, "stretch", max_bytes=1 << 30).features(base, files).values


def _root_a_file(root):
    root.parent.mkdir(parents=True, exist_ok=True)
    root.write_text("not a folder")


def _root_read_only(root):
    root.mkdir(parents=True)
    os.chmod(root, 0o500)


@pytest.mark.parametrize("break_it", [_root_a_file, _root_read_only], ids=["root is a file", "root read-only"])
def test_a_cache_that_cannot_be_written_means_no_cache_not_a_failed_run(home, base, files, break_it):
    if break_it is _root_read_only and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    want = _expected(base, files)
    import shutil

    shutil.rmtree(features.cache_root())
    break_it(features.cache_root())
    try:
        cache = features.FeatureCache("k", None, 16, "stretch", max_bytes=1 << 30)
        got = cache.features(base, files)
    finally:
        if features.cache_root().is_dir():
            os.chmod(features.cache_root(), 0o700)
    np.testing.assert_allclose(got.values, want)
    assert cache.disabled and any("feature cache is off" in n for n in safefiles.notices())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["folder", "FIFO", "/dev/zero link", "socket"])
def test_an_entry_that_is_not_a_file_is_recomputed_never_read_or_a_crash(home, base, files, kind):
    want = _expected(base, files)
    cache = features.FeatureCache("k", None, 16, "stretch", max_bytes=1 << 30)
    entry = cache._path(features.file_hash(files[1]))
    entry.unlink()
    keep = None
    if kind == "folder":
        entry.mkdir()
        (entry / "mine.txt").write_text("x")
    elif kind == "FIFO":
        os.mkfifo(entry)
    elif kind == "/dev/zero link":
        entry.symlink_to("/dev/zero")
    else:
        keep = socket.socket(socket.AF_UNIX)
        cwd = os.getcwd()
        os.chdir(entry.parent)
        try:
            keep.bind(entry.name)
        finally:
            os.chdir(cwd)
    box = {}
    t = threading.Thread(target=lambda: box.update(got=cache.features(base, files)), daemon=True)
    t.start()
    t.join(30)
    if keep is not None:
        keep.close()
    assert not t.is_alive(), "the cache blocked on an entry"
    np.testing.assert_allclose(box["got"].values, want)
    assert cache.repaired == 1 and cache.base_passes == 1
    if kind == "folder":
        assert (entry / "mine.txt").read_text() == "x"  # not the cache's to replace
