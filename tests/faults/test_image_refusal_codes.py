"""Each refusal of an image file carries the code the window looks up to say it in the user's
language: a reason whose code the window does not know, or knows for another sentence, is
shown in English (or as the wrong sentence) in a translated window."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from PIL import Image

from engine import imagefile
from engine.errors import ImageLoadError

from ..translatable import assert_translatable

pytestmark = pytest.mark.faults


def refusal(path) -> str:
    with pytest.raises(ImageLoadError) as err:
        imagefile.open_file(path)
    return err.value.reason


def test_refusals_of_the_file_itself_carry_their_codes(tmp_path, monkeypatch):
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.png"
    folder.mkdir()
    dangling = tmp_path / "dangling.png"
    dangling.symlink_to(tmp_path / "gone.png")
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    fifo = tmp_path / "fifo.png"
    os.mkfifo(fifo)
    paths = [empty, folder, dangling, loop, fifo, tmp_path / "missing.png", tmp_path / ("x" * 300 + ".png")]
    templates = set()
    for path in paths:
        reason = refusal(path)
        assert_translatable(reason)
        templates.add(reason.template)
    assert len(templates) == len(paths)  # each its own sentence
    good = tmp_path / "good.png"
    Image.new("RGB", (4, 4)).save(good)
    for error in (PermissionError(13, "Permission denied"), OSError(5, "Input/output error")):
        def refuse(*args, _error=error):
            raise _error

        monkeypatch.setattr(imagefile.os, "open", refuse)
        assert_translatable(refusal(good))
        monkeypatch.undo()
    with pytest.raises(ImageLoadError) as err:
        imagefile._check_stat(str(good), SimpleNamespace(st_mode=0o100644, st_size=5 << 30), 1 << 30)
    assert_translatable(err.value.reason)


@pytest.mark.parametrize("size, fmt, nbytes", [((0, 5), "PNG", 10), ((10_000, 9_000), "PNG", 10 << 20),
                                               ((4000, 3000), "JPEG", 10)])
def test_refusals_by_the_header_carry_their_codes(size, fmt, nbytes):
    with pytest.raises(ImageLoadError) as err:
        imagefile.check_header(SimpleNamespace(size=size, format=fmt, mode="RGB"), nbytes, "x.png")
    assert_translatable(err.value.reason)
