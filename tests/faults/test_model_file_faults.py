"""Hostile and damaged model files, every format: each gives one clear line (no traceback) and is
refused before it can do harm — data kept outside the file (external storage on a secret file,
external links, virtual datasets) refused before a byte of weights is read, a tensor of another
size refused before it is read, descriptions nested or sized to crash or exhaust memory refused
before anything is built, a file cut anywhere refused, NaN outputs refused; a Lambda in any
format refused; class names with control characters printed escaped; nothing a library says
reaches the terminal with its colour codes."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import numpy as np
import pytest

from engine.cli import main
from engine.errors import StudioError
from engine.sources import keras2_h5, keras_archive, model_file, remembered

from ..conftest import FIXTURES, fixture_image, needs_fixtures
from . import model_files as mf

pytestmark = pytest.mark.faults
SECRET = b"TOKEN=hunter2-secret-value\n" * 400
TM_MODEL = FIXTURES / "real_models" / "teachable_machine_water" / "keras_model.h5"


def _cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def _one_line_error(code, out, err) -> str:
    assert code == 1, (out, err)
    errors = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "Traceback" not in err and "\x1b" not in err, err
    return errors[0]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("model-files")
    return {"keras": mf.keras3_file(root / "m.keras"), "h5": mf.keras2_file(root / "m.h5"),
            "tflite": mf.tflite_file(root / "m.tflite"), "savedmodel": mf.saved_model_folder(root / "sm")}


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.env"
    path.write_bytes(SECRET)
    return path


# -- 28.1: data outside the file ----------------------------------------------------------------

OUTSIDE = {"external storage": lambda tmp, secret: mf.external_storage(secret),
           "external link": lambda tmp, secret: mf.external_link(tmp / "other.h5"),
           "virtual dataset": lambda tmp, secret: mf.virtual(tmp / "other.h5")}


@pytest.mark.parametrize("how", list(OUTSIDE))
def test_a_keras2_h5_reading_another_file_is_refused_before_its_weights_are_read(files, tmp_path, secret, how,
                                                                                  capsys):
    import h5py

    bad = mf.copy(files["h5"], tmp_path / "bad.h5")
    with h5py.File(bad, "r+") as f:
        mf.replace_dataset(f, mf.first_kernel(f), OUTSIDE[how](tmp_path, secret))
    with pytest.raises(StudioError, match="another file|other files|outside"):
        model_file.open_model(bad)
    line = _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad,
                                 "--preprocess", "none"))
    assert "hunter2" not in line


@pytest.mark.parametrize("how", list(OUTSIDE))
def test_a_keras_archive_whose_weights_read_another_file_is_refused(files, tmp_path, secret, how):
    bad = mf.keras_weights_edited(files["keras"], tmp_path / "bad.keras", tmp_path,
                                  lambda f: mf.replace_dataset(f, mf.first_kernel(f), OUTSIDE[how](tmp_path, secret)))
    with pytest.raises(StudioError, match="another file|other files|outside") as info:
        model_file.open_model(bad)
    assert "hunter2" not in str(info.value)


def test_train_on_a_model_file_reading_a_secret_writes_nothing(files, tmp_path, secret, capsys):
    """The audit's worst case: the trained model.keras carried the environment.  Now nothing is trained."""
    import h5py

    bad = mf.copy(files["h5"], tmp_path / "bad.h5")
    with h5py.File(bad, "r+") as f:
        mf.replace_dataset(f, mf.first_kernel(f), mf.external_storage(secret))
    out = tmp_path / "trained"
    _one_line_error(*_cli(capsys, "train", FIXTURES / "images" / "transfer", "--model-file", bad, "--preprocess",
                          "none", "--epochs", "1", "--out", out))
    assert not out.exists()


# -- a file cut anywhere, a tensor of another size ------------------------------------------------

@pytest.mark.parametrize("kind", ["keras", "h5", "tflite", "savedmodel"])
@pytest.mark.parametrize("seed", [0, 1])
def test_a_file_cut_at_a_random_offset_gives_one_clear_line(files, tmp_path, kind, seed, capsys):
    src = files[kind]
    rng = np.random.default_rng(seed)
    if kind == "savedmodel":
        bad = mf.copy(src, tmp_path / "cut_model")
        target = bad / ("saved_model.pb" if seed == 0 else "variables/variables.data-00000-of-00001")
        mf.cut(target, target, int(rng.integers(1, target.stat().st_size - 1)))
    else:
        bad = mf.cut(src, tmp_path / f"cut{src.suffix}", int(rng.integers(1, src.stat().st_size - 1)))
    _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad, "--preprocess", "none"))


