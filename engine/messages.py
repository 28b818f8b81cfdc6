"""Messages a window can say in its own language.

The engine speaks English: the command line prints it and scripts read it.  A message made
with :func:`msg` is that same English text (a ``str``), and it also carries a stable
``code`` and the ``params`` its template was filled with, so the GUI can look the code up
and say it in the user's language (``gui.i18n.engine_text``), falling back to the English
text for a code it does not know.  The engine never imports Qt for this.

    notes.append(msg("image.exif_applied", "EXIF orientation applied"))
    jobs.report(progress, 0.0, msg("model.building", "Building {model}", model=spec.name))

A parameter may itself be a message (a reason inside a sentence); numbers stay numbers, so
the window can write them the way its language does (``12,5%`` in Vietnamese).
"""

from __future__ import annotations

from typing import Any


class Msg(str):
    """English text plus ``code``, ``template`` and ``params`` (the text is ``template.format(**params)``)."""

    def __new__(cls, code: str, template: str, params: dict[str, Any]):
        self = super().__new__(cls, template.format(**params))
        self.code, self.template, self.params = code, template, dict(params)
        return self

    def __reduce__(self):  # pickled (a worker process, deepcopy) as itself, not as a plain str
        return (Msg, (self.code, self.template, self.params))


def msg(code: str, template: str, **params: Any) -> Msg:
    """The English ``template`` filled with ``params``, remembering ``code`` for translation."""
    return Msg(code, template, params)


def code_of(text: Any) -> str:
    """The message code of ``text`` ("" for plain text)."""
    return text.code if isinstance(text, Msg) else ""
