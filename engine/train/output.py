"""Where a trained model goes, decided before training starts.

A run that trains for an hour and then finds it may not write its result has wasted the
hour; one that writes anyway may destroy the user's files.  :func:`plan` checks the
destination first and either returns a folder :func:`engine.train.bundle.save` will
accept, or raises a :class:`StudioError` saying why not and what to do:

* no destination given: a new folder in the models folder, named after the run; when
  that name is taken, ``NAME-2``, ``NAME-3``, … beside it (or, with ``overwrite``, the
  earlier bundle of ours of that name is replaced);
* a destination given: refused when it is, or is inside, a training or validation folder,
  when it is the current folder, a file, a link, or a folder holding anything but a bundle
  of ours; a bundle of ours is replaced only with ``overwrite``; a missing or empty folder
  is fine.  The parent folder must be writable (tried, not guessed).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Optional

from .. import fileio, paths, targets
from ..errors import StudioError
from ..pathnames import printable
from . import bundle


def default_name(model: str, data: str | os.PathLike, mode: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{model}-{Path(data).name}-{mode}")


def plan(out: Optional[str | os.PathLike], *, name: str, data_dirs: Iterable[str | os.PathLike],
         overwrite: bool = False, models_dir: Optional[Path] = None, inputs: Iterable = ()) -> Path:
    """The folder to write the bundle to (see the module docstring); ``inputs``: the model
    file, the model continued from, a weights file — never written over, even with ``overwrite``."""
    if out is None:
        root = models_dir or paths.user_models_dir()
        target = _free_name(root / name, overwrite)
        if any(_overlaps(target, given) for given in inputs):  # an input: never replaced, a new name instead
            target = _free_name(root / name, False)
    else:
        target = _given(out, data_dirs, "--out", inputs)
        why = bundle.refusal(target, bundle.state(target), overwrite)
        if why:
            raise StudioError(why)
    _check_writable(target)
    return target


def plan_export(out: str | os.PathLike, *, data_dirs: Iterable[str | os.PathLike], overwrite: bool = False,
                bundle_folder: Optional[Path] = None, inputs: Iterable = ()) -> Path:
    """The export folder, checked like a given bundle folder (an earlier export of ours may be replaced)."""
    from . import export, owned

    target = _given(out, data_dirs, "--export", inputs)
    if bundle_folder is not None and _real(target) == _real(bundle_folder):
        raise StudioError(f"--export '{printable(target)}' is the same folder as the trained model; give another.")
    why = owned.refusal(target, owned.state(target, export.is_export), overwrite, "an export")
    if why:
        raise StudioError(why)
    _check_writable(target)
    return target


def _given(out: str | os.PathLike, data_dirs: Iterable[str | os.PathLike], option: str, inputs: Iterable) -> Path:
    target = targets.check_name(out, option, make_parents=True)  # not '/', not too long
    _check_location(target, [Path(d) for d in data_dirs if d])
    for given in inputs:
        if _overlaps(target, given):
            raise StudioError(f"{option} '{printable(target)}' is, holds or lies inside '{printable(given)}', which "
                              "this run reads; give a folder of its own.")
    return target


def _overlaps(target: Path, given) -> bool:
    """Whether writing ``target`` could replace ``given`` (an input of the run): it is the same
    path, holds it (a model file inside the folder) or lies inside it (a folder continued from)."""
    if not given:
        return False
    t, g = _real(target), _real(Path(os.path.abspath(given)))
    return t == g or t in g.parents or g in t.parents


def _free_name(base: Path, overwrite: bool) -> Path:
    if overwrite and bundle.state(base) == "ours":
        return base
    n = 1
    candidate = base
    while bundle.state(candidate) not in ("absent", "empty"):
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def _check_location(target: Path, data_dirs: list[Path]) -> None:
    where = printable(target)
    real = _real(target)
    for d in data_dirs:
        dr = _real(Path(os.path.abspath(d)))
        if real == dr or dr in real.parents:
            raise StudioError(f"The output folder '{where}' is inside the training data '{printable(d)}': the "
                              "model would be mixed with your images. Choose a folder outside the data.")
        if real in dr.parents:
            raise StudioError(f"The output folder '{where}' contains the training data '{printable(d)}'. "
                              "Choose a folder of its own for the model.")
    if real == _real(Path.cwd()) or target.name in ("", ".", ".."):
        raise StudioError(f"The output '{where}' is the current folder; the trained model needs a folder of its "
                          f"own. Give a new name, e.g. --out ./my-model.")
    if target.is_symlink():
        raise StudioError(f"The output '{where}' is a link; give a real folder name.")


def _real(p: Path) -> Path:
    try:
        return p.resolve()
    except (OSError, RuntimeError):
        return p


def _check_writable(target: Path) -> None:
    """Create (and remove) a temp folder beside the target: the rename at the end needs one."""
    try:
        probe = fileio.temp_dir_beside(target)
        os.rmdir(probe)
    except OSError as exc:
        raise StudioError(f"The trained model cannot be written to '{printable(target)}': "
                          f"{exc.strerror or exc} in '{printable(target.parent)}'. Choose another folder.") from None
