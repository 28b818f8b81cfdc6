"""One selected image on the Predict tab: the canvas, the bars and the thumbnail highlight
always agree — after a thumbnail click, a Folder row click, Open in Predict from the Train
tab, and a Folder run over files that cannot be read (nothing of the previous image stays)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def _images(folder: Path, sizes) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, (w, h) in enumerate(sizes):
        p = folder / f"{i}.png"
        Image.fromarray(np.full((h, w, 3), 40 * i + 30, np.uint8)).save(p)
        out.append(str(p))
    return out


def _agree(window, path: str, size) -> None:
    """The canvas shows ``path`` at ``size``, its thumbnail (if listed) is the highlighted one."""
    panel = window.predict_panel
    assert window.controller.image is not None and window.controller.image.path == path
    assert panel.canvas.shown_size() == size
    listed = path in panel.thumbs.paths()
    assert panel.thumbs.selected_path() == (path if listed else None)


def test_thumbnails_folder_rows_and_train_open_all_show_one_image(window, qtbot, tmp_path):
    c, panel = window.controller, window.predict_panel
    paths = _images(tmp_path / "pics", [(60, 40), (50, 70), (90, 30)])
    with qtbot.waitSignal(c.batch_finished, timeout=60_000):
        c.open_paths([str(tmp_path / "pics")])
    qtbot.waitUntil(lambda: panel.prediction is not None, timeout=60_000)
    _agree(window, paths[0], (60, 40))

    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        panel.thumbs.setCurrentRow(2)  # a thumbnail click
    _agree(window, paths[2], (90, 30))

    table = window.batch_panel.table
    row = next(r for r in range(table.model().rowCount()) if table.model().index(r, 0).data().endswith("1.png"))
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        table.clicked.emit(table.model().index(row, 0))  # a Folder row click
    _agree(window, paths[1], (50, 70))
    assert window.tabs.currentWidget() is panel

    elsewhere = _images(tmp_path / "validation", [(33, 44)])[0]
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        window.trainer.open_image.emit(elsewhere, "predict")  # Open in Predict from the Train tab
    _agree(window, elsewhere, (33, 44))  # not in the strip: no thumbnail highlighted


def test_a_folder_of_unreadable_files_leaves_nothing_of_the_previous_image(window, qtbot, tmp_path):
    c, panel = window.controller, window.predict_panel
    good, other = _images(tmp_path / "good", [(64, 48), (48, 64)])
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.open_paths([good])
    c.open_paths([other])  # its prediction is still on its way when the next folder opens
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "notes.jpg").write_text("field trip notes, not a photo")
    (bad / "empty.png").write_bytes(b"")
    with qtbot.waitSignal(c.batch_finished, timeout=60_000):
        c.open_paths([str(bad)])
    first = panel.thumbs.paths()[0]
    assert c.image is None and panel.prediction is None and not panel.canvas.has_image()
    assert panel.thumbs.selected_path() == first  # the highlighted file is the one the canvas speaks of
    problem = window.predict_panel.canvas.empty.problem
    assert problem.isVisibleTo(panel) and Path(first).name in problem.text()
    assert Path(first).name in panel.bars.status_text()
    qtbot.wait(1000)  # a late answer for the good image must not come back
    assert panel.prediction is None and not panel.canvas.has_image()
    explain = window.explain_panel
    assert not explain.canvas.has_image()
    inside = window.inside_panel
    assert inside.maps.count() == 0 and "Open an image" in inside.stats.text()
    window.tabs.setCurrentWidget(inside)
    with qtbot.waitSignal(window.inside.maps_shown, timeout=60_000):
        c.show_path(good)  # a readable image again: its maps, and the hint to click one
    assert inside.maps.count() > 0 and inside.stats.text() == "Click a feature map to enlarge it."
