"""Weight packs from the side of what must be found: several pack folders in
``PRETRAINED_STUDIO_WEIGHT_PACKS`` (split by the system's path separator, never by a comma a
folder name may hold), and every manifest entry judged on its own — a bad entry is listed
and skipped, the good ones beside it are kept."""

from __future__ import annotations

import json
import os

import pytest

from engine.weights import locate, packs
from engine.weights.packing import make_pack

from .weightfiles import demo_layers, isolate, register, write_legacy_h5

pytestmark = pytest.mark.faults
NAME = "demo_weights.h5"
SHA = "ab" * 32


@pytest.fixture
def env(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    good = write_legacy_h5(tmp_path / "good.h5", demo_layers()).read_bytes()
    wf = register(monkeypatch, NAME, hashed=False, layers=demo_layers(), data=good, size=False)
    lab = tmp_path / "lab"
    lab.mkdir()
    (lab / NAME).write_bytes(good)
    return tmp_path, wf, lab


def test_the_file_is_found_in_the_second_of_several_pack_folders(env, monkeypatch):
    tmp_path, wf, lab = env
    first = tmp_path / "course, part 1"  # a comma in a folder name: not a separator
    write_manifest(first, {"format": 1, "files": []})  # a pack of other models
    second = tmp_path / "packs, 2024" / "vision"
    make_pack(second, ["Demo"], [lab])
    monkeypatch.setenv(packs.ENV_PACKS, os.pathsep.join([str(first), "", "  ", str(second)]))
    assert packs.env_pack_dirs() == [first, second]
    found = locate(wf)
    assert found.where == "pack" and found.path == second / NAME and found.verdict.ok


def test_pack_folders_may_start_with_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(packs.ENV_PACKS, os.pathsep.join(["~/a", "/abs/b"]))
    assert packs.env_pack_dirs() == [tmp_path / "a", packs.Path("/abs/b")]
    monkeypatch.setenv(packs.ENV_PACKS, "")
    assert packs.env_pack_dirs() == []
    monkeypatch.delenv(packs.ENV_PACKS)
    assert packs.env_pack_dirs() == []


def write_manifest(folder, data) -> packs.Pack:
    folder.mkdir(exist_ok=True)
    (folder / packs.PACK_MANIFEST).write_text(data if isinstance(data, str) else json.dumps(data))
    return packs.read_pack(folder)


def test_every_entry_is_judged_on_its_own(tmp_path):
    rows = [
        {"filename": "good.h5", "size": 10, "sha256": SHA, "models": ["A|", 3, "B|x"]},
        {"filename": "zero.h5", "size": 0, "sha256": SHA},  # no models: none listed
        {"filename": "", "size": 1, "sha256": SHA},
        {"filename": ".", "size": 1, "sha256": SHA},
        {"filename": "..", "size": 1, "sha256": SHA},
        {"filename": ".hidden.h5", "size": 1, "sha256": SHA},
        {"filename": "sub/x.h5", "size": 1, "sha256": SHA},
        {"filename": "sub\\x.h5", "size": 1, "sha256": SHA},
        {"filename": packs.PACK_MANIFEST, "size": 1, "sha256": SHA},
        {"filename": 7, "size": 1, "sha256": SHA},
        "not an object",
        {"filename": "negative.h5", "size": -1, "sha256": SHA},
        {"filename": "text-size.h5", "size": "10", "sha256": SHA},
        {"filename": "upper.h5", "size": 1, "sha256": SHA.upper()},
        {"filename": "short.h5", "size": 1, "sha256": SHA[:-1]},
        {"filename": "long.h5", "size": 1, "sha256": SHA + "a"},
        {"filename": "no-hash.h5", "size": 1},
        {"filename": "models-not-a-list.h5", "size": 2, "sha256": SHA, "models": "A|"},
    ]
    pack = write_manifest(tmp_path / "p", {"format": 1, "created": "2024-06-01T10:00:00", "files": rows})
    assert pack.error == "" and pack.created == "2024-06-01T10:00:00"
    assert pack.files == {
        "good.h5": {"filename": "good.h5", "size": 10, "sha256": SHA, "models": ["A|", "B|x"]},
        "zero.h5": {"filename": "zero.h5", "size": 0, "sha256": SHA, "models": []},
        "models-not-a-list.h5": {"filename": "models-not-a-list.h5", "size": 2, "sha256": SHA, "models": []},
    }
    assert list(pack.bad_entries) == [(f"entry {i}", "no usable file name") for i in range(2, 11)] + [
        ("negative.h5", "no valid size"), ("text-size.h5", "no valid size"), ("upper.h5", "no valid sha256"),
        ("short.h5", "no valid sha256"), ("long.h5", "no valid sha256"), ("no-hash.h5", "no valid sha256")]
    assert packs.lookup(pack, "good.h5")["size"] == 10 and packs.lookup(pack, "upper.h5") is None
    assert pack.label == f"pack {tmp_path / 'p'}"


@pytest.mark.parametrize("text, error", [
    (None, "its weights-pack.json cannot be read (No such file or directory)"),
    ("{not json", "its weights-pack.json cannot be used: 'weights-pack.json' is not valid JSON ("),
    ("[]", "its weights-pack.json is not a format-1 weight pack manifest"),
    ('{"format": 2, "files": []}', "its weights-pack.json is not a format-1 weight pack manifest"),
    ('{"format": 1, "files": {}}', "its weights-pack.json is not a format-1 weight pack manifest"),
    ('{"format": 1}', "its weights-pack.json is not a format-1 weight pack manifest"),
])
def test_a_manifest_that_cannot_be_used_says_why(tmp_path, text, error):
    folder = tmp_path / "p"
    folder.mkdir()
    if text is not None:
        (folder / packs.PACK_MANIFEST).write_text(text)
    pack = packs.read_pack(folder)
    assert pack.error.startswith(error) and pack.files == {} and pack.bad_entries == ()
    assert pack.folder == folder and pack.label == f"pack {folder}"
    assert packs.is_pack(folder) == (text is not None)


def test_created_is_kept_only_when_it_is_text_and_the_manifest_lists_files_by_name(tmp_path):
    pack = write_manifest(tmp_path / "p", {"format": 1, "created": 2024, "files": []})
    assert pack.created == "" and pack.error == ""
    made = packs.pack_manifest([{"filename": "b.h5"}, {"filename": "a.h5"}], "now")
    assert made == {"format": 1, "app": "pretrained-studio", "created": "now",
                    "files": [{"filename": "a.h5"}, {"filename": "b.h5"}]}


def test_a_manifest_larger_than_4_mib_is_refused_unread_and_one_at_the_limit_is_read(tmp_path):
    """A pack comes from a USB stick or a share: its manifest is read only up to 4 MiB (every
    zoo file listed is about 30 KB)."""
    row = {"filename": "good.h5", "size": 10, "sha256": SHA, "models": ["A|"]}
    text = json.dumps({"format": 1, "files": [row]})
    at_limit = text[:-1] + " " * (packs.MANIFEST_CAP - len(text)) + "}"  # blanks: still the same JSON
    pack = write_manifest(tmp_path / "at", at_limit)
    assert len(at_limit) == 4 << 20 and pack.error == "" and list(pack.files) == ["good.h5"]
    pack = write_manifest(tmp_path / "over", " " + at_limit)
    assert pack.error == (f"its weights-pack.json cannot be used: 'weights-pack.json' is {(4 << 20) + 1:,} bytes, "
                          f"more than the {4 << 20:,} allowed") and pack.files == {}
