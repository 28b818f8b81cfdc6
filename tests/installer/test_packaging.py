"""The build's own rules, without building: weight-pack checks, what is left out, safe
stripping, and the one source of the version."""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from engine import __version__

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "build"))

import elf  # noqa: E402
import smoke  # noqa: E402
import trim  # noqa: E402
import weight_pack  # noqa: E402


def pack(tmp_path, payload=b"weights" * 100, **overrides):
    (tmp_path / "w.h5").write_bytes(payload)
    entry = {"filename": "w.h5", "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest(),
             "models": ["MobileNetV2"]}
    entry.update(overrides)
    (tmp_path / "weights-pack.json").write_text(json.dumps({"format": 1, "app": "pretrained-studio",
                                                            "created": "2026-01-01T00:00:00Z", "files": [entry]}))
    return tmp_path


def test_a_good_pack_is_verified_and_bundles_only_what_it_lists(tmp_path):
    folder = pack(tmp_path)
    (folder / "stray.txt").write_text("not listed")
    assert [e["filename"] for e in weight_pack.verify(folder)] == ["w.h5"]
    assert sorted(p.name for p in weight_pack.bundled_files(folder)) == ["w.h5", "weights-pack.json"]


@pytest.mark.parametrize("broken, message", [
    ({"size": 5}, "bytes"),
    ({"sha256": "0" * 64}, "SHA-256"),
    ({"filename": "../w.h5"}, "no usable file name"),
    ({"filename": "gone.h5"}, "missing"),
])
def test_a_broken_pack_is_refused_with_the_file_named(tmp_path, broken, message):
    with pytest.raises(weight_pack.PackError, match=message):
        weight_pack.verify(pack(tmp_path, **broken))


def test_a_folder_without_manifest_is_not_a_pack(tmp_path):
    with pytest.raises(weight_pack.PackError, match="weights pack DIR"):
        weight_pack.verify(tmp_path)


def test_package_refuses_a_damaged_pack_before_building(tmp_path):
    folder = pack(tmp_path, sha256="0" * 64)
    out = subprocess.run([sys.executable, str(ROOT / "build" / "package.py"), "--bundle-weights", str(folder),
                          "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "SHA-256" in out.stderr
    assert not (tmp_path / "work").exists()


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/translations/qtbase_de.qm", "PySide6/translations/qtbase_de.qm",
    "PySide6/Qt/plugins/platforms/libqwayland.so", "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so", "tensorflow/include/tensorflow/core/framework/tensor.h",
    "nvidia/cudnn/lib/libcudnn.so.9", "openvino/libs/libopenvino_intel_gpu_plugin.so",
    "tensorflow/python/profiler/internal/_pywrap_profiler_plugin.so",
    "openvino/libs/libopenvino_onnx_frontend.so.2641", "openvino/libs/libopenvino_c.so.2641",
    "openvino/libs/libtbbmalloc_proxy.so.2",
])
def test_unused_files_are_left_out(dest):
    assert trim.dropped(dest)


@pytest.mark.parametrize("dest", [
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforms/libqminimal.so", "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
    "tensorflow/libtensorflow_cc.so.2", "openvino/libs/libopenvino_intel_cpu_plugin.so",
    "openvino/libs/libopenvino_tensorflow_frontend.so.2641", "tensorflow/lite/python/libpywrap_tflite_common.so",
    "openvino/libs/libopenvino_ir_frontend.so.2641", "openvino/libs/libtbbbind_2_5.so.3",
    "openvino/libs/libtbbmalloc.so.2", "openvino/libs/libhwloc.so.15", "openvino/libs/openvino_ir_frontend.dll",
])
def test_what_the_app_needs_stays(dest):
    assert not trim.dropped(dest)


def test_the_openvino_hook_collects_the_libraries_opened_by_name():
    """Versioned names too: PyInstaller's default ``lib*.so`` pattern misses the IR front end."""
    pytest.importorskip("PyInstaller")
    ov_libs = pytest.importorskip("openvino").__file__
    import runpy

    names = {Path(src).name for src, _dest in runpy.run_path(str(ROOT / "build" / "hooks" / "hook-openvino.py"))[
        "binaries"]}
    expected = {p.name for p in (Path(ov_libs).parent / "libs").iterdir()
                if p.name.startswith(("libopenvino_ir_frontend", "libtbbbind", "libtbbmalloc.", "libhwloc"))}
    assert expected and expected <= names, sorted(expected - names)


# What a smoke run of the app maps (paths as bundled): the runtime, the CPU plugin, the IR front
# end, TBB's allocator, pandas (Keras tries it), OpenVINO's other front ends, the profiler stub's twin.
LOADED = ["openvino/libs/libopenvino.so.2641", "openvino/libs/libopenvino_intel_cpu_plugin.so",
          "openvino/libs/libopenvino_ir_frontend.so.2641", "openvino/libs/libtbbmalloc.so.2",
          "tensorflow/libtensorflow_cc.so.2", "pandas/_libs/lib.cpython-311-x86_64-linux-gnu.so",
          "openvino/libs/libopenvino_onnx_frontend.so.2641",
          "tensorflow/python/profiler/internal/_pywrap_profiler_plugin.so"]
KEPT = [("openvino/libs/libopenvino.so.2641", "/x", "BINARY"), ("openvino/libs/libtbbmalloc.so.2", "/x", "BINARY"),
        ("openvino/libs/libopenvino_intel_cpu_plugin.so", "/x", "BINARY"),
        ("libtensorflow_cc.so.2", "/x", "BINARY")]  # moved to the top folder by PyInstaller


