"""User preferences: a small versioned JSON file shared by the GUI and the command line.

Window geometry lives in QSettings (GUI only); everything that changes what the engine
does lives here, so the command line and the GUI agree.

The file is read field by field: a field with a wrong type or value (``1e400``,
``Infinity``, ``NaN``, a number where a list belongs, ``"abc"`` for a list of folders)
falls back to its default and is reported once — a line on stderr for the command line,
a notice in the window — while every good field is kept.  Reading never raises.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from . import fileio, paths, safefiles

SCHEMA_VERSION = 1
RESIZE_POLICIES = ("stretch", "crop")
TOP_K_RANGE = (1, 20)
MAX_FILE_BYTES = 1 << 20
INFERENCE_BACKENDS = ("auto", "keras", "openvino", "openvino-bf16")  # engine.backends.CHOICES
FEATURE_CACHE_GB_RANGE = (0.1, 1024.0)


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
    # The training feature cache's size cap in GB; the least recently used entries go first.
    feature_cache_gb: float = 4.0

    def validated(self) -> "Preferences":
        """The same preferences with every bad field replaced by its default."""
        data, _ = _check_fields(asdict(self))
        return Preferences(**data)


class _Bad(ValueError):
    pass


def _folders(v: Any) -> list[str]:
    if not isinstance(v, list):
        raise _Bad(f"a list of folders is expected, not {_kind(v)}")
    if not all(isinstance(d, str) for d in v):
        raise _Bad("every folder must be text")
    return [d for d in v if d.strip()]


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise _Bad(f"text is expected, not {_kind(v)}")
    return v


def _model(v: Any) -> str:
    v = _text(v).strip()
    if not v:
        raise _Bad("a model name is expected")
    return v


def _top_k(v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Bad(f"a whole number is expected, not {_kind(v)}")
    if isinstance(v, float) and (not math.isfinite(v) or v != int(v)):
        raise _Bad(f"a whole number is expected, not {v!r}")
    if not TOP_K_RANGE[0] <= v <= TOP_K_RANGE[1]:
        raise _Bad(f"{int(v)} is out of range ({TOP_K_RANGE[0]} to {TOP_K_RANGE[1]})")
    return int(v)


def _policy(v: Any) -> str:
    if v not in RESIZE_POLICIES:
        raise _Bad(f"use one of {', '.join(RESIZE_POLICIES)}, not {v!r}")
    return v


def _mirror(v: Any) -> str:
    v = _text(v).strip()
    if v and not v.lower().startswith(("http://", "https://")):
        raise _Bad(f"an http:// or https:// address is expected, not {v!r}")
    return v


def _backend(v: Any) -> str:
    if v not in INFERENCE_BACKENDS:
        raise _Bad(f"use one of {', '.join(INFERENCE_BACKENDS)}, not {v!r}")
    return v


def _cache_gb(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _Bad(f"a number of gigabytes is expected, not {_kind(v)}")
    low, high = FEATURE_CACHE_GB_RANGE
    if not math.isfinite(v) or not low <= v <= high:
        raise _Bad(f"{v!r} is out of range ({low} to {high:g} GB)")
    return float(v)


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "offline_weights_dirs": _folders, "default_model": _model, "top_k": _top_k,
    "resize_policy": _policy, "weights_mirror": _mirror, "inference_backend": _backend,
    "feature_cache_gb": _cache_gb,
}


def _kind(v: Any) -> str:
    return {str: "text", bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "an object", type(None): "null"}.get(type(v), type(v).__name__)


def _check_fields(raw: dict) -> tuple[dict, list[str]]:
    defaults = asdict(Preferences())
    data, problems = {}, []
    for name, check in _CHECKS.items():
        if name not in raw:
            data[name] = defaults[name]
            continue
        try:
            data[name] = check(raw[name])
        except _Bad as exc:
            data[name] = defaults[name]
            problems.append(f"'{name}': {exc}; the default ({defaults[name]!r}) is used")
    return data, problems


def load_report(path: Optional[Path] = None) -> tuple[Preferences, list[str]]:
    """(preferences, problems found): bad fields become defaults, good ones are kept.

    A file that cannot be used at all (not a regular file — a FIFO would hang every command,
    a link to ``/dev/zero`` never ends —, over 1 MB, not JSON, not an object) is set aside as
    ``preferences.json.unreadable-TIME`` and said once; defaults are used."""
    path = Path(path or paths.preferences_file())
    where = f"preferences file {path}"
    raw, problem = safefiles.read_state_report(path, what="the preferences file", cap=MAX_FILE_BYTES,
                                               check=_an_object)
    if problem:
        _set_aside[str(path)] = problem
        return Preferences(), [problem]
    if raw is None:  # none, or set aside earlier in this process: said again for the window's notice
        return Preferences(), [_set_aside[str(path)]] if str(path) in _set_aside else []
    _set_aside.pop(str(path), None)
    data, problems = _check_fields(_migrate(raw))
    return Preferences(**data), [f"{where}: {p}" for p in problems]


_set_aside: dict[str, str] = {}


def _an_object(raw) -> str:
    return "" if isinstance(raw, dict) else f"holds {_kind(raw)}, not an object of settings"


def load(path: Optional[Path] = None) -> Preferences:
    """Read preferences; a missing or unreadable file or field gives the defaults (never an error)."""
    return load_report(path)[0]


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
