"""The Explain tab as a student uses it, with the real worker lanes: score the map (curves
beside a random map's), run the sanity check, compare methods and classes in grids sorted
by score, open a tile; a flat map is said to be flat.  At 1024x768 the window never grows."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QPushButton

from gui.explain import grids as explain_grids, trust as explain_trust

from ..conftest import MOBILENET_V2_WEIGHTS, fixture_image, needs_fixtures


def click(panel, name: str) -> None:
    panel.findChild(QPushButton, name).click()


@pytest.fixture
def small_scores(monkeypatch):
    """Fewer steps and random maps: the engine tests check the figures, this checks the tab."""
    monkeypatch.setattr(explain_trust, "STEPS", 8)
    monkeypatch.setattr(explain_trust, "RANDOM_MAPS", 2)
    monkeypatch.setattr(explain_trust, "SANITY_DEPTH", 2)
    monkeypatch.setattr(explain_trust, "SANITY_DRAWS", 2)
    monkeypatch.setattr(explain_grids, "GRID_STEPS", 4)
    monkeypatch.setattr(explain_grids, "COMPARE", ["gradcam", "gradcam++", "layercam", "vanilla"])


@needs_fixtures
def test_score_sanity_and_grids_on_the_parrot(window, qtbot, small_scores):
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.size().width() == 1024, timeout=5_000)
    size = window.size()
    c, ex, panel = window.controller, window.explainer, window.explain_panel
    c.random_weights.discard("MobileNetV2")
    c.weights_files["MobileNetV2"] = str(MOBILENET_V2_WEIGHTS)
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(fixture_image("parrot.jpg")))
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        window.tabs.setCurrentWidget(panel)
    assert got.args[0].class_name == "macaw" and not got.args[0].flat and panel.flat_note.isHidden()

    with qtbot.waitSignal(ex.trust.scored, timeout=120_000) as got:
        click(panel, "explainScore")
    score = got.args[0]
    assert score.steps == 8 and panel.curves.isVisible() and panel.curves.canvas is not None
    assert panel.score_text.text().count("better than random") == 2 and f"{score.area('deletion'):.3f}" in \
        panel.score_text.text()
    assert len(panel.curves.canvas.figure.axes) == 2

    with qtbot.waitSignal(ex.trust.checked, timeout=180_000) as got:
        click(panel, "explainSanity")
    check = got.args[0]
    assert check.method == "gradcam" and len(check.correlations) == 2 and len(check.draws) == 2
    assert ("Passes" if check.passed else "Fails") in panel.sanity.caption.text() and panel.sanity.isVisible()

    with qtbot.waitSignal(ex.grids.scores_shown, timeout=180_000) as got:
        click(panel, "compareMethods")
    assert panel.stack.currentWidget() is panel.grid and len(panel.grid.tiles) == 4
    scores = dict(zip(["gradcam", "gradcam++", "layercam", "vanilla"], got.args[0]))
    assert all("rnd" in panel.grid.caption(("method", m)) for m in scores)
    panel.grid.sort.setCurrentIndex(2)  # insertion, most better than random first
    expected = sorted(scores, key=lambda m: -scores[m].margin("insertion"))
    assert panel.grid.keys_in_order() == [("method", m) for m in expected]
    assert "than that of random maps" in panel.grid.sort_note.text() and panel.grid.sort_note.isVisible()
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        panel.grid.tile_chosen.emit(("method", "layercam"))
    assert got.args[0].method == "layercam" and panel.stack.currentWidget() is panel.canvas

    with qtbot.waitSignal(ex.grids.scores_shown, timeout=180_000) as got:
        click(panel, "compareClasses")
    top = [i for i, _name, _p in ex.top]
    assert [t.key for t in panel.grid.tiles] == [("class", i) for i in top[:explain_grids.TOP_CLASSES]]
    assert "macaw" in panel.grid.title.text() or "LayerCAM" in panel.grid.title.text()
    panel.grid.sort.setCurrentIndex(1)  # deletion, most better than random first: not raw areas
    margins = {t.key: s.margin("deletion") for t, s in zip(panel.grid.tiles, got.args[0]) if s is not None}
    assert panel.grid.keys_in_order()[:len(margins)] == sorted(margins, key=lambda k: -margins[k])
    qtbot.waitUntil(lambda: not window.client.busy("long"), timeout=120_000)
    assert window.size() == size  # nothing on the tab grew the window


def test_class_grid_sorted_by_margin_puts_a_near_zero_class_below_the_top_class(qtbot):
    """A class the model gives 0.02 % has deletion areas near 0 for any map (raw areas put it
    first); sorted by the margin over random maps, the top class whose map beats random leads."""
    from engine.explain.faithfulness import Curve, Faithfulness
    from gui.explain.grids import sort_values
    from gui.explain.heatmap_grid import HeatmapGrid
    from gui.explain.trust import tile_caption

    def score(area: float, random_area: float) -> Faithfulness:
        x = np.linspace(0, 1, 5)
        flat = lambda a: Curve("deletion", x, np.full(5, a))  # noqa: E731 - a curve with this area
        return Faithfulness(0, 4, {"deletion": flat(area)}, {"deletion": [flat(random_area)] * 2}, 8.0, 0.1)

    scores = {("class", 88): score(0.20, 0.55),  # the top class (macaw, 93 %): far better than random
              ("class", 17): score(0.0001, 0.0001),  # 0.02 %: tiny areas, no better than random
              ("class", 90): score(0.05, 0.04)}  # 4 %: a bit worse than random
    grid = HeatmapGrid()
    qtbot.addWidget(grid)
    grid.resize(600, 500)
    grid.show_tiles("classes", [(k, np.zeros((20, 20, 3), np.uint8), str(k)) for k in scores])
    for key, s in scores.items():
        grid.set_score(key, tile_caption(s), sort_values(s))
    grid.sort.setCurrentIndex(1)
    assert grid.keys_in_order() == [("class", 88), ("class", 17), ("class", 90)]
    assert grid.sort_note.isVisibleTo(grid) and "random maps" in grid.sort_note.text()
    assert "+0.35" in grid.caption(("class", 88)) and "−0.01" in grid.caption(("class", 90))
    grid.sort.setCurrentIndex(0)
    assert grid.keys_in_order() == list(scores) and grid.sort_note.isHidden()


def test_flat_map_is_said_and_not_drawn(window, qtbot, tmp_path):
    """Plumbing with untrained weights (0.001 for every class, whatever the image): fast
    Score-CAM's map is zero everywhere, which the tab says instead of washing the photo."""
    from PIL import Image

    picture = tmp_path / "p.png"
    Image.new("RGB", (90, 60), (200, 120, 30)).save(picture)
    c, ex, panel = window.controller, window.explainer, window.explain_panel
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))
    with qtbot.waitSignal(ex.explained, timeout=60_000):
        window.tabs.setCurrentWidget(panel)
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        panel.method.setCurrentIndex(panel.method.findData("fast-scorecam"))
    assert got.args[0].flat and not panel.flat_note.isHidden() and "Flat heatmap" in panel.flat_note.text()
    assert np.array_equal(ex.overlay_pixels(), c.image.pixels)
    click(panel, "explainScore")
    assert "nothing to score" in panel.score_text.text()
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        panel.method.setCurrentIndex(panel.method.findData("gradcam"))
    assert not got.args[0].flat and panel.flat_note.isHidden()
    click(panel, "explainScore")  # the status bar's Cancel (here: the lane's) says so in the tab
    window.client.cancel_lane("long")
    qtbot.waitUntil(lambda: panel.score_text.text() == "Scoring cancelled.", timeout=60_000)


