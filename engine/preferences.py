"""User preferences: a small versioned JSON file shared by the GUI and the command line.

Window geometry lives in QSettings (GUI only); everything that changes what the engine
does lives here, so the command line and the GUI agree.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Optional

from . import fileio, paths

SCHEMA_VERSION = 1
RESIZE_POLICIES = ("stretch", "crop")
INFERENCE_BACKENDS = ("auto", "keras", "openvino", "openvino-bf16")  # engine.backends.CHOICES


@dataclass
class Preferences:
    offline_weights_dirs: list[str] = field(default_factory=list)
    default_model: str = "MobileNetV2"
    top_k: int = 5
    resize_policy: str = "stretch"
    # Base URL replacing Keras' weight server, e.g. a lab's local mirror.
    weights_mirror: str = ""
    # What runs forward-only work (engine.backends.CHOICES): auto, keras, openvino, openvino-bf16.
    inference_backend: str = "auto"

    def validated(self) -> "Preferences":
        if self.resize_policy not in RESIZE_POLICIES:
            self.resize_policy = "stretch"
        if self.inference_backend not in INFERENCE_BACKENDS:
            self.inference_backend = "auto"
        self.top_k = max(1, min(20, int(self.top_k)))
        self.offline_weights_dirs = [str(d) for d in self.offline_weights_dirs if str(d).strip()]
        return self


def load(path: Optional[Path] = None) -> Preferences:
    """Read preferences; a missing or unreadable file gives the defaults (never an error)."""
    path = path or paths.preferences_file()
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    data = _migrate(raw)
    known = {f.name for f in fields(Preferences)}
    try:
        return Preferences(**{k: v for k, v in data.items() if k in known}).validated()
    except (TypeError, ValueError):
        return Preferences()


def save(prefs: Preferences, path: Optional[Path] = None) -> None:
    path = path or paths.preferences_file()
    data = asdict(prefs.validated())
    data["version"] = SCHEMA_VERSION
    fileio.write_json(path, data)


def _migrate(raw: dict) -> dict:
    """Bring older files up to the current schema (version 1 is the first)."""
    raw = dict(raw)
    raw.pop("version", None)
    return raw