@needs_fixtures
def test_the_real_export_cut_at_random_offsets_gives_one_clear_line(tmp_path, capsys):
    size = TM_MODEL.stat().st_size
    for offset in np.random.default_rng(7).integers(1, size - 1, 3):
        bad = mf.cut(TM_MODEL, tmp_path / f"cut{offset}.h5", int(offset))
        _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad, "--preprocess",
                              "teachable_machine"))


def test_one_tensor_of_another_size_is_refused_before_it_is_read(files, tmp_path):
    import h5py

    bad = mf.copy(files["h5"], tmp_path / "bad.h5")
    with h5py.File(bad, "r+") as f:
        mf.replace_dataset(f, mf.first_kernel(f), mf.resized)
    with pytest.raises(StudioError, match=r"has shape \(3, 3, 3, 4\) in the file|has shape \(4, 4, 4, 5\) in the file"):
        model_file.open_model(bad)  # the app's own check, made before the array is read
    bad_keras = mf.keras_weights_edited(files["keras"], tmp_path / "bad.keras", tmp_path,
                                        lambda f: mf.replace_dataset(f, mf.first_kernel(f), mf.resized))
    with pytest.raises(StudioError, match="which no variable of the model has. Nothing was loaded"):
        model_file.open_model(bad_keras)  # not Keras' own complaint after reading it


def test_a_small_h5_declaring_gigabytes_is_refused_under_a_memory_limit(files, tmp_path):
    """9 MB that asked for 8 GiB: arrays declared far beyond the file, refused from their headers,
    in a process that could not allocate them anyway."""
    import h5py

    bad = mf.copy(files["h5"], tmp_path / "bomb.h5")
    with h5py.File(bad, "r+") as f:
        def huge(group, leaf, old):
            group.create_dataset(leaf, shape=(1 << 16, 1 << 15), dtype="float32", chunks=(1024, 1024),
                                 compression="gzip")  # 8 GiB declared, nothing stored
        mf.replace_dataset(f, mf.first_kernel(f), huge)
    assert bad.stat().st_size < 1 << 20
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
            "from engine.sources import keras2_h5\n"
            "try:\n    keras2_h5.check_file(__import__('pathlib').Path(sys.argv[1]))\n"
            "except Exception as exc:\n    print(type(exc).__name__, exc)\n")
    run = subprocess.run([sys.executable, "-c", code, str(bad)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert run.returncode == 0 and "Keras2Error" in run.stdout and "bytes" in run.stdout, run.stdout + run.stderr


# -- 28.3 / 28.6: what the description declares ------------------------------------------------------

DEEP = {"'[' * 100000": "[" * 100_000, "900 levels": '{"a":' * 900 + "1" + "}" * 900,
        "an integer": "5", "not UTF-8": b"\xff\xfe{\"class_name\": \"Functional\"}"}


@pytest.mark.parametrize("what", list(DEEP))
def test_a_keras_config_nested_too_deep_or_malformed_gives_one_message(files, tmp_path, what, capsys):
    data = DEEP[what]
    bad = mf.rewrite_keras_member(files["keras"], tmp_path / "bad.keras", "config.json",
                                  data if isinstance(data, bytes) else data.encode())
    with pytest.raises(StudioError, match="cannot be opened|not valid|nests|UTF-8|not a Keras model"):
        model_file.open_model(bad)
    _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad, "--preprocess", "none"))


@pytest.mark.parametrize("what", list(DEEP))
def test_an_h5_model_config_nested_too_deep_or_malformed_gives_one_message(files, tmp_path, what, capsys):
    bad = mf.copy(files["h5"], tmp_path / "bad.h5")
    data = DEEP[what]
    mf.set_h5_config(bad, np.void(data) if isinstance(data, bytes) else data)
    with pytest.raises(StudioError):
        model_file.open_model(bad)
    _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad, "--preprocess", "none"))


