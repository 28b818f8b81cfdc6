"""Where the app keeps its files, and where Keras keeps its weight cache.

``PRETRAINED_STUDIO_HOME`` overrides the user data folder (tests and portable installs
use it).  The Keras cache follows Keras' own rule so that weights Keras already
downloaded are reused: ``$KERAS_HOME`` or ``~/.keras``, and a temp folder when that is
not writable.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

APP_DIR_NAME = "PretrainedStudio"


def user_data_dir() -> Path:
    """Folder for preferences, the user's trained models and benchmark records."""
    override = os.environ.get("PRETRAINED_STUDIO_HOME")
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_DIR_NAME


def user_cache_dir() -> Path:
    """Folder for files the app can make again at any time (matplotlib's font list)."""
    override = os.environ.get("PRETRAINED_STUDIO_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_DIR_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_DIR_NAME
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / APP_DIR_NAME


def user_models_dir() -> Path:
    return user_data_dir() / "models"


def preferences_file() -> Path:
    return user_data_dir() / "preferences.json"


def keras_home() -> Path:
    """The folder Keras caches into (same logic as ``keras.utils.get_file``)."""
    if "KERAS_HOME" in os.environ:
        return Path(os.environ["KERAS_HOME"]).expanduser()
    home = Path.home() / ".keras"
    if _writable(home):
        return home
    return Path(tempfile.gettempdir()) / ".keras"


def keras_models_cache() -> Path:
    return keras_home() / "models"


def _writable(folder: Path) -> bool:
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return os.access(probe, os.W_OK)


def bundled_pack_dir() -> Path | None:
    """The weight pack frozen into an installer build (``build/package.py --bundle-weights``).

    Read-only: the app never writes into its install folder.  ``None`` when running from
    source or when the build carries no pack.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if not bundle:
        return None
    folder = Path(bundle) / "weights_pack"
    return folder if folder.is_dir() else None


def resources_dir() -> Path:
    """``resources/`` beside the packages, also inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
