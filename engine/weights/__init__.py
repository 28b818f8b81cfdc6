"""Find, verify, download, import and pack ImageNet weight files.

Which file a model needs is what Keras itself would ask for: the file name, URL and hash
are captured from the ``get_file`` call inside ``keras.applications`` (see
:mod:`engine.builder`), pre-computed for the usual variants in
``resources/weights_manifest.json`` (with a sha256/size or a structure fingerprint for every
file) so that listing the zoo builds nothing.

- :mod:`.sources` — the search order, :func:`locate` (every copy verified before use) and
  :func:`peek` (where it would come from, reading no file: for lists and the model card)
- :mod:`.verify` — hash / size / structure checks, memoised per file state
- :mod:`.download` — capped, stall-proof, cancellable, verified downloads
- :mod:`.importing` — import (proven to load, format kept), replace, remove
- :mod:`.notop` — the no-top base derived from a full file
- :mod:`.packs`, :mod:`.packing` — weight packs for offline labs

This module holds the calls the GUI's model card and the command line use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from ..jobs import CancelToken, ProgressFn
from .download import download, mirror_url
from .importing import ImportRecord, RemoveResult, import_file, imported_dir
from .manifest import (GLOBAL_DOWNLOAD_CAP, KERAS_WEIGHTS_BASE, WeightsFile, from_manifest,
                       hash_algorithm, official_checks)
from .packing import PackReport, make_pack
from .sources import Problem, WeightsStatus, locate, missing_error, peek, search_dirs
from .verify import Verdict, verify_file

__all__ = [
    "GLOBAL_DOWNLOAD_CAP", "KERAS_WEIGHTS_BASE", "ImportRecord", "PackReport", "Problem", "RemoveResult",
    "Verdict", "WeightsFile", "WeightsStatus", "download", "from_manifest", "hash_algorithm", "import_file",
    "import_weights", "imported_dir", "locate", "make_pack", "mirror_url", "missing_error", "official_checks",
    "peek", "remove_import", "search_dirs", "status_for", "verify_file", "weights_file",
]


def weights_file(model: str, variant=None) -> tuple[object, object, WeightsFile]:
    """(spec, variant, WeightsFile) for a model name and variant (default variant when None)."""
    from .. import builder, zoo

    spec = zoo.get(model)
    variant = variant if variant is not None else zoo.Variant()
    return spec, variant, builder.weights_file_for(spec, variant)


def manifest_file(model: str, variant) -> Optional[tuple[str, WeightsFile]]:
    """(model name as Keras spells it, WeightsFile) from the manifest alone — no TensorFlow.

    None when the manifest does not list this variant (then :func:`weights_file` builds it).
    """
    from .manifest import entries

    names = {k.split("|", 1)[0] for k in entries()}
    name = next((n for n in names if n.lower() == model.lower()), None)
    wf = from_manifest(f"{name}|{variant.describe()}") if name else None
    return (name, wf) if wf is not None else None


def status_for(model: str, variant=None, offline_dirs: Iterable[str | os.PathLike] = (), *,
               cancel: Optional[CancelToken] = None) -> WeightsStatus:
    """Where a model's ImageNet weights come from, how they were checked, and any import.

    For the model card and ``weights status``: ``where`` is pack / imported / cache / offline
    / derived / missing; ``verdict.verified`` says whether a hash matched; ``imported`` and
    ``previous_import`` say what Remove would remove and bring back.
    """
    spec, variant, wf = weights_file(model, variant)
    return locate(wf, offline_dirs, cancel=cancel, model=spec.name)


def import_weights(model: str, src: os.PathLike | str, variant=None, *, replace: bool = False,
                   progress: Optional[ProgressFn] = None) -> ImportRecord:
    """Import ``src`` as the ImageNet weights of ``model``/``variant``; proven to load first.

    Raises :class:`~engine.errors.WeightsFileError` with the reason when the file is not a
    Keras weights file, does not load into that model, or an import exists and ``replace``
    is off.  With ``replace`` the current import is kept as the previous one.
    """
    from .. import builder, jobs
    from .importing import current, prove_loads

    spec, variant, wf = weights_file(model, variant)
    key = builder.manifest_key(spec, variant)
    jobs.report(progress, 0.1, f"Checking that {Path(src).name} loads into {spec.name}")
    import_file(src, wf, lambda p: prove_loads(spec, variant, p), replace=replace, model=key.rstrip("|"))
    jobs.report(progress, 1.0, f"Imported for {spec.name}")
    return current(wf.filename)


def remove_import(model: str, variant=None) -> RemoveResult:
    """Remove the imported weights of ``model``/``variant``; the previous import comes back."""
    from .importing import remove

    spec, variant, wf = weights_file(model, variant)
    return remove(wf, spec.name)
