"""Hostile files against the one loader and the dataset check: they must agree on every
file, refuse by the header what claims too much (fast, before decoding), and list what
they refuse, in every training mode."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine import images
from engine.errors import ImageLoadError
from engine.train import dataset

from .hostile import all_cases, hostile_names, jpeg_bytes

pytestmark = pytest.mark.faults


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    return all_cases(tmp_path_factory.mktemp("hostile"))


def test_the_generator_covers_every_family(cases):
    families = {c.family for c in cases.values()}
    assert families >= {"decoder", "truncated", "claims", "special", "names"}
    assert len(cases) >= 26 + 3 + 4 + 2 + 6


def _verdicts(case):
    t = time.perf_counter()
    try:
        loaded, why = images.load_image(case.path), None
    except ImageLoadError as exc:
        loaded, why = None, str(exc)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    checked = images.check_image(case.path)
    return loaded, why, checked, load_s, time.perf_counter() - t


def test_check_and_loader_agree_on_every_file(cases):
    """``check_image`` (the dataset report) refuses exactly the files ``load_image`` refuses."""
    disagree, wrong = [], []
    for name, case in cases.items():
        loaded, why, checked, _, _ = _verdicts(case)
        if (loaded is None) != (checked is not None):
            disagree.append((name, why, checked))
        if case.expect == "ok" and (loaded is None or not case.check(loaded)):
            wrong.append((name, why))
        if case.expect == "refuse":
            msg = (why or "").lower()
            if loaded is not None or not all(w.lower() in msg for w in case.words):
                wrong.append((name, why))
    assert not disagree, disagree
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["1.3 KB JPEG claiming 9000x9000", "tiny PNG claiming 9000x9000",
                                  "2 GB file with a JPEG header", "144-megapixel PNG", "FIFO named .jpg",
                                  "link to /dev/zero"])
def test_claims_and_special_files_are_refused_before_decoding(cases, name):
    if name not in cases:
        pytest.skip(f"{name}: not possible on this system")
    loaded, why, checked, load_s, check_s = _verdicts(cases[name])
    assert loaded is None and checked is not None
    assert load_s < 1.0 and check_s < 1.0, (load_s, check_s)  # the 2 GB file took ~100 s before


def test_large_jpeg_is_decoded_at_reduced_scale_and_predicts_like_the_folder_path(tmp_path):
    """A 36-megapixel photo is decoded at half scale (a note says so), the same pixels for
    every consumer, so the single-image path and the folder path see one resize."""
    from engine.predict import decode_file

    ramp = np.linspace(0, 255, 7200).astype(np.uint8)
    a = np.ascontiguousarray(np.broadcast_to(ramp[None, :, None], (5000, 7200, 3)))
    path = tmp_path / "big.jpg"
    Image.fromarray(a).save(path, quality=80)
    im = images.load_image(path)
    assert im.size == (3600, 2500) and any("decoded at" in n for n in im.notes), (im.size, im.notes)
    single = images.model_input(im.pixels, 64, "stretch").pixels
    folder, err = decode_file(str(path), 64, "stretch")
    assert not err
    np.testing.assert_array_equal(single, folder)
    small = tmp_path / "small.jpg"  # a normal photo keeps its full resolution
    Image.fromarray(np.ascontiguousarray(a[:480, :640])).save(small, quality=80)
    assert images.load_image(small).size == (640, 480)


def _dataset(root):
    """Two classes of four good images each."""
    for cls, colour in (("red", (200, 40, 40)), ("blue", (40, 40, 200))):
        (root / cls).mkdir(parents=True)
        for i in range(4):
            (root / cls / f"{i}.jpg").write_bytes(jpeg_bytes((40, 40), colour))
    return root


def _plant(case, target):
    """A copy of a hostile case at ``target`` (links re-made, pipes re-made, big files hard-linked)."""
    if case.path.is_symlink():
        os.symlink(os.readlink(case.path), target)
    elif not case.path.is_file():
        os.mkfifo(target)
    elif case.path.stat().st_size > 50e6:
        os.link(case.path, target)
    else:
        target.write_bytes(case.path.read_bytes())


def test_report_lists_every_refused_file_with_its_reason_and_keeps_hostile_names(cases, tmp_path):
    root = _dataset(tmp_path / "data")
    planted = set()
    refused = [c for c in cases.values() if c.expect == "refuse" and (c.path.is_file() or c.path.is_symlink()
                                                                     or c.family == "special")]
    for i, case in enumerate(refused):
        target = root / ("red", "blue")[i % 2] / f"bad{i}{case.path.suffix}"
        _plant(case, target)
        planted.add(target.name)
    for name in hostile_names().values():
        (root / "red" / name).write_bytes(jpeg_bytes((40, 40), (200, 40, 40)))
    report = dataset.scan(root, seed=1)
    assert {os.path.basename(p) for p, _ in report.unreadable} == planted
    assert all(reason for _, reason in report.unreadable)
    used = {os.path.basename(s.path) for s in report.train + report.val}
    assert set(hostile_names().values()) <= used  # hostile names are images like any other
    assert not used & planted
    json.dumps(report.summary())  # the report (with names that are not UTF-8) serialises


def test_an_unreadable_sub_folder_is_listed(tmp_path):
    """A sub-folder the user may not read is listed with the reason, not silently ignored.
    As root (who reads everything) the check runs in a child that drops to 'nobody'."""
    root = tempfile.mkdtemp(prefix="unreadable-")
    try:
        os.chmod(root, 0o755)
        data = _dataset(Path(root) / "data")
        os.chmod(data, 0o755)
        for cls in ("red", "blue"):
            os.chmod(data / cls, 0o755)
            for f in (data / cls).iterdir():
                os.chmod(f, 0o644)
        locked = data / "red" / "locked"
        locked.mkdir()
        (locked / "x.jpg").write_bytes(jpeg_bytes())
        os.chmod(locked, 0o000)
        result = _scan_as_other_user(data) if os.geteuid() == 0 else _scan(data)
    finally:
        os.chmod(locked, 0o755)
        shutil.rmtree(root, ignore_errors=True)
    assert [os.path.basename(p) for p, _ in result] == ["locked"], result
    assert "permission denied" in result[0][1]


def _scan(data):
    return dataset.scan(data).unreadable


def _scan_as_other_user(data):
    Image.init()  # load Pillow's plugins before the child gives up root
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(r)
            os.setgid(65534)
            os.setuid(65534)
            out = json.dumps(dataset.scan(data).unreadable)
            os.write(w, out.encode())
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return [tuple(x) for x in json.loads(b"".join(chunks) or b"[]")]
