"""Class names for a model file: from our metadata (a bundle's ``model.keras``), a
``labels.txt`` beside it, or numbered.

Teachable Machine writes one class a line as ``0 cat`` (index, space, name); our own export
and many tutorials write just the name.  A file mixing both, or whose indices are not
0, 1, 2 … in order, is read as plain names (the index is then part of the name) only when no
line carries an index; otherwise it is refused with the line at fault.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..errors import StudioError
from ..pathnames import printable

LABELS_FILE = "labels.txt"
MAX_BYTES = 4 << 20
_INDEXED = re.compile(r"^(\d+)[ \t]+(\S.*)$")


def parse(text: str, where: str = LABELS_FILE) -> list[str]:
    """Names in output order from a labels text (``0 cat`` lines, or one name a line)."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise StudioError(f"'{where}' holds no class names. Write one name a line (or '0 cat' lines).")
    matches = [_INDEXED.match(ln) for ln in lines]
    if all(matches) and [int(m.group(1)) for m in matches] == list(range(len(lines))):
        return [m.group(2).strip() for m in matches]
    if all(matches):
        raise StudioError(f"'{where}' numbers its classes out of order "
                          f"({', '.join(m.group(1) for m in matches[:6])} …): they must be 0, 1, 2 … in order.")
    return lines


def beside(model_path: str | Path) -> Optional[Path]:
    """The ``labels.txt`` in the model file's folder, if there is one."""
    candidate = Path(model_path).parent / LABELS_FILE
    return candidate if candidate.is_file() else None


def from_our_metadata(model_path: str | Path) -> Optional[list[str]]:
    """The class names of a bundle of ours, when the file is a bundle's ``model.keras``."""
    from . import bundle_checks, bundles

    folder = Path(model_path).parent
    if Path(model_path).name != bundles.MODEL_FILE or not (folder / bundles.META_FILE).is_file():
        return None
    names = bundle_checks.read_metadata(folder / bundles.META_FILE).get("class_names")
    return names if isinstance(names, list) else None


def for_model_file(model_path: str | Path, num_classes: int) -> tuple[list[str], str]:
    """(class names, where they came from) for a model with ``num_classes`` outputs: our
    metadata, else a labels.txt beside the file, else numbered."""
    ours = from_our_metadata(model_path)
    if ours is not None and len(ours) == num_classes:
        return ours, "the trained model's metadata.json"
    found = beside(model_path)
    if found is None:
        return [f"class {i}" for i in range(num_classes)], "numbered (no labels.txt beside the file)"
    try:
        if found.stat().st_size > MAX_BYTES:
            raise StudioError(f"'{printable(found)}' is far too large for a list of class names.")
        text = found.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StudioError(f"'{printable(found)}' is not UTF-8 text; save it as UTF-8.") from None
    except OSError as exc:
        raise StudioError(f"'{printable(found)}' cannot be read ({exc.strerror or exc}).") from None
    names = parse(text, printable(found))
    if len(names) != num_classes:
        raise StudioError(f"'{printable(found)}' names {len(names)} classes but the model '{printable(model_path)}' "
                          f"has {num_classes} outputs. Fix labels.txt or move it away to use numbered classes.")
    return names, printable(found)
