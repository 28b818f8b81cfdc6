"""Weight packs from the fixture files: made from a Keras cache, found through the environment,
the offline folders and an installer's bundle; a corrupt file in a pack is reported and skipped."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from engine import images, model_weights, paths, weights, zoo
from engine.cli import main as cli
from engine.errors import StudioError
from engine.models import ModelRequest, WeightsPolicy
from engine.predict import Predictor
from engine.weights import packs, verify

from ..faults.weightfiles import isolate
from ..conftest import MOBILENET_025_NO_TOP, MOBILENET_V2_H5, fixture_image, needs_fixtures

pytestmark = needs_fixtures
V2 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224.h5"
V1 = "mobilenet_2_5_224_tf_no_top.h5"
V1_VARIANT = zoo.Variant(alpha=0.25, include_top=False)


def _fresh(monkeypatch, tmp_path, name: str):
    return isolate(monkeypatch, tmp_path / name)


@pytest.fixture
def pack(tmp_path, monkeypatch, capsys):
    cache = _fresh(monkeypatch, tmp_path, "maker")
    cache.mkdir(parents=True)
    shutil.copy(MOBILENET_V2_H5, cache / V2)
    shutil.copy(MOBILENET_025_NO_TOP, cache / V1)
    out = tmp_path / "lab-pack"
    assert cli(["weights", "pack", str(out), "--models", "MobileNetV2,MobileNet"]) == 0
    assert f"pack: {out} (2 files)" in capsys.readouterr().out
    _fresh(monkeypatch, tmp_path, "student")  # another computer: nothing cached
    return out


def test_pack_manifest_has_the_agreed_format(pack):
    data = json.loads((pack / packs.PACK_MANIFEST).read_text())
    assert data["format"] == 1 and data["app"] == "pretrained-studio" and data["created"][:2] == "20"
    rows = {r["filename"]: r for r in data["files"]}
    assert sorted(rows) == [V1, V2] and sorted(p.name for p in pack.iterdir()) == sorted([V1, V2, packs.PACK_MANIFEST])
    assert rows[V2]["size"] == MOBILENET_V2_H5.stat().st_size
    assert rows[V2]["sha256"] == verify.digests(MOBILENET_V2_H5)["sha256"]
    assert "MobileNetV2|" in rows[V2]["models"] and "MobileNetV2|alpha=1" in rows[V2]["models"]
    assert rows[V1]["models"] == ["MobileNet|alpha=0.25, no top"]
    assert (pack / V2).stat().st_mode & 0o044 == 0o044  # readable by the lab, not private


def test_corrupt_pack_file_is_reported_and_skipped_the_good_one_predicts(pack, monkeypatch, capsys):
    data = bytearray((pack / V1).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (pack / V1).write_bytes(bytes(data))
    monkeypatch.setenv(packs.ENV_PACKS, str(pack))

    bad = model_weights.status_for("MobileNet", V1_VARIANT)
    assert bad.where == "missing" and len(bad.problems) == 1
    assert str(pack / V1) in str(bad.problems[0]) and "in the pack's manifest" in str(bad.problems[0])

    good = model_weights.status_for("MobileNetV2")
    assert good.where == "pack" and good.source == f"pack {pack}" and good.path == pack / V2
    pred = Predictor(capacity=1, policy=WeightsPolicy(allow_download=False))
    out = pred.predict(ModelRequest("MobileNetV2"), images.load_image(fixture_image("cat.png")))
    assert out.top[0].index in range(281, 286)

    assert cli(["weights", "status", "--json"]) == 0
    rows = {r["model"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["MobileNetV2"]["where"] == "pack" and rows["MobileNetV2"]["source"] == f"pack {pack}"


def test_a_changed_value_in_a_file_keras_publishes_no_hash_for_is_caught_by_the_pack(pack, monkeypatch):
    """MobileNetV2's official file has no published hash: a changed weight that keeps the
    file's structure (finite, right shapes) is caught only by the pack's own SHA-256."""
    import h5py

    size = (pack / V2).stat().st_size
    with h5py.File(pack / V2, "r+") as f:
        names = []
        f.visititems(lambda n, obj: names.append(n) if isinstance(obj, h5py.Dataset) and obj.size > 1 else None)
        data = f[names[0]]
        first = data[()]
        first.flat[0] += 0.5
        data[...] = first
    assert (pack / V2).stat().st_size == size  # same size, same structure: only the bytes differ
    monkeypatch.setenv(packs.ENV_PACKS, str(pack))
    st = model_weights.status_for("MobileNetV2")
    assert st.where == "missing" and "in the pack's manifest" in str(st.problems[0])


def test_pack_in_an_offline_folder_and_bundled_in_an_installer(pack, tmp_path, monkeypatch):
    assert model_weights.status_for("MobileNetV2", None, [pack]).where == "pack"
    bundle = tmp_path / "frozen"
    shutil.copytree(pack, bundle / "weights_pack")
    for p in (bundle / "weights_pack").iterdir():
        p.chmod(0o444)
    (bundle / "weights_pack").chmod(0o555)  # an install folder is read-only
    resources = paths.resources_dir()
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(paths, "resources_dir", lambda: resources)  # only the pack is "frozen" here
    st = model_weights.status_for("MobileNetV2", None, [pack])
    assert st.where == "pack" and st.path == bundle / "weights_pack" / V2  # searched first
    assert sorted(p.name for p in (bundle / "weights_pack").iterdir()) == sorted([V1, V2, packs.PACK_MANIFEST])


def test_pack_never_writes_over_a_folder_that_is_not_a_pack(tmp_path, monkeypatch):
    cache = _fresh(monkeypatch, tmp_path, "maker")
    cache.mkdir(parents=True)
    shutil.copy(MOBILENET_025_NO_TOP, cache / V1)
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / V1).write_bytes(b"my own file")
    with pytest.raises(StudioError, match="not a weight pack; nothing was written"):
        weights.make_pack(thesis, ["MobileNet"])
    assert (thesis / V1).read_bytes() == b"my own file" and len(list(thesis.iterdir())) == 1
    with pytest.raises(StudioError, match="No weight file for ResNet50"):
        weights.make_pack(tmp_path / "empty-pack", ["ResNet50"])
