"""The Linux package (``build/debian.py``): its files, fields and menu entry on a small stand-in
folder (fast), then the real one made from the session's build, installed with ``dpkg -i``
where the machine allows (root, dpkg, no copy installed already), run from ``/usr/bin`` and
removed with ``dpkg -r`` leaving nothing behind."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from engine import __version__

from ..conftest import ROOT, fixture_image

sys.path.insert(0, str(ROOT / "build"))
import debian  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a .deb is a Linux package")
needs_dpkg_deb = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb is not installed")
INSTALLED = [Path("/opt/pretrained-studio"), Path("/usr/bin/pretrained-studio"),
             Path("/usr/share/applications/pretrained-studio.desktop"), Path("/usr/share/doc/pretrained-studio")]


def system_library(soname: str) -> Path:
    """Where this machine's loader finds ``soname`` (its native architecture)."""
    arch = {"x86_64": ",x86-64)", "aarch64": ",AArch64)"}.get(os.uname().machine, ")")
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout if shutil.which("ldconfig") else ""
    for line in out.splitlines():
        if line.strip().startswith(soname + " ") and arch in line:
            return Path(line.rsplit("=>", 1)[1].strip())
    pytest.skip(f"{soname} is not on this machine")


def stand_in_app(tmp_path: Path) -> Path:
    """A folder shaped like the build: two executables (one a link), a library, a private file."""
    app = tmp_path / "PretrainedStudio"
    (app / "_internal" / "resources").mkdir(parents=True)
    exe = app / "PretrainedStudio"
    exe.write_bytes(b"#!/bin/sh\necho stand-in\n")
    exe.chmod(0o700)
    (app / "pretrained-studio").symlink_to("PretrainedStudio")
    (app / "_internal" / "resources" / "note.txt").write_text("data")
    (app / "_internal" / "resources" / "note.txt").chmod(0o600)
    shutil.copyfile(system_library("libpng16.so.16"), app / "_internal" / "libpng16.so.16")
    return app


def highest_glibc(*paths: Path) -> str:
    """The highest GLIBC_ version the files ask for, read by binutils (independent of build/elf.py)."""
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) is not installed")
    versions = set()
    for path in paths:
        out = subprocess.run(["readelf", "-V", "-W", str(path)], capture_output=True, text=True).stdout
        versions |= {tuple(int(x) for x in v.split(".")[:2]) for v in re.findall(r"Name: GLIBC_([\d.]+)", out)}
    top = max(versions)
    return f"{top[0]}.{top[1]}"


def test_depends_names_the_system_libraries_the_bundle_needs(tmp_path):
    app = stand_in_app(tmp_path)
    png = app / "_internal" / "libpng16.so.16"
    assert debian.depends(app) == f"libc6 (>= {highest_glibc(png)}), zlib1g"  # libpng needs libz, libm, libc
    zlib = app / "_internal" / "libz.so.1"
    shutil.copyfile(system_library("libz.so.1"), zlib)  # now the bundle holds it
    assert debian.depends(app) == f"libc6 (>= {highest_glibc(png, zlib)})"


def test_a_system_library_without_a_known_package_stops_the_build(tmp_path, monkeypatch):
    app = stand_in_app(tmp_path)
    monkeypatch.delitem(debian.PACKAGE_OF, "libz.so.1")
    with pytest.raises(debian.PackageError, match=r"needs libz\.so\.1 from the system"):
        debian.depends(app)


def test_each_system_library_is_named_with_the_package_that_ships_it():
    """The table behind ``Depends``, checked against this machine's dpkg database (each soname
    the machine has: the package owning the file the loader finds)."""
    if shutil.which("dpkg-query") is None or shutil.which("ldconfig") is None:
        pytest.skip("needs dpkg and ldconfig (a Debian or Ubuntu machine)")
    arch = {"x86_64": ",x86-64)", "aarch64": ",AArch64)"}.get(os.uname().machine, ")")
    found = {}
    for line in subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout.splitlines():
        name = line.strip().split(" ", 1)[0]
        if name in debian.PACKAGE_OF and arch in line and name not in found:
            found[name] = line.rsplit("=>", 1)[1].strip()
    assert len(found) >= 5, found  # the C library's and most of Qt's are on any desktop or CI machine
    def candidates(path: str) -> list[str]:  # dpkg knows a file by the path its package gave (/lib or /usr/lib)
        real = os.path.realpath(path)
        return list(dict.fromkeys([path, real, real.removeprefix("/usr"), "/usr" + path]))

    every = sorted({c for path in found.values() for c in candidates(path)})
    owner_of: dict[str, set] = {}
    for line in subprocess.run(["dpkg-query", "-S", *every], capture_output=True, text=True).stdout.splitlines():
        packages, _, path = line.partition(": ")
        owner_of.setdefault(path.strip(), set()).update(p.strip().split(":")[0] for p in packages.split(","))
    for soname, path in found.items():
        packages = set().union(*(owner_of.get(c, set()) for c in candidates(path)))
        assert debian.PACKAGE_OF[soname] in packages, (soname, path, packages)


