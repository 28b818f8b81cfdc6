"""Atomic file writes: a temp file in the target folder, then ``os.replace``.

A crash or a cancel never leaves a half-written preferences file, CSV or model behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterator


@contextlib.contextmanager
def atomic_path(target: os.PathLike | str, suffix: str = "") -> Iterator[Path]:
    """Yield a temp path beside ``target``; it replaces ``target`` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The temp name ends with ``suffix`` (after ".part"): some writers insist on an extension.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_bytes(target: os.PathLike | str, data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: os.PathLike | str, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_json(target: os.PathLike | str, data) -> None:
    write_text(target, json.dumps(data, indent=2, sort_keys=True) + "\n")