@pytest.mark.parametrize("where", ["keras", "h5"])
def test_a_huge_declared_input_is_refused_before_building(files, tmp_path, where):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if where == "keras":
        config = mf.keras_config(files["keras"])
        config["config"]["layers"][0]["config"]["batch_shape"] = [None, 40000, 40000, 3]
        bad = mf.rewrite_keras_member(files["keras"], tmp_path / "big.keras", "config.json",
                                      json.dumps(config).encode())
    else:
        bad = mf.copy(files["h5"], tmp_path / "big.h5")
        config = keras2_h5.read_config(bad)
        config["config"]["layers"][0]["config"]["batch_input_shape"] = [None, 40000, 40000, 3]
        mf.set_h5_config(bad, json.dumps(config))
    with pytest.raises(StudioError, match="40000 × 40000") as info:
        model_file.open_model(bad)
    assert "2048 pixels" in str(info.value)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert grown_mb < 200, f"peak memory grew {grown_mb:.0f} MB"


# -- code in any format -------------------------------------------------------------------------------

def test_a_lambda_in_a_savedmodel_is_refused(tmp_path, capsys):
    folder = mf.saved_model_folder(tmp_path / "lambda_sm", lambda_layer=True)
    line = _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", folder,
                                 "--preprocess", "none"))
    assert "Lambda" in line


def test_a_savedmodel_holding_a_link_is_refused(files, tmp_path, secret, capsys):
    bad = mf.copy(files["savedmodel"], tmp_path / "copy")
    data = next((bad / "variables").glob("variables.data-*"))
    data.unlink()
    data.symlink_to(secret)
    line = _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad,
                                 "--preprocess", "none"))
    assert "a link or special file" in line and "hunter2" not in line


# -- outputs and text ----------------------------------------------------------------------------------

def test_nan_outputs_are_refused_with_a_message_never_printed_as_nan_percent(tmp_path, capsys):
    import keras

    path = mf.keras3_file(tmp_path / "nan.keras")
    model = keras.saving.load_model(path)
    kernel, bias = model.get_layer("dense").get_weights()
    model.get_layer("dense").set_weights([kernel * np.nan, bias])
    model.save(path)
    code, out, err = _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", path, "--preprocess", "none")
    assert "nan %" not in out.lower() and "nan%" not in out.lower()
    assert "NaN" in _one_line_error(code, out, err)


@needs_fixtures
def test_class_names_with_control_characters_are_printed_escaped(files, tmp_path, capsys):
    model = mf.copy(files["keras"], tmp_path / "m.keras")
    (tmp_path / "labels.txt").write_text("cat\x1b[2J\nd\x00og\nowl\u202eevil\n", encoding="utf-8")
    code, out, err = _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", model, "--preprocess", "none",
                          "--top", "3")
    assert code == 0, err
    assert "\x1b" not in out and "\x00" not in out and "\u202e" not in out
    assert "cat\\x1b[2J" in out and "d\\x00og" in out
    code, out, err = _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", model, "--top", "3", "--json")
    names = {c["name"] for c in json.loads(out)[0]["top"]}
    assert "cat\\x1b[2J" in names and not any("\x1b" in n or "\x00" in n for n in names)


def test_terminal_codes_in_a_library_error_never_reach_the_user(files, monkeypatch, capsys):
    def bold_failure(config, path):
        raise keras_archive.ModelFileError(f"Keras cannot build it (\x1b[1mLayer 'x' expects 1 input\x1b[0m)")

    monkeypatch.setattr(keras_archive, "_build", bold_failure)
    with pytest.raises(StudioError) as info:
        model_file.open_model(files["keras"])
    assert "\x1b" not in str(info.value) and "Layer 'x' expects 1 input" in str(info.value)  # the window shows this
    line = _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", files["keras"],
                                 "--preprocess", "none"))
    assert "Layer 'x' expects 1 input" in line


def test_a_model_file_that_failed_to_open_is_not_listed_at_the_next_start(files, tmp_path, home, capsys):
    good = mf.copy(files["keras"], tmp_path / "good.keras")
    bad = mf.cut(files["keras"], tmp_path / "bad.keras", 300)
    for path in (good, bad):
        _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", path, "--preprocess", "none")
    assert [p for p, _ in remembered.recent()] == [str(good)]


# -- forward-only formats: a tensor of another size, an ONNX file cut -----------------------------------

