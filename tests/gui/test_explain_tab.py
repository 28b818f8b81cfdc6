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
    panel.grid.sort.setCurrentIndex(2)  # insertion, highest first
    expected = sorted(scores, key=lambda m: -scores[m].area("insertion"))
    assert panel.grid.keys_in_order() == [("method", m) for m in expected]
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        panel.grid.tile_chosen.emit(("method", "layercam"))
    assert got.args[0].method == "layercam" and panel.stack.currentWidget() is panel.canvas

    with qtbot.waitSignal(ex.grids.shown, timeout=120_000):
        click(panel, "compareClasses")
    top = [i for i, _name, _p in ex.top]
    assert [t.key for t in panel.grid.tiles] == [("class", i) for i in top[:explain_grids.TOP_CLASSES]]
    assert "macaw" in panel.grid.title.text() or "LayerCAM" in panel.grid.title.text()
    qtbot.waitUntil(lambda: not window.client.busy("long"), timeout=120_000)
    assert window.size() == size  # nothing on the tab grew the window


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
