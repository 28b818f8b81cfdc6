"""Export ▸ Keras, SavedModel and TFLite… of a model trained with augmentation, as a student does
it on the Train tab: the export is written (TFLite refused the augmentation layers' random ops
before), holds no training-only layer, and the TFLite file predicts what the app predicts."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image
from PySide6.QtWidgets import QFileDialog

from engine import images
from engine.train.export import run_tflite


@pytest.fixture
def shapes(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    data = tmp_path / "shapes"
    rng = np.random.default_rng(1)
    for c, col in {"red": (200, 30, 30), "blue": (30, 30, 200)}.items():
        (data / c).mkdir(parents=True)
        for i in range(5):
            a = rng.normal(120, 40, (48, 48, 3)).clip(0, 255)
            y, x = rng.integers(0, 24, 2)
            a[y:y + 20, x:x + 20] = col
            Image.fromarray(a.astype(np.uint8)).save(data / c / f"{i}.png")
    return data


@pytest.mark.slow  # ~60 s on 2 loaded cores (a TFLite conversion); tests/engine/test_export_modes.py runs by default
def test_export_of_an_augmentation_run_writes_every_format_that_predicts_like_the_app(window, qtbot, shapes,
                                                                                     tmp_path, monkeypatch):
    import keras

    from engine.sources import preprocess_layer  # noqa: F401  the layer the exported file holds
    from engine.train.inference_model import training_only_layers

    panel, tc, c = window.train_panel, window.trainer, window.controller
    window.tabs.setCurrentWidget(panel)
    panel.folder.setText(str(shapes))
    panel.model.setCurrentText("MobileNet")
    variant = panel.form.variant
    variant.alpha.setCurrentIndex(variant.alpha.findData(0.25))
    variant.size.setCurrentIndex(variant.size.findData(128))
    panel.mode.setCurrentIndex(panel.mode.findData("augment"))
    panel.epochs.setValue(1)
    with qtbot.waitSignal(tc.trained, timeout=240_000):
        panel.start.click()
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    qtbot.waitUntil(lambda: not window.client.busy("long"), timeout=120_000)
    action = next(a for a in panel.export.menu().actions() if a.text().startswith("Keras, SavedModel and TFLite"))
    action.trigger()
    qtbot.waitUntil(lambda: tc.exported is not None, timeout=300_000)
    folder = tc.exported.folder
    assert sorted(os.listdir(folder)) == ["labels.txt", "metadata.json", "model.keras", "model.tflite", "saved_model"]
    from PySide6.QtWidgets import QApplication, QMessageBox

    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    exported = keras.saving.load_model(os.path.join(folder, "model.keras"), safe_mode=True)
    assert training_only_layers(exported) == []

    paths = sorted(str(p) for p in shapes.rglob("*.png"))[:6]
    want = []
    for p in paths:  # what the Predict tab shows with the trained model
        with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
            window.picker.select(tc.bundle_path)
            c.show_path(p)
        want.append([s.probability for s in sorted(got.args[0].top, key=lambda s: s.index)])
    x = np.stack([images.model_input(images.load_image(p).pixels, 128, "stretch").pixels for p in paths])
    lite = run_tflite(open(os.path.join(folder, "model.tflite"), "rb").read(), x.astype(np.float32))
    np.testing.assert_allclose(lite, np.array(want), atol=1e-3)
