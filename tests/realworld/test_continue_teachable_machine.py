"""Continue training the real Teachable Machine export: its own base and head, its classes matched
by name from labels.txt, a new class added, the result saved as one of the user's models."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from engine import sources
from engine.cli import main
from engine.train import resume

from ..conftest import FIXTURES
from .conftest import TM_CLASSES, TM_MODEL, needs_tm


@needs_tm
def test_its_head_is_taken_over_class_by_name(tm_reference):
    start = resume.from_model_file(TM_MODEL, "teachable_machine")
    assert start is not None and start.classes == list(TM_CLASSES)
    assert start.settings["pooling"] == "avg" and start.settings["dense"] == [100] and start.settings["dropout"] == 0
    # The continued model is the export itself: same numbers as the snippet's model.
    x = np.random.default_rng(2).uniform(-1, 1, (2, 224, 224, 3)).astype(np.float32)
    assert np.abs(np.asarray(start.model(x)) - tm_reference.predict(x, verbose=0)).max() < 1e-5
    from engine.train.layers import head

    base, _ = sources.training_base(sources.file_request(TM_MODEL, "teachable_machine"))
    new_head = head(tuple(base.model.output_shape[1:]), 3, "avg", [100], 0.0)
    classes = ["bottle cap", "500ML", "5 Galoon"]  # a new class first, the export's two in another order
    assert resume.take_over(start, base.model, new_head, classes) == 2
    kernel = new_head.layers[-1].get_weights()[0]
    tm_kernel = tm_reference.layers[-1].layers[-1].get_weights()[0]  # Teachable Machine's last Dense (no bias)
    np.testing.assert_array_equal(kernel[:, 1], tm_kernel[:, 1])  # "500ML" was class 1 there
    np.testing.assert_array_equal(kernel[:, 2], tm_kernel[:, 0])  # "5 Galoon" was class 0
    assert not np.allclose(kernel[:, 0], tm_kernel[:, 0]) and not np.allclose(kernel[:, 0], tm_kernel[:, 1])
    hidden = tm_reference.layers[-1].layers[0].get_weights()[0]
    np.testing.assert_array_equal(new_head.layers[2].get_weights()[0], hidden)


@needs_tm
@pytest.mark.slow  # tests/engine/test_model_files_cli.py trains on a model file in the default suite
def test_train_model_file_continues_the_export_and_saves_one_of_your_models(tmp_path, capsys):
    data = tmp_path / "data"
    for cls, src in (("500ML", "cat"), ("bottle cap", "hotdog")):
        (data / cls).mkdir(parents=True)
        for f in sorted((FIXTURES / "images" / "transfer" / src).glob("*.png")):
            shutil.copy(f, data / cls / f.name)
    out = tmp_path / "continued"
    code = main([str(a) for a in ("train", data, "--model-file", TM_MODEL, "--mode", "extract", "--epochs", "1",
                                  "--val-split", "0.4", "--batch-size", "4", "--out", out, "--backend", "keras")])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "continuing" in err and "5 Galoon, 500ML" in err
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["class_names"] == ["500ML", "bottle cap"] and meta["training"]["continued_from"] == str(TM_MODEL)
    assert meta["training"]["dense"] == [100]
    tuned = sources.load(sources.bundle_request(out))
    assert tuned.class_names == ["500ML", "bottle cap"] and tuned.input_size == 224
