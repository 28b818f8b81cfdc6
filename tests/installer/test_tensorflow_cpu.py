"""The CPU TensorFlow the Linux installer bundles: a wheel is used only when every file
matches its RECORD, is unpacked all or nothing, never over a folder it did not make, and
only when it is the installed version."""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import zipfile

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "build"))

import tensorflow_cpu  # noqa: E402

VERSION = "9.9.9"
PLATFORM = "manylinux_2_27_x86_64"
FILES = {"tensorflow/__init__.py": b"__version__ = '9.9.9'\n", "tensorflow/libtensorflow_cc.so.2": b"\x7fELF" + bytes(300)}


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def make_wheel(folder, files=FILES, record=None, extra=None, version=VERSION, tags=f"cp311-cp311-{PLATFORM}"):
    """A wheel laid out like tensorflow-cpu's: the package, its dist-info and a RECORD."""
    wheel = folder / f"tensorflow_cpu-{version}-{tags}.whl"
    info = f"tensorflow_cpu-{version}.dist-info"
    rows = record if record is not None else {n: record_hash(d) for n, d in files.items()}
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in {**files, **(extra or {})}.items():
            zf.writestr(name, data)
        zf.writestr(f"{info}/RECORD", "".join(f"{n},{h},\n" for n, h in rows.items()) + f"{info}/RECORD,,\n")
    return wheel


def test_a_good_wheel_is_unpacked_byte_for_byte_and_reused(tmp_path):
    wheel = make_wheel(tmp_path)
    overlay = tensorflow_cpu.unpack(wheel, tmp_path / "work")
    assert overlay.name == f"tensorflow-cpu-{VERSION}"
    for name, data in FILES.items():
        assert (overlay / name).read_bytes() == data
    marker = overlay / tensorflow_cpu.MARKER
    stamp = marker.stat().st_mtime_ns
    assert tensorflow_cpu.unpack(wheel, tmp_path / "work") == overlay and marker.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == [overlay.name]  # no partial left


def test_an_env_gets_the_overlay_first_on_the_import_path(tmp_path):
    env = tensorflow_cpu.import_path_with(tmp_path, {"PYTHONPATH": "/elsewhere", "HOME": "/h"})
    assert env["PYTHONPATH"].split(":" if sys.platform != "win32" else ";") == [str(tmp_path), "/elsewhere"]
    assert env["HOME"] == "/h" and tensorflow_cpu.import_path_with(tmp_path, {})["PYTHONPATH"] == str(tmp_path)


@pytest.mark.parametrize("kind, message", [
    ("damaged", "does not match the wheel's RECORD"),
    ("unlisted", "not in the wheel's RECORD"),
    ("escaping", "outside its folder"),
    ("no package", "holds no tensorflow package"),
    ("symlink", "symbolic link"),
])
def test_a_bad_wheel_is_refused_and_leaves_nothing(tmp_path, kind, message):
    if kind == "damaged":
        record = {n: record_hash(d) for n, d in FILES.items()}
        record["tensorflow/libtensorflow_cc.so.2"] = record_hash(b"other bytes")
        wheel = make_wheel(tmp_path, record=record)
    elif kind == "unlisted":
        wheel = make_wheel(tmp_path, extra={"tensorflow/sneaked.so": b"x"})
    elif kind == "escaping":
        bad = {**FILES, "../outside.py": b"x"}
        wheel = make_wheel(tmp_path, files=bad)
    elif kind == "symlink":
        record = {n: record_hash(d) for n, d in FILES.items()}
        record["tensorflow/escape.so"] = record_hash(b"/etc/passwd")  # listed, so only the link check stops it
        wheel = make_wheel(tmp_path, record=record)
        with zipfile.ZipFile(wheel, "a") as zf:
            link = zipfile.ZipInfo("tensorflow/escape.so")
            link.external_attr = (0o120777 << 16)  # a symbolic link to a file outside
            zf.writestr(link, "/etc/passwd")
    else:
        wheel = make_wheel(tmp_path, files={"other/__init__.py": b""})
    work = tmp_path / "work"
    with pytest.raises(tensorflow_cpu.WheelError, match=message):
        tensorflow_cpu.unpack(wheel, work)
    assert not work.exists() or not list(work.iterdir())
    assert not (tmp_path / "outside.py").exists()


def test_a_folder_it_did_not_unpack_is_never_replaced(tmp_path):
    foreign = tmp_path / "work" / f"tensorflow-cpu-{VERSION}"
    foreign.mkdir(parents=True)
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(tensorflow_cpu.WheelError, match="not unpacked by this script"):
        tensorflow_cpu.unpack(make_wheel(tmp_path), tmp_path / "work")
    assert (foreign / "notes.txt").read_text() == "mine"


def test_an_older_unpack_of_its_own_is_replaced_by_a_new_wheel(tmp_path):
    work = tmp_path / "work"
    old = tmp_path / "old"
    old.mkdir()
    tensorflow_cpu.unpack(make_wheel(old, files={**FILES, "tensorflow/stale.py": b"old"}), work)
    overlay = tensorflow_cpu.unpack(make_wheel(tmp_path), work)
    assert not (overlay / "tensorflow" / "stale.py").exists()
    assert (overlay / "tensorflow" / "__init__.py").read_bytes() == FILES["tensorflow/__init__.py"]


def test_only_the_installed_version_is_bundled(tmp_path):
    _, installed = tensorflow_cpu.installed()
    with pytest.raises(tensorflow_cpu.WheelError, match=f"{installed} is installed"):
        tensorflow_cpu.prepare(tmp_path / "work", make_wheel(tmp_path))
    assert not (tmp_path / "work").exists()


def test_a_wheel_for_another_python_is_refused(tmp_path):
    _, installed = tensorflow_cpu.installed()
    with pytest.raises(tensorflow_cpu.WheelError, match="another Python or platform"):
        tensorflow_cpu.prepare(tmp_path / "work", make_wheel(tmp_path, version=installed, tags="cp27-cp27m-win32"))
    assert not tensorflow_cpu.compatible(tmp_path / "not-a-wheel-name.whl")


def test_package_stops_before_pyinstaller_on_a_wrong_wheel(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "build" / "package.py"), "--tensorflow-wheel",
                          str(make_wheel(tmp_path)), "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "w")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "9.9.9" in out.stderr and not (tmp_path / "dist").exists()


def test_a_killed_builds_half_unpack_is_cleared_and_nothing_else(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    work = tmp_path / "work"
    stale = work / f".tensorflow-cpu-{VERSION}.{int(dead.stdout)}.deadbeef.tmpdir"
    (stale / "tensorflow").mkdir(parents=True)
    (work / "notes").mkdir()
    tensorflow_cpu.unpack(make_wheel(tmp_path), work)
    assert not stale.exists() and (work / "notes").is_dir()