def test_the_desktop_entry_is_valid_and_opens_images(tmp_path):
    entry = debian.desktop_entry()
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert fields["Exec"] == "pretrained-studio %F" and fields["Icon"] == "pretrained-studio"
    import mimetypes

    from engine.images import IMAGE_EXTENSIONS

    offered = set(fields["MimeType"].rstrip(";").split(";"))
    decoded = {mimetypes.types_map.get(ext) for ext in IMAGE_EXTENSIONS} - {None}
    assert {"image/png", "image/jpeg", "image/tiff"} <= decoded <= offered, decoded - offered  # every type it opens
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    path = tmp_path / "pretrained-studio.desktop"
    path.write_text(entry)
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@needs_dpkg_deb
def test_the_package_installs_under_opt_with_a_launcher_menu_entry_and_icons(tmp_path):
    app = stand_in_app(tmp_path)
    deb = debian.build(app, tmp_path / "out", __version__, ROOT / "resources")
    assert deb.name == f"pretrained-studio_{__version__}_{debian.architecture()}.deb"
    fields = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True).stdout
    assert f"Version: {__version__}" in fields and "Package: pretrained-studio" in fields
    assert re.search(r"^Depends: libc6 \(>= [\d.]+\), zlib1g$", fields, re.M), fields
    listing = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True).stdout
    rows = {line.split()[-1] if " -> " not in line else line.split(" -> ")[0].split()[-1]: line
            for line in listing.splitlines()}
    assert all(" root/root " in line for line in listing.splitlines())
    assert rows["./usr/bin/pretrained-studio"].startswith("l") and "-> /opt/pretrained-studio/pretrained-studio" \
        in rows["./usr/bin/pretrained-studio"]
    assert rows["./opt/pretrained-studio/PretrainedStudio"].startswith("-rwxr-xr-x")
    assert rows["./opt/pretrained-studio/_internal/resources/note.txt"].startswith("-rw-r--r--")
    assert "./usr/share/applications/pretrained-studio.desktop" in rows
    assert "./usr/share/icons/hicolor/256x256/apps/pretrained-studio.png" in rows
    assert "./usr/share/icons/hicolor/scalable/apps/pretrained-studio.svg" in rows
    assert "./usr/share/doc/pretrained-studio/copyright" in rows
    # The build's own folder is left as it was, and nothing of the staging remains.
    assert oct((app / "_internal" / "resources" / "note.txt").stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [deb.name]


def _why_not_install() -> str:
    if shutil.which("dpkg") is None or shutil.which("dpkg-deb") is None:
        return "dpkg is not installed"
    if os.geteuid() != 0:
        return "installing a .deb needs root (dpkg -i); run the tests as root to include it"
    state = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "pretrained-studio"], capture_output=True, text=True)
    if "installed" in state.stdout.split() or any(os.path.lexists(p) for p in INSTALLED):
        return "Pretrained Studio is installed on this machine already; the test leaves it alone"
    return ""


def _missing_dependencies(deb: Path) -> list[str]:
    depends = subprocess.run(["dpkg-deb", "--field", str(deb), "Depends"], capture_output=True, text=True).stdout
    missing = []
    for item in filter(None, (d.strip() for d in depends.split(","))):
        name = item.split()[0]
        state = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True).stdout
        if "installed" not in state.split():
            missing.append(name)
    return missing


def test_the_real_package_installs_runs_and_uninstalls_cleanly(frozen, tmp_path):
    why = _why_not_install()
    if why:
        pytest.skip(why)
    # Uncompressed here, to spare the test a minute of xz; the format and the files are the same.
    deb = debian.build(frozen.app, tmp_path, __version__, ROOT / "resources", compression="none", level=0)
    missing = _missing_dependencies(deb)
    if missing:
        pytest.skip(f"the package depends on {', '.join(missing)}, not installed here (apt-get install them)")
    listed = []
    try:
        done = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 and "lock" in done.stderr:
            pytest.skip(f"dpkg is busy: {done.stderr.strip()[-300:]}")
        assert done.returncode == 0, done.stdout + done.stderr
        listed = subprocess.run(["dpkg-query", "-L", "pretrained-studio"], capture_output=True, text=True,
                                check=True).stdout.split("\n")
        home = Path(tempfile.mkdtemp(prefix="deb-home-", dir=tmp_path))
        env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
        version = subprocess.run(["pretrained-studio", "--version"], env=env, capture_output=True, text=True,
                                 timeout=120)
        assert version.stdout.strip() == f"Pretrained Studio {__version__}", version.stderr
        args = ["pretrained-studio", "predict", str(fixture_image("cat.png") if frozen.real_weights else
                                                     ROOT / "resources" / "samples" / "chelsea.png"),
                "--model", "MobileNetV2", "--offline", "--json", *frozen.weights()]
        predicted = subprocess.run(args, env=env, cwd=home, capture_output=True, text=True, timeout=900)
        assert predicted.returncode == 0, predicted.stderr[-3000:]
        top = json.loads(predicted.stdout)[0]["top"][0]
        if frozen.real_weights:
            assert 281 <= top["index"] <= 285 and "backend: OpenVINO" in predicted.stderr, (top, predicted.stderr)
        # The app wrote nothing into its install folder: it holds exactly what the package put there.
        under_opt = {str(p) for p in Path("/opt/pretrained-studio").rglob("*")}
        assert under_opt <= set(listed), sorted(under_opt - set(listed))[:10]
    finally:
        removed = subprocess.run(["dpkg", "-r", "pretrained-studio"], capture_output=True, text=True, timeout=600)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    left = [p for p in INSTALLED if os.path.lexists(p)]
    left += [p for p in listed if p.startswith(("/opt/", "/usr/share/icons/", "/usr/share/applications/"))
             and os.path.lexists(p) and not Path(p).is_dir()]
    assert not left, left
    state = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "pretrained-studio"], capture_output=True, text=True)
    assert "installed" not in state.stdout.split(), state.stdout
