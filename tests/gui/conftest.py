"""GUI tests: offscreen, isolated QSettings per test, one engine start per test session, and a check
that no worker QThread is left running."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path_factory):
    """A fresh settings folder per test: the window remembers the last model, the Train form and
    folders, so one test's choices must not become the next test's starting point."""
    from gui.runtime import settings

    folder = tmp_path_factory.mktemp("qsettings")
    settings.use_folder(str(folder))
    return folder


@pytest.fixture
def window(qtbot):
    from gui.shell.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.engine_ready, timeout=120_000):
        win.start_engine()
    # Small, fast, untrained models unless a test asks otherwise.
    win.controller.random_weights.update({"MobileNetV2", "MobileNet"})
    yield win
    threads = list(win.client.threads.values())
    win.close_guard.enabled = False  # teardown: close without asking about what still runs
    win.close()
    assert not any(t.isRunning() for t in threads), "a worker QThread is still running after close"
