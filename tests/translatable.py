"""What the window needs to say an engine message in the user's language.

The engine's coded messages (``engine.messages.msg``) are looked up by code in the window's
catalogue (``gui.i18n.engine_catalog``, written from the engine's own ``msg`` calls).  A
message whose code the catalogue lacks, or holds for another sentence, is shown in English in a
translated window (or as the wrong sentence), and no English-only test would notice.
"""

from __future__ import annotations

from engine.messages import code_of


def assert_translatable(text) -> None:
    """The catalogue holds ``text``'s code with the very template ``text`` was made from."""
    from gui.i18n.engine_catalog import TEMPLATES

    code = code_of(text)
    assert code in TEMPLATES, (code, str(text))
    assert TEMPLATES[code] == text.template, (code, str(text))
    assert text.template.format(**text.params) == str(text)
