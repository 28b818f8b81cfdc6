"""The language chosen in Preferences: saved, said to apply at the next start, a restart offered
(now or later), and the chosen language's translators installed when the window starts."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _choose_in_preferences(window, monkeypatch, code: str) -> None:
    """Open Preferences, pick ``code`` in its language list and press OK."""
    from gui.shell import main_window

    real = main_window.PreferencesDialog

    class Picking(real):
        def exec(self):  # noqa: A003 - Qt's
            assert self.language_when.text()  # the dialog says when the choice applies
            self.language.setCurrentIndex(self.language.findData(code))
            return 1

    monkeypatch.setattr(main_window, "PreferencesDialog", Picking)
    window.edit_preferences()


def _question(window) -> QMessageBox | None:
    boxes = [b for b in window.findChildren(QMessageBox, "restartQuestion") if b.isVisible()]
    return boxes[-1] if boxes else None


def _press(box: QMessageBox, text: str, qtbot) -> None:
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5_000)


def test_a_new_language_is_saved_and_a_restart_offered_now_or_later(window, qtbot, monkeypatch):
    from engine import preferences

    _choose_in_preferences(window, monkeypatch, "vi")
    assert preferences.load().language == "vi"
    box = _question(window)
    assert box is not None and "Tiếng Việt" in box.text() and "next start" in box.text()
    _press(box, "Later", qtbot)
    assert not window.restart_requested and window.isVisible()

    _choose_in_preferences(window, monkeypatch, "vi")  # the same language again: nothing to restart for
    assert _question(window) is None

    _choose_in_preferences(window, monkeypatch, "en")
    box = _question(window)
    assert box is not None and "English" in box.text()
    _press(box, "Restart now", qtbot)
    assert window.restart_requested and not window.isVisible()  # gui.app starts the window again


def test_the_saved_language_is_the_one_installed_at_start(qapp):
    from engine import preferences
    from gui.app import install_language
    from gui.i18n import install

    try:
        preferences.save(preferences.Preferences(language="vi"))
        assert install_language(qapp).files and install.current() == "vi"
        assert install_language(qapp, "en") and install.current() == "en"  # --lang wins for one start
        preferences.save(preferences.Preferences(language="en"))
        assert install_language(qapp) and install.current() == "en"
    finally:
        preferences.save(preferences.Preferences())
        install.install(qapp, "en")
