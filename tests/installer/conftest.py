"""One PyInstaller build per session (``build/package.py --no-archive`` into a temp folder, with
a weight pack holding the fixture MobileNetV2 weights when the fixtures are here), shared by
the frozen-app and Linux-package tests.

``PRETRAINED_STUDIO_FROZEN_APP=dist/PretrainedStudio`` runs the checks against an existing
build instead (the pack checks run when that build carries a pack).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import MOBILENET_V2_H5, ROOT
from .frozen_app import APP, Frozen, make_pack

sys.path.insert(0, str(ROOT / "build"))
import sizes  # noqa: E402

BUILD_TIMEOUT = 1800


@pytest.fixture(scope="session")
def frozen(tmp_path_factory):
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e \".[build]\")")
    base = tmp_path_factory.mktemp("frozen")
    home = base / "home"
    home.mkdir()
    existing = os.environ.get("PRETRAINED_STUDIO_FROZEN_APP")
    if existing:
        app = Path(existing).resolve()
        has_pack = (sizes.internal_dir(app) / "weights_pack" / "weights-pack.json").is_file()
    else:
        has_pack = MOBILENET_V2_H5.is_file()
        cmd = [sys.executable, str(ROOT / "build" / "package.py"), "--no-archive",
               "--dist", str(base / "dist"), "--work", str(base / "work")]
        if has_pack:
            cmd += ["--bundle-weights", str(make_pack(base / "pack"))]
        built = subprocess.run(cmd, capture_output=True, text=True, timeout=BUILD_TIMEOUT, cwd=ROOT)
        if built.returncode == 2 and "pip could not download" in built.stderr:
            pytest.skip(f"the Linux build bundles tensorflow-cpu, which pip could not fetch here: "
                        f"{built.stderr.strip()[-500:]}")
        if built.returncode != 0:
            pytest.fail(f"the build failed ({built.returncode})\n{built.stdout[-3000:]}\n{built.stderr[-6000:]}")
        print(built.stdout)
        app = base / "dist" / (f"{APP}.app" if sys.platform == "darwin" else APP)
    app_runs = Frozen(app, home, has_pack)
    app_runs.start_all()
    yield app_runs
    app_runs.close()
