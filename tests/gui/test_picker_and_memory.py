"""The model card's variants (only those with ImageNet weights; the weights status follows the
variant) and what the window remembers: last model and variant, "My models" first, the
Train form, the last folder of each file dialog."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog

from gui.shell.main_window import MainWindow

from ..conftest import MOBILENET_V2_H5


def _alphas(combo):
    return [combo.itemData(i) for i in range(combo.count())]


def test_variants_on_the_card_and_in_train_offer_only_what_has_weights(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    (tmp_path / "keras" / "models").mkdir(parents=True)
    picker, c = window.picker, window.controller
    v = picker.variant
    if MOBILENET_V2_H5.is_file():  # real MobileNetV2 weights in the cache under Keras' name for width 1.0
        (tmp_path / "keras" / "models" / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5").symlink_to(
            MOBILENET_V2_H5)
        picker.select("ResNet50")
        picker.select("MobileNetV2")
        assert "in the Keras cache" in picker.card.text()
        v.alpha.setCurrentIndex(v.alpha.findData(0.5))
        assert "missing" in picker.card.text()  # the status follows the variant
        v.alpha.setCurrentIndex(v.alpha.findData(1.0))
        assert "in the Keras cache" in picker.card.text()
    picker.select("MobileNet")
    assert _alphas(v.alpha) == [0.25, 0.5, 0.75, 1.0]  # v1 widths: no 0.35, 1.3 or 1.4
    assert [v.size.itemData(i) for i in range(v.size.count())] == [128, 160, 192, 224]
    assert v.minimal.isHidden() or not v.form.isRowVisible(v.minimal)
    v.alpha.setCurrentIndex(v.alpha.findData(0.25))
    assert c.request().variant.alpha == 0.25 and "width 0.25" in picker.card.text()
    v.size.setCurrentIndex(v.size.findData(160))
    assert c.request().variant.input_size == 160 and "160×160" in picker.card.text()
    with qtbot.waitSignal(c.prediction_shown, timeout=60_000) as got:
        c.show_path(str(_picture(tmp_path)))
    assert "alpha=0.25" in got.args[0].model_key and "160px" in got.args[0].model_key
    assert "width 0.25, 160 px" in window.predict_panel.info.text()  # the footer names the model, not a path
    picker.select("MobileNetV2")
    assert _alphas(v.alpha) == [0.35, 0.5, 0.75, 1.0, 1.3, 1.4]
    v.alpha.setCurrentIndex(v.alpha.findData(1.4))
    assert [v.size.itemData(i) for i in range(v.size.count())] == [224]  # Keras has 1.4 at 224 only
    picker.select("MobileNetV3Small")
    assert v.form.isRowVisible(v.minimal)
    v.alpha.setCurrentIndex(v.alpha.findData(0.75))
    assert not v.minimal.isEnabled()  # minimalistic weights exist at width 1.0 only
    v.alpha.setCurrentIndex(v.alpha.findData(1.0))
    v.minimal.setChecked(True)
    assert c.variants["MobileNetV3Small"].minimalistic and "minimalistic" in picker.card.text()
    picker.select("ResNet50")
    assert v.isHidden()  # nothing to choose
    form = window.train_panel.form
    form.model.setCurrentText("MobileNet")
    assert _alphas(form.variant.alpha) == [0.25, 0.5, 0.75, 1.0]
    form.model.setCurrentText("ResNet50")
    assert not form.advanced_form.isRowVisible(form.variant.alpha)


def _picture(tmp_path):
    from PIL import Image

    path = tmp_path / "green.png"
    Image.new("RGB", (60, 40), (20, 180, 40)).save(path)
    return path


def _fake_bundle(home, name="Pets"):
    folder = home / "models" / name
    folder.mkdir(parents=True)
    (folder / "model.keras").write_bytes(b"zip")
    (folder / "metadata.json").write_text(json.dumps({"name": "MobileNetV2 on pets", "class_names": ["cat", "dog"]}))
    return folder


def test_the_window_remembers_model_variant_form_and_folders(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    bundle = _fake_bundle(tmp_path / "home")
    first = MainWindow()
    qtbot.addWidget(first)
    tree = first.picker.tree
    assert tree.topLevelItem(0).text(0) == "My models"  # the user's own models first
    first.picker.select("MobileNet")
    first.picker.variant.alpha.setCurrentIndex(first.picker.variant.alpha.findData(0.5))
    form = first.train_panel.form
    form.folder.setText(str(tmp_path / "data"))
    form.model.setCurrentText("MobileNet")
    form.variant.alpha.setCurrentIndex(form.variant.alpha.findData(0.75))
    form.mode.setCurrentIndex(form.mode.findData("finetune"))
    form.epochs.setValue(7)
    form.patience.setValue(0)
    form.augment["zoom"].setChecked(False)
    form.advanced.set_expanded(True)
    asked = []
    chosen = [str(tmp_path / "photos")]
    (tmp_path / "photos").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: (asked.append(a[2]), chosen[0])[1])
    first.open_folder()
    first.close()

    second = MainWindow()
    qtbot.addWidget(second)
    assert second.picker.current() == "MobileNet" and second.controller.request().variant.alpha == 0.5
    assert second.picker.variant.alpha.currentData() == 0.5
    form = second.train_panel.form
    assert form.folder.text() == str(tmp_path / "data") and form.model.currentText() == "MobileNet"
    assert form.variant.variant().alpha == 0.75 and form.mode.currentData() == "finetune"
    assert form.epochs.value() == 7 and form.patience.value() == 0 and form.advanced.expanded()
    assert form.augmentations() == ["flip", "rotation", "contrast", "translation"]
    second.open_folder()
    assert asked[-1] == str(tmp_path / "photos")  # not the program's folder
    second.picker.select(str(bundle))
    assert "MobileNetV2 on pets" in second.picker.card.text() and str(tmp_path) not in second.picker.card.text()
    second.close()
    third = MainWindow()
    qtbot.addWidget(third)
    assert third.picker.current() == str(bundle)  # a "My models" entry is remembered too
    third.close()
