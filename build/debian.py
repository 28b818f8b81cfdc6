"""The Linux package: a ``.deb`` that installs the one-folder app for every user of a machine.

    /opt/pretrained-studio/                               the app folder (never written to at run time)
    /usr/bin/pretrained-studio                            a link to the command-line executable
    /usr/share/applications/pretrained-studio.desktop     the menu entry; opens images ("Open with")
    /usr/share/icons/hicolor/*/apps/pretrained-studio.*   its icon at every size, and scalable
    /usr/share/doc/pretrained-studio/copyright

Built with ``dpkg-deb`` (every file owned by root).  No maintainer scripts: the desktop
database and icon caches are refreshed by dpkg's triggers on those folders, and removal leaves
nothing behind because the app writes only into each user's own folders.  ``Depends`` lists
the packages of the system libraries the bundle still needs (read from its ELF files: the
OpenGL/EGL and X11 connection libraries Qt links, and the C library at the version the
libraries require); a library not in :data:`PACKAGE_OF` stops the build, so a new system
dependency is never shipped unnamed.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import elf

NAME = "pretrained-studio"
PREFIX = Path("opt") / NAME
MAINTAINER = "Pretrained Studio developers <maintainers@pretrainedstudio.org>"
SUMMARY = "Desktop studio for ImageNet-pretrained Keras models"
DESCRIPTION = """\
 Predict, explain, retrain and compare ImageNet-pretrained convolutional networks
 (Keras Applications) on your own images, with OpenVINO on the CPU.
 .
 This package carries its own Python, TensorFlow (CPU), OpenVINO and Qt in
 /opt/pretrained-studio: it needs no Python on the machine.  The window is in the
 desktop's menu and opens images with "Open with"; the command line is
 pretrained-studio (predict, explain, train, weights ...)."""
# The image types the app decodes (engine.images.IMAGE_EXTENSIONS).
MIME_TYPES = ["image/png", "image/jpeg", "image/bmp", "image/gif", "image/webp", "image/tiff"]
# Debian package of each system library the bundle may need (sonames PyInstaller leaves to
# the system: the C library, and the OpenGL, EGL and X11 connection libraries Qt loads).
PACKAGE_OF = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6", "libpthread.so.0": "libc6",
    "librt.so.1": "libc6", "libutil.so.1": "libc6", "libresolv.so.2": "libc6", "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libOpenGL.so.0": "libopengl0", "libGLX.so.0": "libglx0",
    "libxcb.so.1": "libxcb1", "libX11.so.6": "libx11-6", "libX11-xcb.so.1": "libx11-xcb1",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6", "libz.so.1": "zlib1g",
    "libglib-2.0.so.0": "libglib2.0-0", "libdbus-1.so.3": "libdbus-1-3",
}
ARCHITECTURES = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}


class PackageError(RuntimeError):
    """The package cannot be made here, or the bundle needs something this module cannot name."""


def architecture() -> str:
    machine = platform.machine().lower()
    if machine not in ARCHITECTURES:
        raise PackageError(f"no Debian architecture known for {machine}")
    return ARCHITECTURES[machine]


def file_name(version: str) -> str:
    return f"{NAME}_{version}_{architecture()}.deb"


def system_needs(app: Path) -> tuple[list[str], str]:
    """(sonames the bundle needs that it does not hold, the highest ``GLIBC_`` version asked)."""
    held, needed, glibc = set(), set(), (2, 17)
    files = [p for p in app.rglob("*") if p.is_file() and not p.is_symlink() and elf.is_elf(p)]
    for path in app.rglob("*"):
        held.add(path.name)
    for path in files:
        libraries, versions = elf.needs(path)
        needed.update(libraries)
        for v in versions:
            m = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", v)
            if m:
                glibc = max(glibc, (int(m.group(1)), int(m.group(2))))
    return sorted(needed - held), f"{glibc[0]}.{glibc[1]}"


def depends(app: Path) -> str:
    """The ``Depends`` field for the bundle, e.g. ``libc6 (>= 2.28), libegl1, libgl1, libxcb1``."""
    missing, glibc = system_needs(app)
    unknown = [s for s in missing if s not in PACKAGE_OF]
    if unknown:
        raise PackageError(f"the app needs {', '.join(unknown)} from the system, and build/debian.py does not "
                           "know their Debian packages: add them to PACKAGE_OF")
    packages = sorted({PACKAGE_OF[s] for s in missing} | {"libc6"})
    return ", ".join(f"libc6 (>= {glibc})" if p == "libc6" else p for p in packages)


def desktop_entry() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=Pretrained Studio",
        "GenericName=Image Classifier",
        "Comment=Predict, explain and retrain ImageNet-pretrained networks on your images",
        f"Exec={NAME} %F",
        f"TryExec={NAME}",
        f"Icon={NAME}",
        "Terminal=false",
        "Categories=Science;ArtificialIntelligence;ImageProcessing;",
        "Keywords=neural network;deep learning;ImageNet;Keras;TensorFlow;OpenVINO;Grad-CAM;classify;",
        "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
        "StartupNotify=true",
        "",
    ])


def copyright_file() -> str:
    return "\n".join([
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        "Upstream-Name: Pretrained Studio",
        "",
        "Files: *",
        "Copyright: Pretrained Studio developers",
        "License: Apache-2.0",
        " On Debian systems the full text of the Apache License 2.0 is in",
        " /usr/share/common-licenses/Apache-2.0.  The libraries bundled in /opt/pretrained-studio",
        " carry their own licenses beside them.",
        "",
    ])


def _installed_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if not path.is_symlink() and path.is_file():
            total += path.stat().st_size
    return (total + 1023) // 1024


def _mode(path: Path) -> int:
    """What dpkg expects of a package's files: folders and executables 0755, the rest 0644."""
    return 0o755 if path.is_dir() or path.stat().st_mode & stat.S_IXUSR else 0o644


