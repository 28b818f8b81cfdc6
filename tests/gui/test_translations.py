"""The window's translations: every string of the code is in the Qt Linguist sources, every one
has its Vietnamese with the same placeholders, English has its plural forms, the engine's coded
messages are the engine's own, and a .qm is compiled (again) when its source changes."""

from __future__ import annotations

import ast
import re
import string
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "build"))

import translations  # noqa: E402  build/translations.py

I18N = ROOT / "resources" / "i18n"
APP_TS = {lang: I18N / f"pretrained_studio_{lang}.ts" for lang in ("en", "vi")}


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    """{(context, source): <message>} of a .ts file."""
    root = ET.parse(path).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m
            for ctx in root.iter("context") for m in ctx.iter("message")}


def translations_of(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def fields(text: str) -> Counter:
    """The named fields of a template ({name}, {count:,}) by name."""
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def placeholders(text: str) -> Counter:
    """Everything a translation must keep: {fields}, %n / %1…%9, and the markup's tags."""
    out = Counter(f"{{{name}}}" for name in fields(text).elements())
    out.update(re.findall(r"%[n1-9]", text))
    out.update(re.findall(r"</?[a-z]+[^>]*>", text))
    return out


def mnemonic(text: str) -> int:
    """How many keyboard accelerators (&x, not && or a lone & before a space or an entity)."""
    return len(re.findall(r"&(?![&\s#]|[a-z]+;)", text))


# -- the sources follow the code -----------------------------------------------------------

def test_every_string_of_the_code_is_in_the_sources_and_no_stale_one_is(tmp_path):
    """pyside6-lupdate over gui/ now gives exactly the messages the .ts files hold (a new string
    without a translation, or a translation of a string the code no longer has, fails here)."""
    import subprocess

    out = tmp_path / "now.ts"
    done = subprocess.run([translations.lupdate(), *translations.python_sources(), "-locations", "none", "-ts",
                           str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    now = {key: m.get("numerus") == "yes" for key, m in messages(out).items()}
    for lang, path in APP_TS.items():
        kept = {key: m.get("numerus") == "yes" for key, m in messages(path).items()}
        assert set(now) - set(kept) == set(), f"{path.name} lacks strings: run python build/translations.py update"
        assert set(kept) - set(now) == set(), f"{path.name} keeps strings the code no longer has"
        assert now == kept, f"{path.name}: a plural (%n) message is not marked numerus"


def test_the_engine_catalog_is_the_engines_own_messages():
    from gui.i18n.engine_catalog import TEMPLATES

    assert TEMPLATES == translations.engine_messages(), "run python build/translations.py update"
    assert len(TEMPLATES) > 100  # images, datasets, training, weights, backends, heatmaps...


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            fn = node.func
            yield node, (fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", ""))


def test_every_translated_string_is_one_lupdate_can_read():
    """No f-string given to tr(), no tr() inside an f-string (lupdate reads neither), and plurals
    only through self.tr (lupdate marks a translate() call with a count as plural only for a
    literal number); every literal it finds is in the sources."""
    ts = messages(APP_TS["vi"])
    problems = []
    for path in sorted((ROOT / "gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        owner = {}
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for sub in ast.walk(cls):
                owner.setdefault(id(sub), cls.name)
        in_fstring = {id(c) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for c in ast.walk(j)}
        for node, name in _calls(tree):
            args = node.args
            if name not in ("tr", "translate", "QT_TRANSLATE_NOOP") or not args:
                continue
            if any(isinstance(a, ast.JoinedStr) for a in args[:2]):
                problems.append(f"{where}:{node.lineno}: an f-string given to {name}()")
            if id(node) in in_fstring and any(isinstance(a, ast.Constant) for a in args):
                problems.append(f"{where}:{node.lineno}: {name}() inside an f-string")
            if name == "translate" and len(args) >= 4:
                problems.append(f"{where}:{node.lineno}: translate() with a count: use self.tr(text, '', n)")
            literal = [a.value for a in args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "tr" and isinstance(node.func, ast.Attribute) and len(literal) >= 1 and isinstance(
                    args[0], ast.Constant):
                key = (owner.get(id(node)), args[0].value)
            elif name != "tr" and len(literal) == 2:
                key = tuple(literal)
            else:
                continue
            if key not in ts:
                problems.append(f"{where}:{node.lineno}: {key[1][:50]!r} is not in the sources")
    assert not problems, "\n".join(problems)


# -- the Vietnamese is complete ------------------------------------------------------------

def test_every_source_has_its_vietnamese_with_every_placeholder():
    problems = []
    for (context, source), m in messages(APP_TS["vi"]).items():
        tr = m.find("translation")
        texts = translations_of(m)
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{context}: no Vietnamese for {source!r}")
            continue
        for text in texts:
            if placeholders(text) != placeholders(source):
                problems.append(f"{context}: {source!r} -> {text!r} changed its placeholders")
            if mnemonic(text) != mnemonic(source):
                problems.append(f"{context}: {source!r} -> {text!r} lost or gained a keyboard accelerator")
    assert not problems, "\n".join(problems)


def test_a_lost_placeholder_is_caught():
    """The check above fails on the faults it is for (a test that cannot fail proves nothing)."""
    assert placeholders("Đang dựng mô hình") != placeholders("Building {model}")
    assert placeholders("%n ảnh") == placeholders("%n image(s)") != placeholders("ảnh")
    assert placeholders("<b>Đã hủy</b> {epoch}") != placeholders("<b>Cancelled</b> during epoch {epoch}.<br>")
    assert placeholders("{count:,} ký tự") == placeholders("({count:,} characters)")
    assert mnemonic("Tệp") != mnemonic("&File") and mnemonic("&Tệp") == mnemonic("&File")
    assert mnemonic("Lưu & đóng") == 0 and mnemonic("&nbsp;·") == 0


def test_the_menus_keyboard_accelerators_are_unique_in_vietnamese():
    from gui.shell import main_window

    src = Path(main_window.__file__).read_text(encoding="utf-8")
    vi = messages(APP_TS["vi"])
    for block in re.split(r"\n\s+\w = self\.menuBar\(\)\.addMenu", src)[1:]:
        items = re.findall(r'act\(\w, self\.tr\("([^"]+)"\)', block)
        keys = [re.search(r"&(\w)", translations_of(vi[("MainWindow", item)])[0]) for item in items]
        letters = [k.group(1).lower() for k in keys if k]
        assert len(letters) == len(set(letters)), f"one key opens two items of a menu: {letters}"


def test_english_has_both_plural_forms():
    plural = [(key, m) for key, m in messages(APP_TS["en"]).items() if m.get("numerus") == "yes"]
    assert len(plural) >= 8
    for (context, source), m in plural:
        one, many = translations_of(m)
        assert "%n" in one and "%n" in many and one != many or source.count("(s)") == 0, (context, source)


def test_qt_own_words_are_translated():
    extra = messages(I18N / "qt_extra_vi.ts")
    assert ("QPlatformTheme", "Cancel") in extra and ("QFileDialog", "File &name:") in extra
    for (context, source), m in extra.items():
        assert all(t.strip() for t in translations_of(m)), (context, source)
        assert mnemonic(translations_of(m)[0]) == mnemonic(source), (context, source)


# -- compiled and spoken -------------------------------------------------------------------

@pytest.fixture
def vietnamese(qapp):
    from gui.i18n import install

    installed = install.install(qapp, "vi")
    yield installed
    install.install(qapp, "en")


def test_the_window_speaks_vietnamese_once_installed(vietnamese):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from engine.errors import ImageLoadError
    from engine.messages import msg
    from gui.i18n.engine_text import say, say_error
    from gui.i18n.numbers import fmt, percent

    assert not vietnamese.problem
    assert QCoreApplication.translate("MainWindow", "&File") == "&Tệp"
    assert QCoreApplication.translate("DatasetPreview", "%n image(s)", None, 3) == "3 ảnh"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert {b.text() for b in buttons.buttons()} == {"Đồng ý", "Hủy"}  # qt_extra_vi: Qt ships no qtbase_vi
    assert percent(0.125) == "12,5%" and fmt("{n:,} · {x:.2f}", n=12345, x=0.5) == "12.345 · 0,50"
    note = msg("dataset.tiny_class", "Class '{name}' has only {count} readable images; results will be unreliable.",
               name="rose", count=2)
    assert say(note) == "Lớp 'rose' chỉ có 2 ảnh đọc được; kết quả sẽ không đáng tin cậy."
    error = ImageLoadError("/d/cat.jpg", msg("image.empty_file", "the file is empty (0 bytes)."))
    assert say_error(error, str(error)) == "Không đọc được ảnh '/d/cat.jpg': tệp rỗng (0 byte)."
    assert say(msg("no.such.code", "Some {thing}", thing="text")) == "Some text"  # unknown code: the English
    assert say("plain text") == "plain text"


def test_english_says_the_engines_text_exactly(qapp):
    from engine.messages import msg
    from gui.i18n import install
    from gui.i18n.engine_text import say
    from gui.i18n.numbers import percent

    install.install(qapp, "en")
    text = msg("predict.files", "{done} of {total} images, {rate:.1f} img/s", done=3, total=10, rate=2.25)
    assert say(text) == str(text) == "3 of 10 images, 2.2 img/s"
    assert percent(0.125) == "12.5%"


def test_a_translation_is_compiled_once_and_again_when_its_source_changes(tmp_path, monkeypatch):
    from gui.i18n import files

    sources, cache = tmp_path / "i18n", tmp_path / "cache"
    sources.mkdir()
    (sources / "app_vi.ts").write_text((I18N / "qt_extra_vi.ts").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(files, "sources_dir", lambda: sources)
    monkeypatch.setattr(files, "cache_dir", lambda: cache)
    compiled = []
    real = files.compile_ts
    monkeypatch.setattr(files, "compile_ts", lambda ts, qm: compiled.append(qm) or real(ts, qm))
    first = files.qm_file("app", "vi")
    assert first.is_file() and first.stat().st_size > 0 and len(compiled) == 1
    assert files.qm_file("app", "vi") == first and len(compiled) == 1  # the current one is reused
    ts = sources / "app_vi.ts"
    ts.write_text(ts.read_text(encoding="utf-8").replace("Đồng ý", "Được"), encoding="utf-8")
    second = files.qm_file("app", "vi")
    assert second != first and len(compiled) == 2 and not first.exists()  # the old compile is gone
    assert files.qm_file("none", "vi") is None
    (sources / "shipped_vi.qm").write_bytes(second.read_bytes())  # an installer's .qm, no source beside it
    assert files.qm_file("shipped", "vi") == sources / "shipped_vi.qm" and len(compiled) == 2


def test_without_lrelease_the_window_stays_english_and_says_why(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from gui.i18n import files, install

    monkeypatch.setattr(files, "cache_dir", lambda: tmp_path / "empty-cache")
    monkeypatch.setattr(files, "lrelease", lambda: None)
    try:
        result = install.install(qapp, "vi")
        assert "not available" in result.problem and "lrelease" in result.problem
        assert install.current() == "en" and QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        monkeypatch.undo()
        install.install(qapp, "en")


def test_the_language_follows_the_system_unless_preferences_choose():
    from gui.i18n.language import chosen

    assert chosen("auto", "vi_VN") == "vi" and chosen("auto", "vi") == "vi"
    assert chosen("auto", "en_GB") == "en" and chosen("auto", "de_DE") == "en" and chosen("auto", "C") == "en"
    assert chosen("en", "vi_VN") == "en" and chosen("vi", "en_US") == "vi"


def test_language_option_is_taken_off_the_arguments():
    from gui.app import language_option

    assert language_option(["--lang", "vi", "--self-test"]) == ("vi", ["--self-test"])
    assert language_option(["--lang=en"]) == ("en", [])
    assert language_option([]) == (None, [])


def test_the_language_preference_is_checked_like_every_field(tmp_path):
    import json

    from engine import preferences

    path = tmp_path / "preferences.json"
    path.write_text(json.dumps({"language": "vi"}))
    assert preferences.load(path).language == "vi"
    path.write_text(json.dumps({"language": "fr", "top_k": 3}))
    prefs, problems = preferences.load_report(path)
    assert prefs.language == "auto" and prefs.top_k == 3 and any("'language'" in p for p in problems)


def test_the_command_line_stays_english_under_a_vietnamese_locale(tmp_path):
    import os
    import subprocess

    env = dict(os.environ, LANG="vi_VN.UTF-8", LC_ALL="vi_VN.UTF-8", LANGUAGE="vi")
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--help"], capture_output=True, text=True,
                         env=env, timeout=120, cwd=tmp_path)
    assert out.returncode == 0 and "the desktop app opens" in out.stdout and "--lang" in out.stdout
    assert not re.search(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", out.stdout)


def test_restart_runs_the_same_window_again(monkeypatch):
    from gui.shell import restart

    cmd = restart.command(["--self-test"])
    assert cmd[0] == sys.executable and cmd[-1] == "--self-test" and cmd[1].endswith("main.py")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert restart.command(["--lang=vi"]) == [sys.executable, "--lang=vi"]
