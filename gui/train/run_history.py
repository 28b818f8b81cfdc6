"""The epochs of the run on screen, numbered as the user counts them.

A resumed run starts from the kept epoch of a cancelled one: its epochs go on from that
number (a run kept at epoch 3 resumes with epoch 4, not 1), the earlier run's epochs up to
the kept one stay on the curves, and the curves mark where it resumed.  The engine counts
each run from 1; the offset is added here."""

from __future__ import annotations

import re
from typing import Optional

_EPOCH = re.compile(r"^(training the head: )?epoch (\d+) of (\d+)")


class RunHistory:
    def __init__(self):
        self.history: dict = {}
        self.batches: list[tuple[float, float]] = []
        self.epochs: list[int] = []
        self.resumed_at = 0  # the kept epoch this run resumed from (0: a fresh run)

    def start(self, resumed_at: int = 0) -> None:
        """A new run; resuming keeps the epochs up to ``resumed_at``, a fresh one keeps nothing."""
        self.resumed_at = resumed_at
        self.history = {k: v[:resumed_at] for k, v in self.history.items()} if resumed_at else {}
        self.batches = [b for b in self.batches if b[0] <= resumed_at] if resumed_at else []
        self.epochs = list(range(1, resumed_at + 1))

    def add_epoch(self, epoch: int, logs: dict) -> int:
        """Record the engine's epoch ``epoch`` of this run; its number for the user."""
        epoch += self.resumed_at
        self.epochs.append(epoch)
        for k, v in logs.items():
            self.history.setdefault(k, []).append(float(v))
        return epoch

    def add_batch(self, x: float, loss: float) -> None:
        self.batches.append((x + self.resumed_at, loss))

    def before(self) -> dict:
        """The earlier run's epochs this run continues (empty for a fresh run)."""
        return {k: list(v[:self.resumed_at]) for k, v in self.history.items()} if self.resumed_at else {}

    def this_run(self) -> tuple[list[int], dict]:
        """This run's own epochs (counted from 1) and history, as the engine reported them."""
        return ([e - self.resumed_at for e in self.epochs if e > self.resumed_at],
                {k: v[self.resumed_at:] for k, v in self.history.items()})

    def phase_start(self, settings) -> Optional[int]:
        """The last epoch of the head phase of a fine-tuning run, once fine-tuning has begun."""
        if settings is None or settings.mode != "finetune":
            return None
        own = self.this_run()[0]
        if not any(e > settings.epochs for e in own):
            return None
        return max((e for e in own if e <= settings.epochs), default=0) + self.resumed_at

    def renumber(self, message: str) -> str:
        """The engine's "epoch 2 of 7" of a resumed run as the user counts: "epoch 5 of 10"."""
        if not self.resumed_at:
            return message
        return _EPOCH.sub(lambda m: f"{m.group(1) or ''}epoch {int(m.group(2)) + self.resumed_at} of "
                                    f"{int(m.group(3)) + self.resumed_at}", message)
