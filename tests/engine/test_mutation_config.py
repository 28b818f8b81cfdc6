"""The mutation-testing setup (``tests/mutation.py``) stays runnable: every listed module and
test exists, ``[tool.mutmut]`` lists the same modules and tests as ``[tool.mutmut-modules]``,
a module's run mutates that module only with its own tests only, and mutmut's folder is
never committed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .. import mutation
from ..conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@pytest.fixture(scope="module")
def pyproject():
    return mutation.load_pyproject()


def test_every_listed_module_and_test_exists(pyproject):
    suites = mutation.suites(pyproject)
    assert len(suites) >= 22
    for module, tests in suites.items():
        assert (ROOT / module).is_file(), module
        assert tests, f"{module} has no tests"
        for test in tests:
            assert (ROOT / test.split("::")[0]).is_file(), test


def test_mutmut_section_lists_the_same_modules_and_tests(pyproject):
    suites = mutation.suites(pyproject)
    settings = pyproject["tool"]["mutmut"]
    assert settings["only_mutate"] == list(suites)
    union = list(dict.fromkeys(t for tests in suites.values() for t in tests))
    assert sorted(settings["pytest_add_cli_args_test_selection"]) == sorted(union)


def test_a_modules_run_mutates_it_alone_with_its_tests_alone(pyproject):
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = pyproject["tool"]["mutmut"]
    made = tomllib.loads(mutation.run_pyproject(text, settings, "engine/explain/road.py", ["tests/x.py", "a \"b\""]))
    assert made["tool"]["mutmut"]["only_mutate"] == ["engine/explain/road.py"]
    assert made["tool"]["mutmut"]["pytest_add_cli_args_test_selection"] == ["tests/x.py", "a \"b\""]
    assert "mutmut-modules" not in made["tool"]
    assert made["tool"]["pytest"] == pyproject["tool"]["pytest"]  # pytest's options come along
    for key, value in settings.items():
        if key not in ("only_mutate", "pytest_add_cli_args_test_selection"):
            assert made["tool"]["mutmut"][key] == value


def test_module_names_are_found_by_any_unambiguous_end():
    known = ["engine/explain/road.py", "engine/backends/check.py", "engine/weights/structure.py",
             "engine/sources/model_file.py", "engine/train/features.py"]
    assert mutation.choose(["road", "engine.backends.check", "weights/structure.py"], known) == known[:3]
    with pytest.raises(SystemExit, match="no listed module"):
        mutation.choose(["nothing"], known)
    with pytest.raises(SystemExit, match="several"):
        mutation.choose(["e"], ["engine/a/e.py", "engine/b/e.py"])


def test_the_scores_count_crashes_and_hangs_as_killed():
    s = mutation.Score("m", {"a__mutmut_1": "killed", "a__mutmut_2": "timeout", "a__mutmut_3": "survived",
                             "a__mutmut_4": "no tests", "a__mutmut_5": "segfault"})
    assert (s.total, s.killed, s.survivors) == (5, 3, ["a__mutmut_3", "a__mutmut_4"])
    assert s.percent == pytest.approx(60.0)
    table = mutation.table([s], {"a__mutmut_3"})
    assert "60.0 %" in table.splitlines()[2]


def test_mutmuts_folder_is_ignored_by_git():
    out = subprocess.run(["git", "check-ignore", "-q", "mutants/by-module/x/mutants/engine/fileio.py"], cwd=ROOT)
    assert out.returncode == 0
