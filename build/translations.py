"""The window's translations: update the Qt Linguist sources from the code, and compile them.

    python build/translations.py update          # new strings of gui/ into resources/i18n/*.ts
    python build/translations.py compile OUTDIR  # every .ts into OUTDIR/*.qm (the installer's)

``update`` first writes ``gui/i18n/engine_catalog.py``: every coded engine message
(``msg("code", "English template", ...)`` in engine/, see :mod:`engine.messages`) with its
template, so the engine's messages are translated like the window's own strings.

``update`` runs ``pyside6-lupdate`` over gui/ (every ``self.tr``, ``QCoreApplication.translate``
and ``QT_TRANSLATE_NOOP`` string) into the English source file and the Vietnamese one, drops
strings the code no longer has, and writes no line numbers (the files change only when strings
do, so branches merge).  Then translate the new entries (Qt Linguist: ``pyside6-linguist
resources/i18n/pretrained_studio_vi.ts``, or any editor), and run ``tests/gui/test_translations.py``:
it fails while a string has no Vietnamese or a translation lost a placeholder.
``qt_extra_vi.ts`` (Qt's own standard buttons and file dialog) is written by hand.

The window compiles the sources itself when run from a checkout (``gui/i18n/files.py``); the
installer's spec calls :func:`compile_all` so the frozen app carries the .qm files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gui.i18n import files  # noqa: E402

I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("en", "vi")  # en: the source language (only its plural forms are written)


def lupdate() -> str:
    import PySide6

    folder = Path(PySide6.__file__).parent
    for candidate in (folder / "lupdate", folder / "lupdate.exe"):
        if candidate.is_file():
            return str(candidate)
    return str(Path(sys.executable).parent / "pyside6-lupdate")


def python_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "gui").rglob("*.py"))


def engine_messages() -> dict[str, str]:
    """{code: template} of every ``msg(...)`` call in engine/ (literal code and template)."""
    import ast

    found: dict[str, str] = {}
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"):
                continue
            args = node.args[:2]
            if len(args) < 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                raise SystemExit(f"{path.relative_to(ROOT)}:{node.lineno}: msg() needs a literal code and template")
            code, template = args[0].value, args[1].value
            if found.get(code, template) != template:
                raise SystemExit(f"{path.relative_to(ROOT)}:{node.lineno}: code {code!r} has two templates")
            found[code] = template
    return dict(sorted(found.items()))


CATALOG = ROOT / "gui" / "i18n" / "engine_catalog.py"
CATALOG_HEAD = '''"""Every coded engine message (engine.messages) with its English template, marked for
``pyside6-lupdate`` in the ``EngineText`` context.  Written by ``python build/translations.py
update`` from the engine's own ``msg(...)`` calls: do not edit by hand (the translations test
fails when it no longer matches the engine)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATES = {
'''


def catalog_source(messages: dict[str, str]) -> str:
    lines = [_entry(code, template) for code, template in messages.items()]
    return CATALOG_HEAD + "\n".join(lines) + ("\n" if lines else "") + "}\n"


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _entry(code: str, template: str, width: int = 118) -> str:
    """One catalog line, the template cut at spaces into literals that fit ``width`` columns."""
    head = f'    "{code}": QT_TRANSLATE_NOOP("EngineText", '
    indent = " " * 8
    pieces, current = [], ""
    room = width - len(head) - 3
    for word in template.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(_literal(candidate)) > room:
            pieces.append(current + " ")
            current, room = word, width - len(indent) - 3
        else:
            current = candidate
    pieces.append(current)
    first, *rest = pieces
    return head + _literal(first) + "".join(f"\n{indent}{_literal(p)}" for p in rest) + "),"


def update() -> int:
    CATALOG.write_text(catalog_source(engine_messages()), encoding="utf-8")
    code = 0
    for lang in LANGUAGES:
        ts = I18N / f"{files.APP}_{lang}.ts"
        cmd = [lupdate(), *python_sources(), "-no-obsolete", "-locations", "none", "-target-language", lang,
               "-ts", str(ts.relative_to(ROOT))]
        code = subprocess.run(cmd, cwd=ROOT).returncode or code
    return code


def compile_all(out: Path) -> list[Path]:
    """Every .ts of resources/i18n compiled into ``out``; raises when one cannot be (a build
    must not ship a window that silently falls back to English)."""
    out.mkdir(parents=True, exist_ok=True)
    return [files.compile_ts(ts, out / f"{ts.stem}.qm") for ts in sorted(I18N.glob("*.ts"))]


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["update"]:
        return update()
    if argv[:1] == ["compile"] and len(argv) == 2:
        for qm in compile_all(Path(argv[1])):
            print(qm)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
