"""The feature cache's key, part by part: features are reused only for the same model, the
same weights (by content), the same input size, the same resize policy and the same image
content — changing any one alone runs the base again; nothing changed runs it for nothing,
and an image moved or renamed keeps its features (the key is its content)."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest
from PIL import Image

from engine.train import features

from .test_feature_cache_cap import _Base, _images


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(tmp_path / "home"))
    weights = tmp_path / "w.h5"
    weights.write_bytes(b"weights one")
    return tmp_path, weights


def passes(model="m", weights=None, size=16, policy="stretch", files=()) -> int:
    base = _Base()
    features.FeatureCache(model, weights, size, policy, max_bytes=1 << 30).features(base, list(files))
    return base.seen


def test_nothing_changed_costs_no_base_pass(home):
    tmp_path, weights = home
    files = _images(tmp_path / "data", 4)
    assert passes(weights=str(weights), files=files) == 4
    assert passes(weights=str(weights), files=files) == 0
    moved = tmp_path / "elsewhere"
    shutil.copytree(tmp_path / "data", moved)
    assert passes(weights=str(weights), files=sorted(str(p) for p in moved.iterdir())) == 0  # by content
    copy = tmp_path / "w-copy.h5"
    copy.write_bytes(weights.read_bytes())
    assert passes(weights=str(copy), files=files) == 0  # the same weights under another name


@pytest.mark.parametrize("part", ["model", "weights content", "no weights file", "input size", "policy"])
def test_each_part_of_the_configuration_alone_makes_a_miss(home, part):
    tmp_path, weights = home
    files = _images(tmp_path / "data", 3)
    assert passes(weights=str(weights), files=files) == 3
    args = {"weights": str(weights), "files": files}
    if part == "model":
        args["model"] = "m|continued:abc"
    elif part == "weights content":
        weights.write_bytes(b"weights two")  # the same path, other weights
    elif part == "no weights file":
        args["weights"] = None
    elif part == "input size":
        args["size"] = 24
    else:
        args["policy"] = "crop"
    assert passes(**args) == 3


def test_a_changed_image_alone_is_extracted_again(home):
    tmp_path, weights = home
    files = _images(tmp_path / "data", 3)
    passes(files=files)
    st = os.stat(files[1])
    Image.fromarray(np.full((16, 16, 3), 7, np.uint8)).save(files[1])
    os.utime(files[1], ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: the ctime still moved
    assert passes(files=files) == 1


def test_the_configurations_live_in_separate_folders(home):
    tmp_path, weights = home
    files = _images(tmp_path / "data", 2)
    passes(files=files)
    passes(files=files, policy="crop")
    passes(files=files, size=24)
    assert len(features.config_folders()) == 3 and features.info().files == 6


def test_weights_that_are_a_folder_are_keyed_by_their_path(home):
    """A SavedModel is a folder, not a file: its path is the key part (no content hash)."""
    tmp_path, _ = home
    files = _images(tmp_path / "data", 3)
    one, two = tmp_path / "saved_one", tmp_path / "saved_two"
    one.mkdir()
    two.mkdir()
    assert passes(weights=str(one), files=files) == 3
    assert passes(weights=str(one), files=files) == 0
    assert passes(weights=str(two), files=files) == 3
    assert passes(weights=None, files=files) == 3
