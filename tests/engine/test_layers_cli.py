"""`layers` prints one row a layer whose columns stay apart however long a name is (a real
Teachable Machine export has a 48-character layer name, which ran into its class)."""

from __future__ import annotations

import keras  # noqa: F401 - the model below

from engine.cli import main

LONG = "global_average_pooling2d_GlobalAveragePooling2D1"


def test_a_long_layer_name_and_its_class_stay_apart(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(4, 3, name="conv_with_a_name_of_34_characters_"),
                              keras.layers.GlobalAveragePooling2D(name=LONG),
                              keras.layers.Dense(3, activation="softmax", name="head")])
    path = tmp_path / "model.keras"
    model.save(path)
    assert main(["layers", "--model-file", str(path)]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    by_name = {row[0]: row for row in rows if row}
    assert by_name[LONG][1] == "GlobalAveragePooling2D"
    assert by_name["conv_with_a_name_of_34_characters_"][1:3] == ["Conv2D", "30×30×4"]
    assert by_name["head"][1] == "Dense" and by_name["head"][-1] == "15"  # 4 × 3 weights + 3 biases
