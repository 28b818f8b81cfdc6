"""The ImageNet weights of a zoo model: which file it needs, where it is, import and remove.

The calls the model card, the command line and model building use.  They join the two
layers below: :mod:`engine.builder` (which knows models: which file Keras asks for, whether a
file loads, how to cut a no-top base from a full file) and :mod:`engine.weights` (which knows
files: where they are, whether they are intact).  The weights package receives the builder's
steps as functions, so it never imports the builder.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from . import builder, jobs, zoo
from .messages import msg
from .jobs import CancelToken, ProgressFn
from .weights import importing, resolve
from .weights.importing import ImportRecord, RemoveResult
from .weights.manifest import WeightsFile, entries, from_manifest
from .weights.status import WeightsStatus


def weights_file(model: str, variant=None) -> tuple[zoo.ModelSpec, zoo.Variant, WeightsFile]:
    """(spec, variant, WeightsFile) for a model name and variant (default variant when None)."""
    spec = zoo.get(model)
    variant = variant if variant is not None else zoo.Variant()
    return spec, variant, builder.weights_file_for(spec, variant)


def manifest_file(model: str, variant) -> Optional[tuple[str, WeightsFile]]:
    """(model name as Keras spells it, WeightsFile) from the manifest alone — no TensorFlow.

    None when the manifest does not list this variant (then :func:`weights_file` builds it).
    """
    names = {k.split("|", 1)[0] for k in entries()}
    name = next((n for n in names if n.lower() == model.lower()), None)
    wf = from_manifest(f"{name}|{variant.describe()}") if name else None
    return (name, wf) if wf is not None else None


def status_for(model: str, variant=None, offline_dirs: Iterable[str | os.PathLike] = (), *,
               cancel: Optional[CancelToken] = None) -> WeightsStatus:
    """Where a model's ImageNet weights come from, how they were checked, and any import.

    For the model card and ``weights status``: ``where`` is pack / imported / cache / offline
    / derived / missing; ``verdict.verified`` says whether a hash matched; ``imported`` and
    ``previous_import`` say what Remove would remove and bring back; ``tried`` every step.
    """
    spec, variant, wf = weights_file(model, variant)
    return resolve.locate(wf, offline_dirs, cancel=cancel, model=spec.name)


def import_weights(model: str, src: os.PathLike | str, variant=None, *, replace: bool = False,
                   progress: Optional[ProgressFn] = None) -> ImportRecord:
    """Import ``src`` as the ImageNet weights of ``model``/``variant``; proven to load first.

    Raises :class:`~engine.errors.WeightsFileError` with the reason when the file is not a
    Keras weights file, does not load into that model, or an import exists and ``replace``
    is off.  With ``replace`` the current import is kept as the previous one.
    """
    spec, variant, wf = weights_file(model, variant)
    key = builder.manifest_key(spec, variant)
    jobs.report(progress, 0.1, msg("weights.import_checking", "Checking that {file} loads into {model}",
                                   file=Path(src).name, model=spec.name))
    importing.import_file(src, wf, lambda p: builder.prove_loads(spec, variant, p), replace=replace,
                          model=key.rstrip("|"))
    jobs.report(progress, 1.0, msg("weights.imported", "Imported for {model}", model=spec.name))
    return importing.current(wf.filename)


def remove_import(model: str, variant=None) -> RemoveResult:
    """Remove the imported weights of ``model``/``variant``; the previous import comes back."""
    spec, variant, wf = weights_file(model, variant)
    return importing.remove(wf, spec.name)


def derive_notop(name: str, full_variant, notop_variant, full_path: Path, out: Path) -> None:
    """The builder's no-top derivation, in the shape :mod:`engine.weights.notop` calls it."""
    builder.derive_notop_file(zoo.get(name), full_variant, notop_variant, full_path, out)


def resolver(spec: zoo.ModelSpec, policy, progress: Optional[ProgressFn],
             cancel: Optional[CancelToken]):
    """A ``get_file`` answer for the builder (``policy``: an :class:`engine.models.WeightsPolicy`): the one search of :func:`engine.weights.locate`
    with deriving and (if the policy allows) downloading, else a clear error.

    Bad copies passed over are logged (the command line shows them on stderr), shown as a
    progress message, and listed in the error when nothing usable is left.
    """
    def answer(wf: WeightsFile) -> str:
        found = resolve.locate(wf, policy.offline_dirs, cancel=cancel, model=spec.name, report=True,
                               progress=progress, derive=derive_notop, allow_download=policy.allow_download,
                               mirror=policy.mirror)
        if found.path is None:
            raise resolve.missing_error(spec.name, wf, policy.offline_dirs, problems=found.problems)
        return str(found.path)

    return answer
