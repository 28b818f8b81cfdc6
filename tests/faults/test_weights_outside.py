"""Weight files that would read other local files: every way HDF5 can place a weight's bytes
outside the file, through every path that opens a weight file — the search (Keras cache,
packs), an import, a download, ``--weights FILE`` handed to Keras.  Each is refused before a
byte of weights is read (proven with a FIFO as the outside file: a read would hang), with a
sentence saying why, and nothing is installed or used."""

from __future__ import annotations

import hashlib
import json
import os
import threading

import numpy as np
import pytest

from engine import weights, zoo
from engine.errors import WeightsDownloadError, WeightsFileError
from engine.weights import importing, packs

from .fault_server import FaultServer
from .hdf5_outside import MAKERS, SECRET, hostile_copy, whole_group_link
from .weightfiles import demo_layers, isolate, register, write_legacy_h5

pytestmark = pytest.mark.faults
NAME = "demo_weights.h5"
VARIANTS = sorted(MAKERS) + ["external link to a whole layer"]


@pytest.fixture
def env(tmp_path, monkeypatch):
    cache = isolate(monkeypatch, tmp_path)
    good = write_legacy_h5(tmp_path / "good.h5", demo_layers())
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers())  # structure-only, like MobileNetV2
    return cache, tmp_path, good, wf


def _hostile(good, out, variant, folder):
    folder.mkdir(exist_ok=True)
    if variant == "external link to a whole layer":
        return whole_group_link(good, out, folder)
    return hostile_copy(good, out, variant, folder)


def _why(variant) -> str:
    return "another file" if variant == "external link to a whole layer" else MAKERS[variant][1]


