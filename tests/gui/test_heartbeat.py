"""The heartbeat the responsiveness tests rely on fails on a stalled GUI thread and says where
it stalled; its stack watchdog never reads another thread's frames without the GIL."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from .heartbeat import Heartbeat


def _stall_the_gui_thread():
    time.sleep(0.4)


def test_a_stall_fails_and_names_the_code_that_held_the_gui_thread(qtbot):
    with Heartbeat() as beat:
        loop = QEventLoop()
        QTimer.singleShot(300, _stall_the_gui_thread)
        QTimer.singleShot(1200, loop.quit)
        loop.exec()
    with pytest.raises(AssertionError) as failed:
        beat.assert_responsive()
    assert 0.35 < beat.worst() < 1.0
    assert "_stall_the_gui_thread" in str(failed.value)  # the stack taken 100 ms into the stall


def test_an_idle_window_passes(qtbot):
    with Heartbeat() as beat:
        qtbot.wait(800)
    beat.assert_responsive()