def _place(src: Path, dst: Path) -> None:
    """The app folder into the package tree, links kept as links.  Files already in dpkg's
    modes are hard-linked where the file system allows (1.2 GB is not copied); the others are
    copied and given them (the build's own folder is left as it is)."""
    for folder, dirs, files in os.walk(src):
        rel = Path(folder).relative_to(src)
        (dst / rel).mkdir(mode=0o755, parents=True, exist_ok=True)
        (dst / rel).chmod(0o755)
        for name in dirs + files:
            s, d = Path(folder) / name, dst / rel / name
            if s.is_symlink():
                d.symlink_to(os.readlink(s))
            elif s.is_file():
                want = _mode(s)
                if stat.S_IMODE(s.stat().st_mode) == want:
                    try:
                        os.link(s, d)
                        continue
                    except OSError:
                        pass
                shutil.copy2(s, d)
                d.chmod(want)


def stage(app: Path, tree: Path, version: str, resources: Path) -> Path:
    """The package's file tree under ``tree`` (made afresh)."""
    if tree.exists():
        shutil.rmtree(tree)
    _place(app, tree / PREFIX)
    usr = tree / "usr"
    (usr / "bin").mkdir(parents=True)
    (usr / "bin" / NAME).symlink_to(f"/{PREFIX}/{NAME}")
    share = usr / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{NAME}.desktop").write_text(desktop_entry(), encoding="utf-8")
    for png in sorted((resources / "icons").glob(f"{NAME}-*.png")):
        size = png.stem.rsplit("-", 1)[1]
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, folder / f"{NAME}.png")
    svg = resources / "icons" / f"{NAME}.svg"
    if svg.is_file():
        folder = share / "icons" / "hicolor" / "scalable" / "apps"
        folder.mkdir(parents=True)
        shutil.copyfile(svg, folder / f"{NAME}.svg")
    doc = share / "doc" / NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_file(), encoding="utf-8")
    control = tree / "DEBIAN"
    control.mkdir()
    (control / "control").write_text("\n".join([
        f"Package: {NAME}",
        f"Version: {version}",
        f"Architecture: {architecture()}",
        f"Maintainer: {MAINTAINER}",
        f"Installed-Size: {_installed_kib(tree)}",
        f"Depends: {depends(app)}",
        "Section: science",
        "Priority: optional",
        f"Description: {SUMMARY}",
        DESCRIPTION,
        "",
    ]), encoding="utf-8")
    for path in [tree, *[p for p in tree.rglob("*") if not p.is_relative_to(tree / PREFIX)]]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    return tree


def build(app: Path, out_dir: Path, version: str, resources: Path, compression: str = "xz", level: int = 1) -> Path:
    """``out_dir/pretrained-studio_VERSION_ARCH.deb`` from the one-folder ``app``; written beside
    and renamed into place when complete.  ``xz`` at level 1: about the size of ``--xz`` archives,
    in a minute or two (level 6 takes several times longer for a few percent)."""
    if not sys.platform.startswith("linux"):
        raise PackageError("a .deb is built on Linux")
    if shutil.which("dpkg-deb") is None:
        raise PackageError("dpkg-deb is not installed (Debian/Ubuntu: apt-get install dpkg)")
    target = out_dir / file_name(version)
    tree = out_dir / f".{NAME}-deb-tree.{os.getpid()}"
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        stage(app, tree, version, resources)
        done = subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}", "--build",
                               str(tree), str(partial)], capture_output=True, text=True)
        if done.returncode != 0:
            raise PackageError(f"dpkg-deb failed: {done.stderr.strip() or done.stdout.strip()}")
        os.replace(partial, target)
    finally:
        shutil.rmtree(tree, ignore_errors=True)
        partial.unlink(missing_ok=True)
    return target