def _in_thread(fn, timeout=20):
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001
            box["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "the app read data outside the file (it blocked on the FIFO)"
    return box


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_search_refuses_a_cached_file_with_data_outside_and_goes_on(env, variant):
    cache, tmp_path, good, wf = env
    cache.mkdir(parents=True)
    _hostile(good, cache / NAME, variant, tmp_path / "outside")
    st = weights.locate(wf)
    assert st.where == "missing" and st.path is None
    (problem,) = st.problems
    assert _why(variant) in problem.reason and "inside itself" in problem.reason
    (tmp_path / "lab").mkdir()
    (tmp_path / "lab" / NAME).write_bytes(good.read_bytes())
    assert weights.locate(wf, [tmp_path / "lab"]).where == "offline"  # the next good copy is used


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_pack_whose_file_reads_outside_is_refused_even_with_its_hash_right(env, variant):
    cache, tmp_path, good, wf = env
    pack = tmp_path / "pack"
    pack.mkdir()
    data = _hostile(good, pack / NAME, variant, tmp_path / "outside").read_bytes()
    (pack / packs.PACK_MANIFEST).write_text(json.dumps(packs.pack_manifest(
        [{"filename": NAME, "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "models": []}], "now")))
    st = weights.locate(wf, [pack])
    assert st.path is None and _why(variant) in st.problems[0].reason


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_import_with_data_outside_is_refused_before_it_is_loaded(env, variant):
    cache, tmp_path, good, wf = env
    src = _hostile(good, tmp_path / "mine.h5", variant, tmp_path / "outside")

    def never(path):
        raise AssertionError("the file was handed to Keras")

    with pytest.raises(WeightsFileError, match=_why(variant)):
        importing.import_file(src, wf, never)
    assert importing.current(NAME) is None
    assert not importing.imported_dir().exists() or not [p for p in importing.imported_dir().rglob("*") if p.is_file()]


@pytest.mark.parametrize("variant", ["external storage", "external link to a dataset", "virtual dataset"])
def test_a_download_whose_file_reads_outside_is_not_kept(env, variant):
    cache, tmp_path, good, wf = env
    data = _hostile(good, tmp_path / "served.h5", variant, tmp_path / "outside").read_bytes()
    with FaultServer() as srv:
        srv.route("/demo/" + NAME, data)
        with pytest.raises(WeightsDownloadError, match=_why(variant)):
            weights.download(wf, mirror=srv.base)
    assert not (cache / NAME).exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_nothing_outside_is_read_even_once(env):
    """The outside file is a FIFO: reading a byte of it would block forever."""
    import h5py

    cache, tmp_path, good, wf = env
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    cache.mkdir(parents=True)
    import shutil

    shutil.copyfile(good, cache / NAME)
    with h5py.File(cache / NAME, "r+") as f:
        shape, dtype = f["conv1/conv1/w0:0"].shape, f["conv1/conv1/w0:0"].dtype
        del f["conv1/conv1/w0:0"]
        f.create_dataset("conv1/conv1/w0:0", shape=shape, dtype=dtype,
                         external=[(str(fifo), 0, int(np.prod(shape)) * 4)])
    box = _in_thread(lambda: weights.locate(wf))
    assert "error" not in box, box.get("error")
    assert box["value"].where == "missing" and "external storage" in box["value"].problems[0].reason


# -- --weights FILE: handed to Keras only after the checks ---------------------------------------

@pytest.fixture(scope="module")
def tiny_legacy(tmp_path_factory):
    """MobileNet α=0.25 at 32 px (no top): its weights in the legacy layout Keras' loader reads."""
    from engine import builder

    spec, variant = zoo.get("MobileNet"), zoo.Variant(alpha=0.25, input_size=32, include_top=False)
    model = builder.build(spec, variant, None)
    layers = [(layer.name, [np.asarray(w) for w in layer.trainable_weights + layer.non_trainable_weights])
              for layer in model.layers if layer.weights]
    folder = tmp_path_factory.mktemp("tiny")
    path = folder / "tiny.h5"
    import h5py

    with h5py.File(path, "w") as h:
        h.attrs["layer_names"] = [n.encode() for n, _ in layers]
        for name, arrays in layers:
            g = h.create_group(name)
            names = [f"{name}/w{i}:0" for i in range(len(arrays))]
            g.attrs["weight_names"] = [n.encode() for n in names]
            for n, a in zip(names, arrays):
                g.create_dataset(n, data=a + 0.5)  # not the random start: a load is visible
    return spec, variant, path, layers[0][0]


def test_a_good_weights_file_still_loads(tiny_legacy):
    from engine import builder

    spec, variant, path, first = tiny_legacy
    model = builder.build(spec, variant, path)
    import h5py

    with h5py.File(path, "r") as f:
        want = f[f"{first}/{first}/w0:0"][()]
    np.testing.assert_array_equal(np.asarray(model.get_layer(first).weights[0]), want)


@pytest.mark.parametrize("variant", sorted(MAKERS))
def test_weights_file_with_data_outside_is_refused_before_keras_reads_it(tiny_legacy, tmp_path, variant):
    from engine import builder

    spec, var, path, first = tiny_legacy
    hostile = hostile_copy(path, tmp_path / "hostile.h5", variant, tmp_path, weight=f"{first}/{first}/w0:0")
    with pytest.raises(WeightsFileError, match=MAKERS[variant][1]):
        builder.build(spec, var, hostile)


def test_predict_with_such_a_weights_file_says_why_and_exits(tiny_legacy, tmp_path, capsys, home):
    from engine.cli import main

    from .hostile import jpeg_bytes

    spec, var, path, first = tiny_legacy
    hostile = hostile_copy(path, tmp_path / "hostile.h5", "external storage", tmp_path, weight=f"{first}/{first}/w0:0")
    img = tmp_path / "a.jpg"
    img.write_bytes(jpeg_bytes((32, 32)))
    code = main(["predict", str(img), "--model", "MobileNet", "--alpha", "0.25", "--input-size", "32",
                 "--weights", str(hostile), "--backend", "keras"])
    err = capsys.readouterr().err
    assert code == 1 and "external storage" in err and "Traceback" not in err, err
    assert SECRET[:20].decode() not in err


def test_a_verdict_remembered_before_files_were_walked_is_not_trusted(env):
    """A copy an earlier version checked (and remembered as good) is checked again."""
    from engine.weights import verify

    cache, tmp_path, good, wf = env
    cache.mkdir(parents=True)
    path = _hostile(good, cache / NAME, "external storage", tmp_path / "outside")
    st = os.stat(path)
    check = weights.official_checks(wf)[-1]
    entry = {"stat": [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns], "digests": {},
             "results": {check.id: [True, ""]}}
    verify.memo_file().parent.mkdir(parents=True, exist_ok=True)
    verify.memo_file().write_text(json.dumps({"version": 1, "files": {os.path.abspath(path): entry}}))
    verify.forget_memo()
    found = weights.locate(wf)
    assert found.path is None and "external storage" in found.problems[0].reason
