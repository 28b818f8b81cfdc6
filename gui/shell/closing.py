"""Closing the window while work runs: ask first, then do what was chosen, then close.

A run lost to a misplaced click on the window's close button (or Ctrl+Q) cost a student an
hour of training.  Now a training run asks whether to keep its best epoch so far (saved as
the trained model before the window closes), discard it, or keep training; a folder batch
whether to save the results so far; a download or an export whether to stop.  The questions
are window-modal but not blocking (``open``), so the work goes on while the user reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from ..widgets.error_dialog import wrap_labels

KEEP, DISCARD, SAVE, STOP, STAY = "keep", "discard", "save", "stop", "stay"

TEXTS = {
    "training_title": "Training is running",
    "training": "Training {model} is at epoch {epoch}. Closing the window stops it.",
    "training_none": "Training {model} has not finished its first epoch yet: there is nothing to keep.",
    "keep": "Keep the best epoch and close",
    "discard": "Discard the run and close",
    "stay_training": "Keep training",
    "batch_title": "A folder batch is running",
    "batch": "{done} of {total} images are classified. Closing the window stops the batch.",
    "save": "Save the results so far…",
    "discard_batch": "Discard and close",
    "stay_batch": "Keep running",
    "weights_title": "A weights download or import is running",
    "weights": "{what} is not finished. Closing the window stops it; nothing half-done is kept.",
    "export_title": "An export is running",
    "export": "The trained model is being exported. Closing the window stops it; nothing half-written is kept.",
    "stop": "Stop and close",
    "stay": "Keep running",
    "closing_keep": "Keeping the best epoch so far, then closing…",
    "closing": "Stopping, then closing…",
}


@dataclass
class Running:
    kind: str  # "training", "batch", "weights", "export"
    title: str
    text: str
    choices: list  # (choice, button text, role), the last one the default (keep running)


class CloseQuestion(QMessageBox):
    """One question about one kind of running work; ``choice`` holds the answer."""

    def __init__(self, parent, running: Running):
        super().__init__(parent)
        self.setObjectName("closeQuestion")
        self.kind = running.kind
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(running.title)
        self.setText(running.text)
        self.choice = STAY
        self.buttons_by_choice = {}
        for choice, text, role in running.choices:
            self.buttons_by_choice[choice] = self.addButton(text, role)
        stay = self.buttons_by_choice[STAY]
        self.setDefaultButton(stay)  # Enter or Escape never loses work
        self.setEscapeButton(stay)
        self.buttonClicked.connect(self._clicked)
        wrap_labels(self)

    def _clicked(self, button) -> None:
        self.choice = next((c for c, b in self.buttons_by_choice.items() if b is button), STAY)

    def answer(self, choice: str) -> None:
        """Click the button of ``choice`` (the keyboard's or a test's way of answering)."""
        self.buttons_by_choice[choice].click()


class CloseGuard(QObject):
    asked = Signal(object)  # the CloseQuestion on screen

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.enabled = True  # False: close at once (the tests' teardown)
        self.question: Optional[CloseQuestion] = None
        self.answers: dict[str, str] = {}
        self.waiting = False  # answered: stopping or saving, the window closes when done
        self._confirmed = False
        self._round = 0  # callbacks of an abandoned round (a failed save) do nothing

    # -- what runs ---------------------------------------------------------------------
    def running(self) -> list[Running]:
        w, out = self.w, []
        tc = w.trainer
        if tc.is_training():
            done = len(tc.epochs_seen)
            model = tc.run_settings.model if tc.run_settings else ""
            text = (TEXTS["training"].format(model=model, epoch=tc.epochs_seen[-1] if done else 0) if done
                    else TEXTS["training_none"].format(model=model))
            choices = ([(KEEP, TEXTS["keep"], QMessageBox.ButtonRole.AcceptRole)] if done else [])
            choices += [(DISCARD, TEXTS["discard"], QMessageBox.ButtonRole.DestructiveRole),
                        (STAY, TEXTS["stay_training"], QMessageBox.ButtonRole.RejectRole)]
            out.append(Running("training", TEXTS["training_title"], text, choices))
        if w.controller.batch_job is not None:
            panel = w.batch_panel
            choices = ([(SAVE, TEXTS["save"], QMessageBox.ButtonRole.AcceptRole)] if panel.results else [])
            choices += [(DISCARD, TEXTS["discard_batch"], QMessageBox.ButtonRole.DestructiveRole),
                        (STAY, TEXTS["stay_batch"], QMessageBox.ButtonRole.RejectRole)]
            out.append(Running("batch", TEXTS["batch_title"],
                               TEXTS["batch"].format(done=len(panel.results), total=panel.total()), choices))
        for kind, titles in (("weights", w.controller.weights.running_titles()),
                             ("export", w.trainer.review.running_titles())):
            if titles:
                out.append(Running(kind, TEXTS[f"{kind}_title"], TEXTS[kind].format(what=titles[0]),
                                   [(STOP, TEXTS["stop"], QMessageBox.ButtonRole.DestructiveRole),
                                    (STAY, TEXTS["stay"], QMessageBox.ButtonRole.RejectRole)]))
        return out

    # -- the close event ---------------------------------------------------------------
    def allow_close(self) -> bool:
        """The window's closeEvent asks: True closes now; False keeps the window (a question
        is on screen, or the chosen work is being stopped or saved)."""
        if self._confirmed or not self.enabled:
            return True
        if self.question is not None:
            self.question.raise_()
            return False
        if self.waiting:
            return False
        return self._ask_next()

    def _ask_next(self) -> bool:
        pending = [r for r in self.running() if r.kind not in self.answers]
        if not pending:
            if not self.answers:
                return True  # nothing runs: close
            self._act()
            return False
        question = CloseQuestion(self.w, pending[0])
        question.finished.connect(lambda _result: self._answered(question))
        self.question = question
        question.open()
        self.asked.emit(question)
        return False

    def _answered(self, question: CloseQuestion) -> None:
        self.question = None
        question.deleteLater()
        if question.choice == STAY:
            self.answers.clear()
            return
        if question.choice == SAVE and not self.w.export_results():
            self.answers.clear()  # the save dialog was cancelled: nothing is lost, the window stays
            return
        self.answers[question.kind] = question.choice
        if self._ask_next():
            self._close_now()

    # -- acting on the answers -----------------------------------------------------------
    def _act(self) -> None:
        """Stop what was answered; keep the training run's best epoch if asked; then close."""
        self.waiting = True
        w = self.w
        if "batch" in self.answers:
            w.controller.cancel_batch()
        if "weights" in self.answers:
            w.controller.weights.cancel_running()
        if "export" in self.answers:
            w.trainer.review.cancel_running()
        tc = w.trainer
        if "training" in self.answers and tc.is_training():
            keep = self.answers["training"] == KEEP
            w.status.note(TEXTS["closing_keep"] if keep else TEXTS["closing"])
            self._after(tc.cancelled, lambda kept: self._training_stopped(kept, keep))
            tc.job.cancel()
            return
        self._close_now()

    def _training_stopped(self, kept, keep: bool) -> None:
        tc = self.w.trainer
        if keep and kept is not None:
            self._after(tc.trained, lambda *_: self._close_now())
            self._after(tc.adopt_failed, lambda *_: self._give_up())
            tc.adopt_kept()
            return
        tc.discard_kept()
        self._close_now()

    def _after(self, signal, fn: Callable) -> None:
        """``fn`` once, at the next emission of ``signal`` in this round."""
        round_ = self._round

        def once(*args) -> None:
            signal.disconnect(once)
            if round_ == self._round:
                fn(*args)

        signal.connect(once)

    def _give_up(self) -> None:
        """Saving the kept epoch failed (its error is on screen): the window stays open."""
        self._round += 1
        self.waiting = False
        self.answers.clear()

    def _close_now(self) -> None:
        self._confirmed = True
        self.waiting = False
        self.w.close()
