"""What a search for a weight file found: the copy chosen, the copies refused and why, and
every place looked at on the way (for ``weights where MODEL`` and the model card)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..pathnames import printable
from .importing import ImportRecord
from .manifest import WeightsFile
from .verify import Verdict


@dataclass(frozen=True)
class Problem:
    """A copy that was found but refused: where, why, and what the user can do about it."""

    path: Path
    source: str
    reason: str
    advice: str

    def __str__(self) -> str:
        return f"Skipped '{printable(self.path)}' ({self.source}): {printable(self.reason)}. {self.advice}"


@dataclass(frozen=True)
class Attempt:
    """One step of the search: a place looked at, and what came of it."""

    where: str  # "pack", "imported", "cache", "offline", "derived", "derive", "download"
    label: str  # e.g. "cache /home/ann/.keras/models"
    path: Optional[Path]
    outcome: str  # "used", "not there", "refused: …", "not checked yet", …

    def __str__(self) -> str:
        at = f" {printable(self.path)}" if self.path is not None else ""
        return f"{self.where:<9}{self.label}{at}: {printable(self.outcome)}"


@dataclass(frozen=True)
class WeightsStatus:
    file: Optional[WeightsFile]
    where: str  # "pack", "imported", "cache", "offline", "derived", "missing", "unknown"
    path: Optional[Path] = None
    verdict: Optional[Verdict] = None
    source: str = ""  # e.g. "pack /media/lab-pack"
    problems: tuple = ()
    imported: Optional[ImportRecord] = None  # the current import, used or not
    previous_import: Optional[ImportRecord] = None  # what `remove` would bring back
    pending: bool = False  # from a dry search: where it would come from, not checked yet
    tried: tuple = ()  # every Attempt, in order

    @property
    def available(self) -> bool:
        return self.path is not None

    @property
    def verified(self) -> bool:
        return bool(self.verdict and self.verdict.verified)

    def describe(self) -> str:
        if self.path is None:
            return self.where
        return f"{self.source}: {self.verdict.describe() if self.verdict else 'not checked yet'}"
