"""The foundations every reader of an outside file stands on: a state file that is a FIFO, a
device, a socket, a folder or huge is refused at once (never a hang, never an unbounded read);
JSON nested too deep is refused with a message; an HDF5 file whose data or links point outside
itself, or that declares arrays far larger than it holds, is refused before a byte is read."""

from __future__ import annotations

import os
import socket
import threading

import numpy as np
import pytest

from engine import hdf5check, safefiles

pytestmark = pytest.mark.faults


def _in_thread(fn, timeout=10):
    """Run ``fn``; a hang fails the test instead of the run."""
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - reported below
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the read blocked"
    return box


def test_a_regular_file_is_read_whole_and_a_missing_one_says_so(tmp_path):
    p = tmp_path / "state.json"
    p.write_bytes(b'{"a": [1, 2, {"b": "x"}]}')
    assert safefiles.load_json(p) == {"a": [1, 2, {"b": "x"}]}
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(3 * safefiles.MB + 7))  # more than one read's chunk: every byte kept
    assert safefiles.read_bytes(big, cap=4 * safefiles.MB) == big.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(p)  # a link to a regular file is followed
    assert safefiles.load_json(link)["a"][0] == 1
    with pytest.raises(FileNotFoundError):
        safefiles.read_bytes(tmp_path / "none.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_never_blocks(tmp_path):
    fifo = tmp_path / "preferences.json"
    os.mkfifo(fifo)
    box = _in_thread(lambda: safefiles.read_bytes(fifo))
    assert isinstance(box.get("error"), safefiles.UnsafeFile) and "FIFO" in str(box["error"])


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_not_read_forever(tmp_path, device):
    link = tmp_path / "meta.json"
    link.symlink_to(device)
    box = _in_thread(lambda: safefiles.read_bytes(link))
    assert isinstance(box.get("error"), safefiles.UnsafeFile) and "a device" in str(box["error"])


def test_a_folder_a_socket_and_a_huge_file_are_refused(tmp_path):
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(safefiles.UnsafeFile, match="folder"):
        safefiles.read_bytes(tmp_path / "dir.json")
    if hasattr(socket, "AF_UNIX"):
        s = socket.socket(socket.AF_UNIX)
        try:
            s.bind(str(tmp_path / "s.json"))
            box = _in_thread(lambda: safefiles.read_bytes(tmp_path / "s.json"))
            assert isinstance(box.get("error"), safefiles.UnsafeFile)
        finally:
            s.close()
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2001)
    with pytest.raises(safefiles.UnsafeFile, match="more than the 2,000"):
        safefiles.read_bytes(big, cap=2000)
    assert safefiles.read_bytes(big, cap=2001) == b" " * 2001  # the cap itself is allowed


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="no /proc")
def test_a_file_whose_size_lies_is_still_read_only_up_to_the_cap():
    """/proc files say 0 bytes and hold more: the read itself stops at the cap."""
    with pytest.raises(safefiles.UnsafeFile, match="more than the 100 bytes"):
        safefiles.read_bytes("/proc/self/maps", cap=100)


@pytest.mark.parametrize("text", ["[" * 100000, "[" * 900 + "]" * 900, '{"a":' * 200 + "1" + "}" * 200])
def test_json_nested_too_deep_is_refused_with_a_message(text):
    with pytest.raises(safefiles.UnsafeFile, match="nests deeper than 100"):
        safefiles.loads_json(text, what="config.json")


def test_json_depth_counts_brackets_outside_strings_only():
    deep_string = '{"name": "' + "[" * 500 + '\\"[[[", "ok": [[1]]}'
    assert safefiles.loads_json(deep_string)["ok"] == [[1]]
    assert safefiles.nesting_depth("[" * 100 + "]" * 100) == 100
    assert safefiles.loads_json("[" * 100 + "]" * 100) is not None  # the limit itself is allowed
    with pytest.raises(safefiles.UnsafeFile, match="not UTF-8"):
        safefiles.loads_json(b"\xff\xfe{}")
    with pytest.raises(safefiles.UnsafeFile, match="not valid JSON"):
        safefiles.loads_json("{")


# --- HDF5: every way a file can put its data outside itself --------------------------------------

def _h5(path, build):
    import h5py

    with h5py.File(path, "w") as f:
        build(f)
    return path


def test_a_self_contained_file_passes_with_its_sizes(tmp_path):
    def build(f):
        g = f.create_group("conv1")
        g.create_dataset("kernel", data=np.ones((3, 3, 3, 8), "float32"))
        g.create_dataset("bias", data=np.zeros(8, "float32"), compression="gzip")
        f["alias"] = __import__("h5py").SoftLink("/conv1/kernel")  # a name inside the file
        f.attrs["model_config"] = '{"class_name": "Sequential"}'

    s = hdf5check.check(_h5(tmp_path / "ok.h5", build))
    assert (s.datasets, s.total_bytes, s.largest) == (2, 3 * 3 * 3 * 8 * 4 + 32, 3 * 3 * 3 * 8 * 4)


def _external_storage(f, secret):
    f.create_dataset("conv1/kernel", shape=(64,), dtype="uint8", external=[(str(secret), 0, 64)])


def _external_link(f, other):
    f["conv1"] = __import__("h5py").ExternalLink(str(other), "/conv1")


def _virtual(f, other):
    import h5py

    layout = h5py.VirtualLayout(shape=(8,), dtype="float32")
    layout[:] = h5py.VirtualSource(str(other), "conv1/bias", shape=(8,))
    f.create_virtual_dataset("conv1/bias", layout)


def _deep_external(f, secret):
    g = f.create_group("a/b/c/d")
    g.create_dataset("w", shape=(16,), dtype="uint8", external=[(str(secret), 0, 16)])


@pytest.mark.parametrize("how,why", [(_external_storage, "external storage"), (_external_link, "another file"),
                                     (_virtual, "virtual dataset"), (_deep_external, "external storage")])
def test_data_outside_the_file_is_refused_before_reading(tmp_path, how, why):
    secret = tmp_path / "environ"
    secret.write_bytes(b"TOKEN=abc123\0" * 10)
    other = _h5(tmp_path / "other.h5", lambda f: (f.create_dataset("conv1/bias", data=np.ones(8, "float32"))))
    target = secret if how in (_external_storage, _deep_external) else other
    path = _h5(tmp_path / "model.h5", lambda f: how(f, target))
    with pytest.raises(hdf5check.HDF5Refused, match=why) as err:
        hdf5check.check(path)
    assert "inside itself" in str(err.value)


def test_a_small_file_declaring_huge_arrays_is_refused(tmp_path):
    bomb = _h5(tmp_path / "bomb.h5", lambda f: f.create_dataset(
        "w", shape=(1 << 27,), dtype="float32", chunks=(1 << 20,), compression="gzip"))  # 512 MB of zeros
    assert bomb.stat().st_size < 4 << 20
    with pytest.raises(hdf5check.HDF5Refused, match="far more than the file could hold"):
        hdf5check.check(bomb)
    one = _h5(tmp_path / "one.h5", lambda f: f.create_dataset("w", shape=(1 << 20,), dtype="float32"))
    with pytest.raises(hdf5check.HDF5Refused, match="one array declares"):
        hdf5check.check(one, max_dataset_bytes=1 << 21)
    assert hdf5check.check(one, max_dataset_bytes=1 << 22).largest == 4 << 20  # exactly allowed: passes
