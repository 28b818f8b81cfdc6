"""The English layout checks again with the window in Vietnamese (its strings run longer): every
tab fits 1024×768 and 1366×768 without the window resizing itself, and no control is cut, with
the model list shown.  Slow (about 20 s): the default suite checks the same at 1024×768 in a
pseudo-locale 40 % longer than English (test_vietnamese_window.py)."""

from __future__ import annotations

import pytest

from .test_window_layout import (  # noqa: F401 - collected here again, with the Vietnamese window
    test_every_tab_fits_and_the_window_never_resizes_itself,
    test_every_visible_control_lies_inside_the_window_with_the_model_list_shown)

pytestmark = pytest.mark.slow


@pytest.fixture
def window(qapp, qtbot):
    """The window made under the Vietnamese translators (the English ones are restored after)."""
    from gui.i18n import install
    from gui.shell.main_window import MainWindow

    assert not install.install(qapp, "vi").problem
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.engine_ready, timeout=120_000):
            win.start_engine()
        win.controller.random_weights.update({"MobileNetV2", "MobileNet"})
        assert win.tabs.tabText(0) == "Dự đoán"
        yield win
        threads = list(win.client.threads.values())
        win.close_guard.enabled = False
        win.close()
        assert not any(t.isRunning() for t in threads)
    finally:
        install.install(qapp, "en")
