"""Where a trained model or an export may go, decided before training: every refusal with
its exact reason, and every destination that must be *accepted* (a missing or empty folder,
a free name beside taken ones, an earlier bundle of ours with overwrite, a path with ``~``).
No Keras: the folders are staged by hand."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from engine import paths
from engine.errors import StudioError
from engine.train import output

pytestmark = pytest.mark.faults


def ours(folder: Path, what: str = "bundle") -> Path:
    """A folder the app recognises as its own bundle (or export)."""
    folder.mkdir(parents=True)
    if what == "bundle":
        (folder / "model.keras").write_bytes(b"zip")
        (folder / "metadata.json").write_text(json.dumps({"created_by": "Pretrained Studio", "format": 1}))
    return folder


@pytest.fixture
def world(tmp_path, home, monkeypatch):
    data = tmp_path / "data"
    (data / "cat").mkdir(parents=True)
    (data / "cat" / "1.jpg").write_bytes(b"x")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def test_the_default_name_keeps_letters_digits_and_dot_dash_underscore():
    assert output.default_name("MobileNetV2", "/data/my cats & dogs!", "extract") == "MobileNetV2-my_cats_dogs_-extract"
    assert output.default_name("ResNet50", Path("x") / "set-1.v2", "finetune") == "ResNet50-set-1.v2-finetune"


def test_without_out_the_model_goes_to_the_models_folder_under_a_free_name(world):
    models = paths.user_models_dir()
    assert output.plan(None, name="run", data_dirs=[world / "data"]) == models / "run"
    ours(models / "run")
    (models / "run-2").mkdir()
    (models / "run-2" / "notes.txt").write_text("the user's")
    (models / "run-3").mkdir()  # empty: usable
    assert output.plan(None, name="run", data_dirs=[]) == models / "run-3"
    assert output.plan(None, name="run", data_dirs=[], overwrite=True) == models / "run"
    other = world / "elsewhere"
    assert output.plan(None, name="run", data_dirs=[], models_dir=other) == other / "run"
    (models / "run-3" / "x").write_text("now taken")
    assert output.plan(None, name="run", data_dirs=[]) == models / "run-4"
    assert not [p for p in models.iterdir() if p.name.startswith(".")]  # the write probe is gone


def test_overwrite_never_takes_a_folder_that_is_not_ours(world):
    models = paths.user_models_dir()
    (models / "run").mkdir(parents=True)
    (models / "run" / "thesis.tex").write_text("chapter 1")
    assert output.plan(None, name="run", data_dirs=[], overwrite=True) == models / "run-2"


@pytest.mark.parametrize("out", ["new-model", "empty", "~/models/new"])
def test_a_missing_or_empty_folder_is_accepted(world, out, monkeypatch):
    monkeypatch.setenv("HOME", str(world / "home-dir"))
    (world / "work" / "empty").mkdir()
    got = output.plan(out, name="ignored", data_dirs=[world / "data", ""])
    expected = {"new-model": world / "work" / "new-model", "empty": world / "work" / "empty",
                "~/models/new": world / "home-dir" / "models" / "new"}[out]
    assert got == expected and got.is_absolute()


def test_an_earlier_bundle_of_ours_is_replaced_only_with_overwrite(world):
    mine = ours(world / "work" / "mine")
    with pytest.raises(StudioError) as err:
        output.plan("mine", name="x", data_dirs=[])
    assert "holds a trained model from an earlier run. Replace it with --overwrite" in str(err.value)
    assert output.plan("mine", name="x", data_dirs=[], overwrite=True) == mine


def refused(out, data, **kw) -> str:
    with pytest.raises(StudioError) as err:
        output.plan(out, name="x", data_dirs=data, **kw)
    return str(err.value)


def test_the_data_and_the_current_folder_are_refused_with_their_reason(world):
    data = world / "data"
    for out in (data, data / "cat", data / "cat" / "new"):
        why = refused(out, [data])
        assert why == (f"The output folder '{out}' is inside the training data '{data}': the model would be "
                       "mixed with your images. Choose a folder outside the data.")
    assert refused(world, [data]) == (f"The output folder '{world}' contains the training data '{data}'. "
                                      "Choose a folder of its own for the model.")
    here = refused(".", [data])
    assert here.startswith(f"The output '{world / 'work'}' is the current folder") and "--out ./my-model" in here
    assert refused("..", [data]).startswith(f"The output folder '{world}' contains the training data")
    (world / "elsewhere").mkdir()
    os.chdir(world / "elsewhere")
    assert "is the current folder" in refused(str(world / "elsewhere"), [data])
    validation = world / "val"
    validation.mkdir()
    assert "inside the training data" in refused(validation / "m", [data, validation])  # every data folder


def test_a_link_or_a_file_is_refused(world):
    target = world / "real"
    target.mkdir()
    (world / "work" / "link").symlink_to(target)
    assert refused("link", []) == f"The output '{world / 'work' / 'link'}' is a link; give a real folder name."
    (world / "work" / "notes.txt").write_text("notes")
    assert "is a file or a link, not a folder" in refused("notes.txt", [])
    assert (world / "work" / "notes.txt").read_text() == "notes"


def test_a_link_into_the_data_is_refused_as_inside_the_data(world):
    (world / "work" / "sneaky").symlink_to(world / "data" / "cat")
    assert "inside the training data" in refused(world / "work" / "sneaky" / "m", [world / "data"])


def test_a_folder_that_cannot_be_written_is_refused_before_training(world, monkeypatch):
    def no_room(target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.fileio, "temp_dir_beside", no_room)
    out = world / "work" / "m"
    assert refused("m", []) == (f"The trained model cannot be written to '{out}': No space left on device in "
                                f"'{out.parent}'. Choose another folder.")


def test_an_export_is_checked_like_a_bundle_and_never_into_the_bundle(world):
    bundle = ours(world / "work" / "mine")
    with pytest.raises(StudioError) as err:
        output.plan_export("mine", data_dirs=[], bundle_folder=bundle)
    assert str(err.value) == f"--export '{bundle}' is the same folder as the trained model; give another."
    assert output.plan_export("export", data_dirs=[], bundle_folder=bundle) == world / "work" / "export"
    assert output.plan_export("export", data_dirs=[]) == world / "work" / "export"
    with pytest.raises(StudioError, match="inside the training data"):
        output.plan_export(world / "data" / "e", data_dirs=[world / "data"])
    (world / "work" / "taken").mkdir()
    (world / "work" / "taken" / "a.txt").write_text("the user's")
    with pytest.raises(StudioError, match="holds files this app did not create.*for an export"):
        output.plan_export("taken", data_dirs=[], overwrite=True)


def export_of_ours(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "export.json").write_text(json.dumps({"created_by": "Pretrained Studio", "format": 1}))
    (folder / "model.tflite").write_bytes(b"tflite")
    return folder


def test_an_earlier_export_of_ours_is_replaced_only_with_overwrite(world):
    earlier = export_of_ours(world / "work" / "export")
    with pytest.raises(StudioError) as err:
        output.plan_export("export", data_dirs=[])
    assert str(err.value) == (f"'{earlier}' holds an export from an earlier run. Replace it with --overwrite, "
                              "or choose another folder name.")
    assert output.plan_export("export", data_dirs=[], overwrite=True) == earlier
    assert (earlier / "model.tflite").read_bytes() == b"tflite"  # planning replaces nothing yet


@pytest.mark.parametrize("option", ["--out", "--export"])
def test_a_given_folder_that_is_holds_or_lies_inside_what_the_run_reads_is_refused(world, option):
    """The model file, the bundle continued from: never written over, even with overwrite."""
    def plan(out, inputs, **kw):
        if option == "--out":
            return output.plan(out, name="x", data_dirs=[], inputs=inputs, **kw)
        return output.plan_export(out, data_dirs=[], inputs=inputs, **kw)

    work = world / "work"
    mine = ours(work / "mine")  # a bundle of ours: only the inputs make it off limits
    model_file = mine / "model.keras"
    for out, given in (("mine", model_file),  # the folder holds the input
                       ("mine", "mine/model.keras"),  # the input given relative to the current folder
                       (model_file, str(model_file)),  # the input itself
                       ("mine", mine),  # the folder continued from
                       ("mine/sub", "mine")):  # a folder inside it
        with pytest.raises(StudioError) as err:
            plan(out, ["", given], overwrite=True)
        assert str(err.value) == (f"{option} '{work / out}' is, holds or lies inside '{given}', which this run "
                                  "reads; give a folder of its own.")
    assert plan("new", [world / "elsewhere.keras", None]) == work / "new"
    assert plan(work / "mine-2", [model_file, "mine"]) == work / "mine-2"  # a sibling whose name starts alike
    assert model_file.read_bytes() == b"zip"


def test_the_default_folder_holding_what_the_run_reads_is_not_replaced_but_a_new_name_taken(world):
    models = paths.user_models_dir()
    run = ours(models / "run")
    assert output.plan(None, name="run", data_dirs=[], overwrite=True, inputs=[None, world / "a.keras"]) == run
    for given in (run / "model.keras", run, models / "run" / "."):
        assert output.plan(None, name="run", data_dirs=[], overwrite=True, inputs=[given]) == models / "run-2"


@pytest.mark.parametrize("option", ["--out", "--export"])
def test_the_root_folder_is_refused_by_its_option(world, option):
    with pytest.raises(StudioError) as err:
        if option == "--out":
            output.plan("/", name="x", data_dirs=[])
        else:
            output.plan_export("/", data_dirs=[])
    assert str(err.value) == f"{option} '/' is the root folder; give a new name inside a folder of yours."
