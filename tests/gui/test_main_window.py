"""The main window end to end: real worker lanes, real (small or fixture) Keras models."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from engine import backends
from gui.runtime import tasks

from ..conftest import MOBILENET_V2_WEIGHTS, ROOT, fixture_image, needs_fixtures
from .heartbeat import Heartbeat


def drop(widget, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "green.png"
    Image.new("RGB", (120, 80), (20, 180, 40)).save(path)
    return path


def test_drop_predicts_and_switching_model_updates(window, qtbot, picture):
    c = window.controller
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
        drop(window.predict_panel.canvas, [picture])
    first = got.args[0]
    assert first.untrained and "MobileNetV2" in first.model_key
    assert window.predict_panel.bars.rows()[0][0] == first.top[0].name
    assert "untrained" in window.predict_panel.bars.banner()
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
        window.picker.select("MobileNet")
    assert got.args[0].model_key.startswith("MobileNet@") or got.args[0].model_key.startswith("MobileNet[")
    assert got.args[0].model_key != first.model_key


def test_latest_request_wins(window, qtbot, tmp_path):
    paths = []
    for i, color in enumerate([(255, 0, 0), (0, 0, 255)]):
        p = tmp_path / f"{i}.png"
        Image.new("RGB", (64, 64), color).save(p)
        paths.append(p)
    shown = []
    window.controller.prediction_shown.connect(shown.append)
    window.controller.show_path(str(paths[0]))
    window.controller.show_path(str(paths[1]))
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=60_000)
    qtbot.wait(500)
    assert len(shown) == 1  # the stale request's result never reached the UI
    assert window.predict_panel.image.name == "1.png"


def test_job_error_is_shown_and_the_next_job_works(window, qtbot):
    results = []
    window.client.run(tasks.failing_job("boom in the engine"), "Failing job",
                      on_error=lambda m, d, e: window.controller._error("Job failed", m, d))
    qtbot.waitUntil(lambda: window.controller.last_error is not None, timeout=10_000)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("boom in the engine" in b.text() for b in boxes)
    assert any("Traceback" in (b.detailedText() or "") for b in boxes)
    for b in boxes:
        b.close()
    window.client.run(tasks.sleep_job(0.1, 2), "Next job", on_result=results.append)
    qtbot.waitUntil(lambda: results == [2], timeout=10_000)


def test_folder_batch_cancel_keeps_rows_and_ui_answers(window, qtbot, tmp_path, picture):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(120):
        Image.new("RGB", (64, 48), (i * 2, 100, 50)).save(folder / f"{i:03d}.png")
    (folder / "zz_broken.jpg").write_bytes(b"not a jpeg")
    c = window.controller
    drop(window.predict_panel.canvas, [folder])
    assert window.tabs.currentWidget() is window.batch_panel
    qtbot.waitUntil(lambda: window.batch_panel.row_count() >= 16, timeout=60_000)
    with qtbot.waitSignal(c.batch_finished, timeout=30_000) as finished:
        window.batch_panel.cancel_button.click()
    assert finished.args == ["cancelled"]
    rows = window.batch_panel.row_count()
    assert 16 <= rows < 121
    qtbot.wait(300)
    assert window.batch_panel.row_count() == rows  # finished rows stay, nothing arrives later
    assert window.batch_panel.export_button.isEnabled()
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))


def test_folder_reports_unreadable_files_sorts_naturally_and_exports_csv(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in (1, 2, 10):
        Image.new("RGB", (32, 32), (0, i * 20, 0)).save(folder / f"img{i}.png")
    (folder / "bad.png").write_bytes(b"\x89PNG broken")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.controller.batch_finished, timeout=60_000) as finished:
        window.batch_panel.open_button.click()  # the Folder tab's own Open button
    assert finished.args == ["done"] and window.tabs.currentWidget() is window.batch_panel
    errors = [r for r in window.batch_panel.results if r.error]
    assert len(window.batch_panel.results) == 4 and len(errors) == 1 and "bad.png" in errors[0].error
    proxy = window.batch_panel.proxy
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert shown == ["mixed/bad.png", "mixed/img1.png", "mixed/img2.png", "mixed/img10.png"]  # 2 before 10
    lines = window.batch_panel.csv_text().splitlines()
    assert lines[0].startswith("file,model,top1") and any("bad.png" in line for line in lines)
    assert all(",MobileNetV2 (untrained)," in line for line in lines[1:])


def test_heartbeat_never_stalls_while_a_long_job_runs(window, qtbot, tmp_path, picture):
    """The first model build and folder batch of a process (first trace, first full garbage
    collection) must not freeze the window; see tests/gui/heartbeat.py for what a stall is."""
    folder = tmp_path / "load"
    folder.mkdir()
    for i in range(64):
        Image.new("RGB", (320, 240), (i * 3, 60, 90)).save(folder / f"{i:02d}.jpg")
    c = window.controller
    with Heartbeat() as beat, qtbot.waitSignal(c.batch_finished, timeout=120_000):
        window.open_paths([str(folder)])  # the batch, its thumbnails and the first image
        t = time.perf_counter()
        # Interactive work while the long job runs: a prediction arrives within seconds.
        with qtbot.waitSignal(c.prediction_shown, timeout=20_000):
            c.show_path(str(picture))
        interactive = time.perf_counter() - t
    beat.assert_responsive()
    assert interactive < 10
    import gc

    # The cause of the 0.3-0.8 s stall: a full collection walking TensorFlow's start-up heap.
    assert gc.get_freeze_count() > 100_000


def test_missing_weights_dialog_then_random_weights(window, qtbot, picture, tmp_path, monkeypatch):
    from gui.models.missing_weights import MissingWeightsDialog, RANDOM

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "empty-cache"))
    c = window.controller
    c.random_weights.discard("MobileNetV2")
    c.show_path(str(picture))
    qtbot.waitUntil(lambda: any(isinstance(w, MissingWeightsDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=60_000)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MissingWeightsDialog) and w.isVisible())
    assert "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5" in dialog.detailedText()
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
        dialog.button(RANDOM).click()
    assert got.args[0].untrained


@needs_fixtures
def test_dropped_cat_is_a_cat_with_real_weights(window, qtbot):
    c = window.controller
    c.random_weights.discard("MobileNetV2")
    c.weights_files["MobileNetV2"] = str(MOBILENET_V2_WEIGHTS)
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
        drop(window.predict_panel.canvas, [fixture_image("cat.png")])
    assert got.args[0].top[0].index in range(281, 286)
    assert not got.args[0].untrained and window.predict_panel.bars.banner() == ""
    # The default backend (auto) runs it on OpenVINO where installed, and the window says so.
    ran = got.args[0].backend
    assert ran == ("OpenVINO f32" if backends.openvino_installed() else "Keras (TensorFlow, CPU)")
    assert ran in window.predict_panel.info.text() and window.status.backend.text() == f"· {ran}"


def self_test_env(tmp_path, keras_cache: dict | None = None) -> dict:
    """A machine with no weights anywhere (fresh home, data folder and Keras cache), or with
    ``keras_cache`` files placed in the Keras cache."""
    env = {k: v for k, v in os.environ.items() if k != "PRETRAINED_STUDIO_WEIGHT_PACKS"}
    env.update(HOME=str(tmp_path), PRETRAINED_STUDIO_HOME=str(tmp_path / "app"), KERAS_HOME=str(tmp_path / "keras"))
    for name, src in (keras_cache or {}).items():
        (tmp_path / "keras" / "models").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, tmp_path / "keras" / "models" / name)
    return env


def test_self_test_shows_window_before_tensorflow_and_passes_without_weights(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], env=self_test_env(tmp_path),
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "TensorFlow imported: False" in out.stdout
    assert ("weights: none found — tested with random weights; predictions will be meaningless until weights "
            "are added") in out.stdout
    assert "top-1:" in out.stdout and "[untrained weights]" in out.stdout
    assert "Grad-CAM: " in out.stdout and " at out_relu in " in out.stdout  # through the real worker
    assert "OpenVINO" in out.stdout and "FAILED" not in out.stdout + out.stderr


@pytest.mark.slow
@needs_fixtures
def test_self_test_uses_the_weights_it_finds(tmp_path):
    from ..conftest import MOBILENET_V2_H5

    env = self_test_env(tmp_path, {"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5": MOBILENET_V2_H5})
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test"], env=env, capture_output=True,
                         text=True, timeout=300, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"weights: ImageNet, cache {tmp_path / 'keras' / 'models'}" in out.stdout, out.stdout
    top1 = out.stdout.split("top-1:")[1].split("\n")[0]
    assert "[untrained weights]" not in top1 and "cat" in top1.lower(), top1


def test_images_named_on_the_command_line_are_opened(monkeypatch):
    from gui.app import images_to_open

    monkeypatch.chdir(ROOT)
    sample = ROOT / "resources" / "samples" / "chelsea.png"
    assert images_to_open(["resources/samples/chelsea.png", "resources/samples"]) == (
        [str(sample), str(sample.parent)], "")  # absolute: the window's file dialogs may change folder
    assert images_to_open([str(sample), "--frobnicate"]) == (
        [], "unknown arguments: --frobnicate (try --help)")
    assert images_to_open([str(sample), "/no/such/photo.jpg"]) == (
        [], "cannot open /no/such/photo.jpg: no such file or folder")


def test_the_window_opens_an_image_given_as_argument(qtbot, picture, monkeypatch):
    """What a file manager's "Open with" does: ``pretrained-studio photo.png`` shows the photo
    (predicted once TensorFlow is ready; the engine is not started here, so no job outlives the
    window)."""
    from PySide6.QtCore import QTimer

    from gui import app as gui_app
    from gui.shell.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "start_engine", lambda self: None)
    seen, deadline = {}, time.monotonic() + 60

    def look():  # polled: run() builds the window, opens the image, then runs the event loop
        wins = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if wins and wins[0].controller.image is not None or time.monotonic() > deadline:
            if wins:
                image = wins[0].controller.image
                seen["image"] = image.path if image else None
                wins[0].close()
            poll.stop()
            QTimer.singleShot(0, QApplication.instance().quit)  # once the loop runs (quit before it is lost)

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(100)
    assert gui_app.run([str(picture)]) == 0
    assert seen.get("image") == str(picture)


def test_geometry_is_restored(qtbot):
    from gui.shell.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    hint = first.minimumSizeHint()
    first.resize(hint.width() + 10, hint.height() + 17)  # not the default 1280x800
    first.show()
    saved = (first.width(), first.height())
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    # The offscreen screen clamps the width; the height is restored exactly.
    assert second.height() == saved[1] != 800
    second.close()


@needs_fixtures
def test_download_from_the_model_card_with_progress(window, qtbot, tmp_path, monkeypatch):
    """Missing weights -> Download on the card -> verified download from a 127.0.0.1 mirror -> prediction."""
    from ..conftest import MOBILENET_V2_H5
    from ..engine.httpserver import FileServer

    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "cache"))
    c = window.controller
    c.random_weights.discard("MobileNetV2")
    window.picker.select("MobileNet")
    window.picker.select("MobileNetV2")
    assert not window.picker.actions.isHidden()  # missing: Download / Import / Run untrained offered
    progress = []
    window.client.job_progress.connect(lambda job, f, m, eta: progress.append((job.title, f)))
    name = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"
    with FileServer() as srv:
        srv.mode = "slow"
        srv.files["/mobilenet_v2/" + name] = MOBILENET_V2_H5.read_bytes()
        c.prefs.weights_mirror = srv.base
        with Heartbeat() as beat, qtbot.waitSignal(c.weights_changed, timeout=120_000):
            window.picker.findChild(QPushButton, "weights_download").click()
    beat.assert_responsive(min_beats=5)  # the window answers while the file downloads
    assert (tmp_path / "cache" / "models" / name).is_file()
    assert any(t.startswith("Download") and 0 < f < 1 for t, f in progress)
    # The card now says where the weights are, and offers only Import (to use another file).
    assert {c for c, b in window.picker.buttons.items() if b.isVisible()} == {"import", "notop_import"}
    assert "in the Keras cache" in window.picker.card.text()


def test_explain_tab_follows_image_method_and_exports(window, qtbot, picture, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    ex = window.explainer
    c = window.controller
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        window.tabs.setCurrentWidget(window.explain_panel)
    e = got.args[0]
    assert e.method == "gradcam" and e.untrained and e.heatmap.shape == (224, 224)
    assert "untrained" in window.explain_panel.status.text()
    qtbot.waitUntil(lambda: window.explain_panel.layer.count() > 0, timeout=30_000)
    assert window.explain_panel.layer.currentText() == "out_relu"  # the default feature layer
    panel = window.explain_panel
    with qtbot.waitSignal(ex.explained, timeout=60_000) as got:
        panel.method.setCurrentIndex(panel.method.findData("layercam"))
    assert got.args[0].method == "layercam"
    before = ex.overlay_pixels().copy()
    panel.opacity.setValue(0)  # redraw only: the image without heatmap
    np_pixels = ex.overlay_pixels()
    assert (np_pixels == window.controller.image.pixels).all() and not (before == np_pixels).all()
    target = tmp_path / "heat.npy"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    ex.save_npy()
    import numpy as np

    assert np.load(target).shape == (224, 224)


def test_compare_tab_table_charts_and_benchmark(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path))
    window.tabs.setCurrentWidget(window.compare_panel)
    panel, ctl = window.compare_panel, window.comparer
    assert panel.model.rowCount() == 71 and panel.charts.count() == 3
    panel.family.setCurrentIndex(panel.family.findData("MobileNet"))
    assert panel.proxy.rowCount() == 4
    panel.table.selectRow(next(r for r in range(4) if panel.proxy.index(r, 0).data() == "MobileNetV3Small"))
    with qtbot.waitSignal(ctl.benchmarked, timeout=120_000) as got:
        panel._benchmark()
    assert got.args[0][0].model == "MobileNetV3Small"
    row = next(r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "MobileNetV3Small")
    assert panel.proxy.index(row, 9).data() not in ("—", None)  # measured here, beside Keras' figures
    panel.charts.setCurrentIndex(2)
    panel.latency.setCurrentIndex(panel.latency.findData("here_latency_ms"))
    # The scatter needs a published top-1; MobileNetV3Small has none, so only the table shows it.
    assert all(p.model != "MobileNetV3Small" for p in ctl.points)


def test_inside_tab_layer_tree_maps_and_patterns(window, qtbot, picture):
    c, ins, panel = window.controller, window.inside, window.inside_panel
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000):
        c.show_path(str(picture))
    with qtbot.waitSignal(ins.maps_shown, timeout=60_000) as got:
        window.tabs.setCurrentWidget(panel)
    assert got.args[0] == 32 and panel.maps.count() == 32 and panel.strip.count() >= 4
    assert panel.tree.topLevelItemCount() > 100 and "parameters" in panel.summary.text()
    qtbot.waitUntil(lambda: window.explain_panel.layer.count() > 0, timeout=30_000)
    with qtbot.waitSignal(ins.maps_shown, timeout=60_000):
        panel.select(("block_3_expand_relu",))
    assert window.explain_panel.layer.currentText() == "block_3_expand_relu"  # drives the heatmap layer too
    panel.maps.setCurrentRow(0)
    assert "channel 0" in panel.stats.text()
    panel.filters.setText("0-3")
    panel.steps.setValue(5)
    with qtbot.waitSignal(ins.patterns_shown, timeout=120_000) as got:
        panel.patterns_requested.emit()
    assert got.args[0].filters == [0, 1, 2, 3] and panel.patterns.count() == 4


def test_train_tab_augmentation_preview(window, qtbot):
    tc = window.trainer
    with qtbot.waitSignal(tc.picture_shown, timeout=60_000) as got:
        window.train_panel.preview_requested.emit()
    assert got.args == ["preview"] and not window.train_panel.augment_picture.pixmap().isNull()
