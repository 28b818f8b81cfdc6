"""Find, download (verified) and import ImageNet weight files.

Which file a model needs is what Keras itself would ask for: the file name, URL and hash
are captured from the ``get_file`` call inside ``keras.applications`` (see
:mod:`engine.builder`), pre-computed for the usual variants in
``resources/weights_manifest.json`` so that listing the zoo builds nothing.

Resolution order for ``weights="imagenet"``: the Keras cache (``$KERAS_HOME`` or
``~/.keras``, same file names, so weights Keras already downloaded are reused), the user's
offline folders, the app's imported-weights folder, then a download.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from . import fileio, jobs, paths
from .errors import WeightsDownloadError, WeightsFileError, WeightsMissingError
from .jobs import CancelToken, ProgressFn

KERAS_WEIGHTS_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class WeightsFile:
    """One weight file as Keras names it."""

    filename: str
    url: str
    file_hash: Optional[str] = None


@dataclass(frozen=True)
class WeightsStatus:
    file: Optional[WeightsFile]
    where: str  # "pack", "cache", "offline", "imported", "missing", "unknown"
    path: Optional[Path] = None

    @property
    def available(self) -> bool:
        return self.path is not None


def imported_dir() -> Path:
    return paths.user_data_dir() / "weights"


def search_dirs(offline_dirs: Iterable[str | os.PathLike] = ()) -> list[tuple[str, Path]]:
    """Folders searched for a weight file, in order, with a label for each."""
    dirs = []
    bundled = paths.bundled_pack_dir()
    if bundled is not None:  # an installer's own pack: no network, nothing to write
        dirs.append(("pack", bundled))
    dirs.append(("cache", paths.keras_models_cache()))
    for d in offline_dirs:
        d = Path(d).expanduser()
        dirs.append(("offline", d))
        dirs.append(("offline", d / "models"))
    dirs.append(("imported", imported_dir()))
    return dirs


def locate(wf: WeightsFile, offline_dirs: Iterable[str | os.PathLike] = ()) -> WeightsStatus:
    for where, folder in search_dirs(offline_dirs):
        candidate = folder / wf.filename
        if candidate.is_file() and candidate.stat().st_size > 0:
            return WeightsStatus(wf, where, candidate)
    return WeightsStatus(wf, "missing", None)


def missing_error(model: str, wf: WeightsFile, offline_dirs=(), why: str = "") -> WeightsMissingError:
    searched = [str(folder) for _, folder in search_dirs(offline_dirs)]
    return WeightsMissingError(model, wf.filename, searched, wf.url, why)


# -- manifest ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _manifest() -> dict:
    path = paths.resources_dir() / "weights_manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"entries": {}}


def from_manifest(key: str) -> Optional[WeightsFile]:
    entry = _manifest().get("entries", {}).get(key)
    if entry is None:
        return None
    return WeightsFile(entry["filename"], entry["url"], entry.get("file_hash"))


# -- download ----------------------------------------------------------------------------

def mirror_url(wf: WeightsFile, mirror: str = "") -> str:
    """The URL to fetch from: Keras' own, or the same path under a configured mirror."""
    mirror = mirror or os.environ.get("PRETRAINED_STUDIO_WEIGHTS_MIRROR", "")
    if not mirror:
        return wf.url
    base = mirror.rstrip("/") + "/"
    if wf.url.startswith(KERAS_WEIGHTS_BASE):
        return base + wf.url[len(KERAS_WEIGHTS_BASE):]
    return base + wf.filename


def file_digest(path: Path, algorithm: str, cancel: Optional[CancelToken] = None) -> str:
    h = hashlib.new(algorithm)
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            jobs.check(cancel)
            h.update(chunk)
    return h.hexdigest()


def hash_algorithm(file_hash: str) -> str:
    """Keras' rule: a 64-character hash is sha256, anything else md5."""
    return "sha256" if len(file_hash) == 64 else "md5"


def download(
    wf: WeightsFile,
    *,
    mirror: str = "",
    dest_dir: Optional[Path] = None,
    progress: Optional[ProgressFn] = None,
    cancel: Optional[CancelToken] = None,
    timeout: float = 30.0,
) -> Path:
    """Download ``wf`` into the Keras cache; verify it; only then give it its real name.

    On any failure (network, dropped connection, wrong size, hash mismatch, cancel) the
    partial file is removed and the cache holds nothing new.
    """
    dest_dir = Path(dest_dir or paths.keras_models_cache())
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / wf.filename
    url = mirror_url(wf, mirror)
    jobs.report(progress, 0.0, f"Connecting to {url}")
    try:
        with fileio.atomic_path(target) as tmp:
            _fetch(url, tmp, wf.filename, progress, cancel, timeout)
            if wf.file_hash:
                jobs.report(progress, 1.0, "Verifying")
                algo = hash_algorithm(wf.file_hash)
                got = file_digest(tmp, algo, cancel)
                if got != wf.file_hash:
                    raise WeightsDownloadError(
                        f"The downloaded '{wf.filename}' is damaged or not the expected file "
                        f"({algo} {got[:12]}… instead of {wf.file_hash[:12]}…). It was deleted; "
                        "try again, or check the mirror you configured."
                    )
    except (urllib.error.URLError, OSError, ValueError) as exc:
        if isinstance(exc, WeightsDownloadError):
            raise
        raise WeightsDownloadError(
            f"Could not download '{wf.filename}' from {url}: {_reason(exc)}. Nothing was kept. "
            "Check the network connection, or copy the file into an offline weights folder."
        ) from exc
    jobs.report(progress, 1.0, f"Saved {target}")
    return target


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"the server answered {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"the server could not be reached ({exc.reason})"
    return str(exc) or type(exc).__name__


def _fetch(url, tmp: Path, name: str, progress, cancel, timeout) -> None:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        total = int(resp.headers.get("Content-Length") or 0)
        done = 0
        with open(tmp, "wb") as out:
            while True:
                jobs.check(cancel)
                chunk = resp.read(_CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if total:
                    jobs.report(progress, done / total, f"Downloading {name}: {done / 1e6:.1f} of {total / 1e6:.1f} MB")
                else:
                    jobs.report(progress, 0.0, f"Downloading {name}: {done / 1e6:.1f} MB")
    if total and done != total:
        raise WeightsDownloadError(
            f"The connection closed after {done} of {total} bytes of '{name}'. Nothing was kept; try again."
        )


# -- import ------------------------------------------------------------------------------

def import_file(src: Path, wf: WeightsFile, check_loads) -> Path:
    """Copy a user's weight file into the imported-weights folder after it loads.

    ``check_loads(path)`` must build the model with those weights and raise if they do not
    fit; only then is the file copied (atomically) under the name Keras would look for.
    """
    src = Path(src)
    if not src.is_file():
        raise WeightsFileError(f"'{src}' is not a file.")
    try:
        check_loads(src)
    except Exception as exc:  # any Keras load error means "does not fit"
        raise WeightsFileError(
            f"'{src.name}' does not fit this model, so it was not imported: {exc}"
        ) from exc
    target = imported_dir() / wf.filename
    with fileio.atomic_path(target) as tmp:
        shutil.copyfile(src, tmp)
    return target
