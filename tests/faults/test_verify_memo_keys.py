"""The verification memo, key part by key part: a remembered result is reused only for the
same path, the same file state (size, mtime, inode, ctime) and the same check; changing any
one of them alone makes the file be read again, and nothing changed means no work at all."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from engine import fileio
from engine.jobs import CancelToken, Cancelled
from engine.messages import code_of
from engine.weights import structure, verify

from ..translatable import assert_translatable
from .weightfiles import demo_layers, fingerprint, isolate, write_legacy_h5

pytestmark = pytest.mark.faults


@pytest.fixture
def env(tmp_path, monkeypatch):
    isolate(monkeypatch, tmp_path)
    path = write_legacy_h5(tmp_path / "demo.h5", demo_layers())
    data = path.read_bytes()
    return path, verify.Check("structure", fingerprint(demo_layers()), "the app's manifest"), data


def work() -> tuple[int, int]:
    return verify.STATS["digests"], verify.STATS["structures"]


def did(before) -> tuple[int, int]:
    now = work()
    return now[0] - before[0], now[1] - before[1]


def test_nothing_changed_no_work_in_this_process_or_the_next(env):
    path, check, _ = env
    before = work()
    assert verify.verify_file(path, [check]).ok
    assert did(before) == (1, 1)
    before = work()
    assert verify.verify_file(path, [check]).ok
    verify.forget_memo()  # a new process reads the memo file
    assert verify.verify_file(path, [check]).ok and verify.remembered(path, [check]).ok
    assert did(before) == (0, 0)


@pytest.mark.parametrize("part", [0, 1, 2, 3], ids=["size", "mtime_ns", "inode", "ctime_ns"])
def test_each_part_of_the_file_state_alone_makes_a_miss(env, part):
    """The memo on disk is edited so that exactly one part of the remembered state differs."""
    path, check, _ = env
    assert verify.verify_file(path, [check]).ok
    memo = json.loads(verify.memo_file().read_text())
    memo["files"][str(path)]["stat"][part] += 1
    verify.memo_file().write_text(json.dumps(memo))
    verify.forget_memo()
    assert verify.remembered(path, [check]) is None  # a dry look says: not checked yet
    before = work()
    assert verify.verify_file(path, [check]).ok
    assert did(before) == (1, 1)


def test_the_same_file_state_under_another_path_is_a_miss(env, tmp_path):
    """Two hard links share size, times and inode: only the path tells them apart."""
    path, check, _ = env
    twin = tmp_path / "twin.h5"
    os.link(path, twin)
    assert verify._stat_key(path.stat()) == verify._stat_key(twin.stat())
    assert verify.verify_file(path, [check]).ok
    assert verify.remembered(twin, [check]) is None
    before = work()
    assert verify.verify_file(twin, [check]).ok
    assert did(before) == (1, 1)
    assert sorted(json.loads(verify.memo_file().read_text())["files"]) == sorted([str(path), str(twin)])


def test_another_check_on_the_same_file_is_run_the_digests_are_reused(env):
    path, check, data = env
    assert verify.verify_file(path, [check]).ok
    other = verify.Check("structure", fingerprint(demo_layers(width=32)), "another model")
    assert verify.remembered(path, [other]) is None
    before = work()
    refused = verify.verify_file(path, [other])
    assert not refused.ok and "layer shapes differ" in refused.reason or "this model needs" in refused.reason
    assert did(before) == (0, 1)  # the structure walk again; the file's digests are facts, kept
    md5 = hashlib.md5(data).hexdigest()
    before = work()
    assert verify.verify_file(path, [verify.Check("md5", md5, "Keras")]).ok
    wrong = verify.verify_file(path, [verify.Check("md5", "0" * 32, "Keras")])
    assert not wrong.ok and wrong.reason.startswith(f"its md5 is {md5[:12]}… instead of 000000000000… (Keras)")
    assert did(before) == (0, 0)
    both = verify.verify_file(path, [check, other])  # a remembered failure is remembered as one
    assert not both.ok and did(before) == (0, 0)


def test_a_hash_match_is_verified_a_structure_check_alone_is_not(env):
    path, check, data = env
    sha = hashlib.sha256(data).hexdigest()
    v = verify.verify_file(path, [check])
    assert v.ok and not v.verified and v.sha256 == sha
    assert v.how == "structure checked (the app's manifest)" and v.describe() == v.how
    v = verify.verify_file(path, [verify.Check("sha256", sha.upper(), "the pack"), verify.Check("size", len(data)),
                                  check])
    assert v.ok and v.verified and v.how == "sha256 the pack + structure checked (the app's manifest)"
    assert v.describe() == "verified: " + v.how
    v = verify.verify_file(path, [verify.Check("size", len(data))])
    assert v.ok and not v.verified and v.how == "nothing to check against"
    v = verify.verify_file(path, [verify.Check("readable")])
    assert v.ok and v.how == "readable (nothing known to check it against)"
    v = verify.verify_file(path, [verify.Check("sha256", "f" * 64, "the pack", required=False), check])
    assert v.ok and not v.verified  # a reported value that does not match refuses nothing


def test_the_first_required_failure_is_the_reason(env, tmp_path):
    path, check, data = env
    v = verify.verify_file(path, [verify.Check("size", len(data) + 1), verify.Check("md5", "0" * 32, "Keras")])
    assert not v.ok and v.reason == f"it is {len(data):,} bytes instead of {len(data) + 1:,}"
    assert v.describe() == "refused: " + v.reason and not v.verified
    page = tmp_path / "page.h5"
    page.write_bytes(b"<html>503</html>")
    v = verify.verify_file(page, [verify.Check("size", 5)])
    assert v.reason == f"it is 16 bytes instead of 5; {structure.REASONS['html']}"
    v = verify.verify_file(tmp_path / "missing.h5", [check])
    assert not v.ok and v.reason.startswith("it cannot be read (")


def test_a_file_renamed_into_place_keeps_its_results(env, tmp_path):
    path, check, data = env
    part = tmp_path / "download.part"
    part.write_bytes(data)
    assert verify.verify_file(part, [check]).ok
    final = tmp_path / "final.h5"
    os.replace(part, final)
    verify.carry_over(part, final)
    before = work()
    assert verify.verify_file(final, [check]).ok and did(before) == (0, 0)
    assert str(part) not in json.loads(verify.memo_file().read_text())["files"]
    other = tmp_path / "other.part"  # a different file (another inode) does not inherit results
    other.write_bytes(data)
    assert verify.verify_file(other, [check]).ok
    fresh = tmp_path / "fresh.h5"
    fresh.write_bytes(data)
    verify.carry_over(other, fresh)
    before = work()
    assert verify.verify_file(fresh, [check]).ok and did(before) == (1, 1)


def test_the_memo_keeps_other_processes_entries_drops_deleted_files_and_is_capped(env, tmp_path, monkeypatch):
    path, check, data = env
    others = []
    for i in range(4):
        others.append(tmp_path / f"o{i}.h5")
        others[-1].write_bytes(data)
    assert verify.verify_file(others[0], [check]).ok
    memo = json.loads(verify.memo_file().read_text())  # another process adds an entry meanwhile
    memo["files"][str(others[1])] = {"stat": verify._stat_key(others[1].stat()), "digests": {}, "results": {}}
    memo["files"][str(tmp_path / "deleted.h5")] = {"stat": [1, 2, 3, 4], "digests": {}, "results": {}}
    fileio.write_text(verify.memo_file(), json.dumps(memo))
    assert verify.verify_file(path, [check]).ok
    assert list(json.loads(verify.memo_file().read_text())["files"]) == [str(others[0]), str(others[1]), str(path)]
    monkeypatch.setattr(verify, "_MEMO_MAX", 3)
    os.utime(others[0])  # changed: checked again, it becomes the latest
    verify.forget_memo()
    assert verify.verify_file(others[0], [check]).ok
    assert verify.verify_file(others[2], [check]).ok
    kept = json.loads(verify.memo_file().read_text())
    assert kept["version"] == 2 and list(kept["files"]) == [str(path), str(others[0]), str(others[2])]


def test_a_read_only_home_still_verifies(env, monkeypatch):
    path, check, _ = env

    def refuse(*args, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(verify.fileio, "write_text", refuse)
    assert verify.verify_file(path, [check]).ok and verify.verify_file(path, [check]).ok
    assert not verify.memo_file().exists()


def test_hashing_can_be_cancelled(env):
    path, check, _ = env
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        verify.verify_file(path, [verify.Check("sha256", "0" * 64)], cancel=token)
    assert verify.remembered(path, [verify.Check("sha256", "0" * 64)]) is None  # nothing half-remembered


def test_a_check_is_named_by_its_kind_and_value():
    assert verify.Check("md5", "abc").id == "md5:abc"
    assert verify.Check("structure", {"shapes_sha256": "f00", "layers": 3}).id == "structure:f00"
    assert verify.Check("readable").id == "readable:None"


def test_the_memo_lives_under_its_known_name_and_ignores_another_version(env, tmp_path):
    path, check, _ = env
    assert verify.verify_file(path, [check]).ok
    assert (tmp_path / "user" / "weights-verified.json").is_file()
    memo = json.loads(verify.memo_file().read_text())
    assert memo["version"] == 2
    for other in (1, 3):  # an older app's memo (before external HDF5 parts were refused), a future one's
        memo["version"] = other
        verify.memo_file().write_text(json.dumps(memo))
        verify.forget_memo()
        before = work()
        assert verify.verify_file(path, [check]).ok and did(before) == (1, 1), other


def test_nothing_is_written_when_nothing_was_learnt(env):
    path, check, data = env
    md5 = verify.Check("md5", hashlib.md5(data).hexdigest(), "Keras")
    assert verify.verify_file(path, [verify.Check("size", len(data))]).ok
    assert not verify.memo_file().exists()  # a size is read from stat: nothing to remember
    assert verify.verify_file(path, [check, md5]).ok
    written = verify.memo_file().stat().st_mtime_ns, verify.memo_file().read_bytes()
    for checks in ([check, md5], [md5], [check], [verify.Check("size", len(data))]):
        assert verify.verify_file(path, checks).ok
    assert (verify.memo_file().stat().st_mtime_ns, verify.memo_file().read_bytes()) == written


def test_work_done_by_any_check_is_remembered_not_only_the_last(env):
    path, check, data = env
    assert verify.verify_file(path, [check, verify.Check("size", len(data))]).ok
    verify.forget_memo()
    before = work()
    assert verify.verify_file(path, [check]).ok and did(before) == (0, 0)


def test_a_known_digest_answers_a_dry_look_for_either_hash(env):
    path, check, data = env
    assert verify.verify_file(path, [verify.Check("md5", hashlib.md5(data).hexdigest(), "Keras")]).ok
    sha = hashlib.sha256(data).hexdigest()
    v = verify.remembered(path, [verify.Check("sha256", sha, "the pack")])
    assert v is not None and v.ok and v.verified and v.how == "sha256 the pack"
    assert verify.remembered(path, [check]) is None  # the structure was never walked


def test_descriptions_name_what_was_checked(env):
    path, check, data = env
    md5 = hashlib.md5(data).hexdigest()
    assert verify.verify_file(path, [verify.Check("md5", md5, "Keras")]).how == "md5 Keras"
    assert verify.verify_file(path, [verify.Check("md5", md5)]).how == "md5"
    bare = verify.Check("structure", check.value)
    assert verify.verify_file(path, [bare]).how == "structure checked"


def test_the_window_can_say_each_check_that_passed_in_its_language(env):
    """The weights card shows ``parts``, each looked up by its code; ``how`` is the English of them."""
    path, check, data = env
    sha, md5 = hashlib.sha256(data).hexdigest(), hashlib.md5(data).hexdigest()
    cases = [
        ((verify.Check("sha256", sha, "the pack"), check), ("check.hash", "check.structure_from")),
        ((verify.Check("md5", md5, "Keras"), verify.Check("structure", check.value)), ("check.hash",
                                                                                        "check.structure")),
        ((verify.Check("readable"),), ("check.readable",)),
    ]
    for checks, codes in cases:
        v = verify.verify_file(path, list(checks))
        assert v.ok and tuple(code_of(p) for p in v.parts) == codes
        assert " + ".join(v.parts) == v.how
        for part in v.parts:
            assert_translatable(part)
    nothing = verify.verify_file(path, [verify.Check("size", len(data))])
    assert nothing.ok and nothing.parts == () and code_of(nothing.how) == "check.nothing"
    assert_translatable(nothing.how)


def test_unreadable_and_refused_verdicts_carry_exactly_their_facts(env, tmp_path):
    path, check, data = env
    v = verify.verify_file(tmp_path / "missing.h5", [check])
    assert v == verify.Verdict(False, False, "", None, "it cannot be read (No such file or directory)")
    sha = hashlib.sha256(data).hexdigest()
    v = verify.verify_file(path, [verify.Check("sha256", "0" * 64, "the pack")])
    assert v == verify.Verdict(False, False, "", sha, f"its sha256 is {sha[:12]}… instead of 000000000000… "
                                                      "(the pack)")


def test_a_file_whose_kind_cannot_be_read_gets_no_guess(env, monkeypatch):
    path, check, data = env

    def unreadable(p):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(verify.structure, "sniff", unreadable)
    v = verify.verify_file(path, [verify.Check("size", 1)])
    assert v.reason == f"it is {len(data):,} bytes instead of 1"


def test_a_structure_check_honours_cancel_before_and_after_the_walk(env, monkeypatch):
    path, check, _ = env
    token = CancelToken()
    token.cancel()
    walked = []
    real = verify.structure.check_file
    monkeypatch.setattr(verify.structure, "check_file", lambda *a: (walked.append(1), real(*a))[1])
    with pytest.raises(Cancelled):
        verify.verify_file(path, [check], cancel=token)
    assert walked == []  # cancelled before reading the file
    token = CancelToken()
    monkeypatch.setattr(verify.structure, "check_file", lambda *a: (token.cancel(), real(*a))[1])
    with pytest.raises(Cancelled):  # cancelled during the walk: the hashing after it stops
        verify.verify_file(path, [check], cancel=token)


def test_carrying_over_a_file_never_checked_is_harmless(env, tmp_path):
    path, check, data = env
    new = tmp_path / "new.h5"
    new.write_bytes(data)
    verify.carry_over(tmp_path / "never-checked.part", new)
    before = work()
    assert verify.verify_file(new, [check]).ok and did(before) == (1, 1)


def _memo_with(path, change) -> None:
    memo = json.loads(verify.memo_file().read_text())
    change(memo, str(path))
    verify.memo_file().write_text(json.dumps(memo))
    verify.forget_memo()


@pytest.mark.parametrize("whole", [[], {"version": 2, "files": []}, {"version": 2}],
                         ids=["a list", "files a list", "no files"])
def test_a_memo_file_of_the_wrong_shape_is_set_aside_and_said_once(env, whole):
    from engine import safefiles

    path, check, _ = env
    assert verify.verify_file(path, [check]).ok
    verify.memo_file().write_text(json.dumps(whole))
    verify.forget_memo()
    safefiles.notices()
    before = work()
    assert verify.verify_file(path, [check]).ok and did(before) == (1, 1)  # checked again, no crash
    said = safefiles.notices()
    assert len(said) == 1 and said[0].startswith("the record of checked weight files is not a record of checked "
                                                 f"files ({verify.memo_file()})"), said
    assert json.loads(verify.memo_file().read_text())["files"].keys() == {str(path)}  # written anew


def _break(part):
    def change(memo, key):
        entry = memo["files"][key]
        if part == "entry a list":
            memo["files"][key] = []
        elif part == "entry empty":
            memo["files"][key] = {}
        elif part == "stat not a list":
            entry["stat"] = "x"
        elif part == "digests a list":
            entry["digests"] = []
        elif part == "a digest not text":
            entry["digests"]["sha256"] = 5
        elif part == "results a list":
            entry["results"] = []
        elif part == "a result of one item":
            entry["results"] = {k: [True] for k in entry["results"]}
        elif part == "a result's reason not text":
            entry["results"] = {k: [True, 5] for k in entry["results"]}
        elif part == "a result not a list":
            entry["results"] = {k: True for k in entry["results"]}
    return change


@pytest.mark.parametrize("part", ["entry a list", "entry empty", "stat not a list", "digests a list",
                                  "a digest not text", "results a list", "a result of one item",
                                  "a result's reason not text", "a result not a list"])
def test_a_hand_edited_entry_of_the_wrong_shape_is_checked_again(env, part):
    """Only that file's entry is dropped: the file is read and checked again, nothing crashes."""
    path, check, data = env
    md5 = verify.Check("md5", hashlib.md5(data).hexdigest(), "Keras", required=False)
    assert verify.verify_file(path, [check, md5]).ok
    _memo_with(path, _break(part))
    before = work()
    verdict = verify.verify_file(path, [check, md5])
    assert verdict.ok and verdict.reason == "" and did(before) == (1, 1)
    _memo_with(path, lambda memo, key: None)  # what was written back is whole again
    before = work()
    assert verify.verify_file(path, [check, md5]).ok and did(before) == (0, 0)