def test_the_build_refuses_to_lack_a_library_the_smoke_run_loaded():
    missing = trim.missing_loaded(LOADED, KEPT)
    assert missing == ["openvino/libs/libopenvino_ir_frontend.so.2641: not collected (a library opened by name "
                       "at run time: name it in a hook)"]
    with pytest.raises(SystemExit, match="libopenvino_ir_frontend"):
        trim.refuse_missing(LOADED, KEPT)
    trim.refuse_missing(LOADED, KEPT + [("openvino/libs/libopenvino_ir_frontend.so.2641", "/x", "BINARY")])


def test_a_rule_that_drops_a_loaded_library_is_named():
    kept = [e for e in KEPT if "cpu_plugin" not in e[0]]
    missing = trim.missing_loaded(LOADED, kept + [("openvino/libs/libopenvino_ir_frontend.so.2641", "/x", "B")],
                                  patterns=["openvino/libs/*cpu_plugin*"])
    assert missing == ["openvino/libs/libopenvino_intel_cpu_plugin.so: left out by the rule "
                       "'openvino/libs/*cpu_plugin*' in build/trim.py"]


def test_only_named_reasons_excuse_a_loaded_library():
    assert trim.excused("pandas/_libs/lib.cpython-311-x86_64-linux-gnu.so")
    assert trim.excused("pyarrow.libs/libarrow.so")
    assert trim.excused("openvino/libs/libopenvino_onnx_frontend.so.2641")
    assert trim.excused("tensorflow/python/profiler/internal/_pywrap_profiler_plugin.so")
    for needed in ("openvino/libs/libopenvino_ir_frontend.so.2641", "openvino/libs/libopenvino_tensorflow_frontend"
                   ".so.2641", "openvino/libs/libtbbbind_2_5.so.3", "pandas_helper/lib.so",
                   "tensorflow/python/profiler/internal/_pywrap_profiler.so"):
        assert not trim.excused(needed), needed


def test_a_platform_without_a_record_is_said_not_checked(capsys):
    trim.refuse_missing(None, KEPT)
    assert "not checked" in capsys.readouterr().out


def test_the_smoke_run_lists_mapped_libraries_as_bundled(tmp_path):
    site, overlay = tmp_path / "site-packages", tmp_path / "overlay"
    for f in (site / "openvino" / "libs" / "libtbb.so.12", overlay / "tensorflow" / "libtensorflow_cc.so.2",
              site / "tensorflow" / "libtensorflow_cc.so.2"):
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(b"")
    maps = "\n".join([
        f"7f00-7f10 r-xp 00000000 fd:00 12 {site}/openvino/libs/libtbb.so.12",
        f"7f10-7f20 r--p 00001000 fd:00 12 {site}/openvino/libs/libtbb.so.12",
        f"7f20-7f30 r-xp 00000000 fd:00 13 {overlay}/tensorflow/libtensorflow_cc.so.2",
        "7f30-7f40 r-xp 00000000 fd:00 14 /usr/lib/x86_64-linux-gnu/libc.so.6",
        "7f40-7f50 rw-p 00000000 00:00 0 ",
        "7f50-7f60 r--p 00000000 fd:00 15 /usr/lib/locale/C.utf8/LC_CTYPE",
        "7f60-7f70 r-xp 00000000 fd:00 16 /tmp/gone.so (deleted)",
        "7ffd-7ffe rw-p 00000000 00:00 0 [stack]",
    ])
    paths = smoke.mapped_libraries(maps)
    assert paths == sorted([f"{overlay}/tensorflow/libtensorflow_cc.so.2", f"{site}/openvino/libs/libtbb.so.12",
                            "/tmp/gone.so", "/usr/lib/x86_64-linux-gnu/libc.so.6"])
    # The overlay comes first, as on the build's import path; system libraries are not bundled.
    bases = [overlay.resolve(), site.resolve()]
    assert smoke.relative_to_roots(paths, bases) == ["openvino/libs/libtbb.so.12", "tensorflow/libtensorflow_cc.so.2"]


def test_a_link_to_a_dropped_library_goes_with_it():
    toc = [("PySide6/Qt/lib/libQt6Pdf.so.6", "/x/libQt6Pdf.so.6", "BINARY"),
           ("libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6Pdf.so.6", "SYMLINK"),
           ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK")]
    kept, gone = trim.filter_toc(toc, patterns=["PySide6/Qt/lib/libQt6Pdf*"])
    assert [d for d, _s, _t in kept] == ["libQt6Core.so.6"] and len(gone) == 2


def elf64(tmp_path, offset, vaddr, align=0x1000):
    """A minimal ELF64 header with one PT_LOAD program header."""
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<QQ", header, 0x20, 64, 0)  # e_phoff, e_shoff
    struct.pack_into("<HHHHH", header, 0x36, 56, 1, 64, 0, 0)  # phentsize, phnum, shentsize, shnum, shstrndx
    ph = struct.pack("<IIQQQQQQ", 1, 5, offset, vaddr, vaddr, 0x100, 0x100, align)
    path = tmp_path / f"lib{offset:x}_{vaddr:x}.so"
    path.write_bytes(bytes(header) + ph)
    return path


def test_a_library_the_loader_would_refuse_is_detected(tmp_path):
    assert elf.loadable(elf64(tmp_path, 0x2000, 0x402000))
    assert not elf.loadable(elf64(tmp_path, 0x2010, 0x402000))  # what strip does to patchelf's output


def test_the_version_has_one_source():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "engine.__version__"}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == f"Pretrained Studio {__version__}"