def test_typing_a_class_name_and_enter_explains_that_class(window, qtbot, tmp_path):
    from PIL import Image
    from PySide6.QtCore import Qt

    picture = tmp_path / "stripes.png"
    Image.fromarray((np.indices((96, 128)).sum(0) % 16 * 15).astype(np.uint8)).convert("RGB").save(picture)

    c, ex, panel = window.controller, window.explainer, window.explain_panel
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))
    with qtbot.waitSignal(ex.explained, timeout=60_000):
        window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.klass.count() > 1000, timeout=10_000)
    edit = panel.klass.lineEdit()

    def type_and_enter(text: str) -> None:
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        type_and_enter("Tabby")  # the exact name, in any case
    assert got.args[0].class_name == "tabby" and got.args[0].class_index == 281
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        type_and_enter("golden r")  # the one class name it begins
    assert got.args[0].class_name == "golden retriever"
    with qtbot.assertNotEmitted(ex.explained, wait=500):
        type_and_enter("hot")  # begins "hot pot" and "hotdog": nothing chosen, and it says so
    assert "2 class names" in panel.status.text() and "hot pot" in panel.status.text()
    with qtbot.assertNotEmitted(ex.explained, wait=500):
        type_and_enter("zebra crossing")
    assert "No class is called" in panel.status.text() and "zebra crossing" in panel.status.text()
    assert ex.explanation.class_name == "golden retriever"  # the last class chosen stays