def _shrunk_tflite(src, dst):
    """The TFLite file with the byte count of its largest weight buffer cut by one float: the
    tensor table still declares the full shape."""
    import struct

    data = bytearray(src.read_bytes())
    best = None
    for offset in range(0, len(data) - 4, 4):
        n = struct.unpack_from("<I", data, offset)[0]
        if 64 <= n <= len(data) - offset - 4 and n % 4 == 0 and (best is None or n > best[1]):
            values = np.frombuffer(bytes(data[offset + 4:offset + 4 + n]), np.float32)
            if np.all(np.isfinite(values)) and 0 < np.abs(values).max() < 10 and np.unique(values).size > n // 8:
                best = (offset, n)
    assert best is not None
    struct.pack_into("<I", data, best[0], best[1] - 4)
    dst.write_bytes(bytes(data))
    return dst


def test_a_tflite_tensor_of_another_size_gives_one_clear_line(files, tmp_path, capsys):
    bad = _shrunk_tflite(files["tflite"], tmp_path / "shrunk.tflite")
    _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", bad, "--preprocess", "none"))


def _onnx_file(path):
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper, numpy_helper

    w = np.random.default_rng(0).normal(0, 1, (3, 4)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("GlobalAveragePool", ["x"], ["p"]), helper.make_node("Flatten", ["p"], ["f"]),
         helper.make_node("MatMul", ["f", "w"], ["y"]), helper.make_node("Softmax", ["y"], ["z"], axis=1)],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4])], [numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save_model(model, str(path))
    return model


@pytest.mark.parametrize("damage", ["cut", "resized"])
def test_a_damaged_onnx_file_gives_one_clear_line(tmp_path, damage, capsys):
    path = tmp_path / "m.onnx"
    model = _onnx_file(path)
    assert _cli(capsys, "predict", fixture_image("cat.png"), "--model-file", path, "--preprocess", "none")[0] == 0
    if damage == "cut":
        mf.cut(path, tmp_path / "bad.onnx", path.stat().st_size * 2 // 3)
    else:
        import onnx

        model.graph.initializer[0].dims[0] = 5  # declares 5 × 4, holds 3 × 4
        onnx.save_model(model, str(tmp_path / "bad.onnx"))
    _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", tmp_path / "bad.onnx",
                          "--preprocess", "none"))


def test_two_wide_dense_layers_are_refused_before_building(tmp_path):
    """Each width passes alone; together they would allocate 14 GB at build."""
    import tf_keras as k2

    k2.Sequential([k2.Input((6,)), k2.layers.Dense(8), k2.layers.Dense(8)]).save(tmp_path / "wide.h5")
    config = keras2_h5.read_config(tmp_path / "wide.h5")
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Dense":
            layer["config"]["units"] = 60_000
    mf.set_h5_config(tmp_path / "wide.h5", json.dumps(config))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(StudioError, match="60,000 units after one of 60,000"):
        model_file.open_model(tmp_path / "wide.h5")
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024 < 200



@pytest.mark.parametrize("op", ["write", "read", "checkpoint"])
def test_a_savedmodel_whose_serving_function_touches_files_is_refused_before_it_runs(tmp_path, secret, op, capsys):
    import tensorflow as tf

    target = tmp_path / "written.txt"

    class Model(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 8, 8, 3], tf.float32)])
        def serve(self, x):
            if op == "write":
                tf.io.write_file(str(target), "overwritten by a model file")
                leak = 0.0
            elif op == "checkpoint":  # every SavedModel holds save ops; run from serving they write anywhere
                tf.raw_ops.SaveV2(prefix=str(target), tensor_names=["x"], shape_and_slices=[""],
                                  tensors=[tf.constant(1.0)])
                leak = 0.0
            else:
                leak = tf.cast(tf.strings.length(tf.io.read_file(str(secret))), tf.float32) * 0.0
            return {"probabilities": tf.nn.softmax(tf.reduce_mean(x, axis=[1, 2]) + leak)}

    module = Model()
    folder = tmp_path / "sm"
    tf.saved_model.save(module, str(folder), signatures={"serving_default": module.serve})
    line = _one_line_error(*_cli(capsys, "predict", fixture_image("cat.png"), "--model-file", folder,
                                 "--preprocess", "none"))
    assert "read or write files" in line and ("File" in line or "SaveV2" in line)
    assert not list(tmp_path.glob("written*"))
