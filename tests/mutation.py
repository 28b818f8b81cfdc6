"""Mutation testing of the modules that decide a result or protect data, one module at a time.

    python tests/mutation.py                      # every module in [tool.mutmut-modules]
    python tests/mutation.py road verify          # some of them (path, dotted name or its end)
    python tests/mutation.py --changed main       # those a branch changed since main
    python tests/mutation.py --list               # the modules and their tests
    python tests/mutation.py road --tests tests/engine/test_x.py   # other tests for one module

mutmut (3.x) copies ``engine/`` into a ``mutants/`` folder, rewrites each function of the
mutated module so one small change (a flipped comparison, a constant off by one, an argument
dropped) can be switched on at a time, runs the selected tests once to learn which tests call
which function, and then runs, for each mutant, only the tests that call its function.  A
mutant the tests do not notice (*survived*) is a change of behaviour no test would catch.

Each module runs in its own folder (``mutants/by-module/<module>/``) with ``pyproject.toml``'s
``[tool.mutmut]`` settings and only that module's tests from ``[tool.mutmut-modules]``, so a
module's mutants never run another module's slow tests.  The run prints one line per module:
mutants, killed, survived, without tests, the score (killed / all) and how many survivors
``tests/MUTANTS.md`` explains as equivalent (no behaviour change); ``--show`` prints the diff
of every survivor it does not explain, ``--min 90`` exits 1 when a module scores below 90 %.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
RUNS = ROOT / "mutants" / "by-module"
EXPLAINED = ROOT / "tests" / "MUTANTS.md"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}  # a crash or a hang is noticed too
MUTANT_NAME = re.compile(r"engine(?:\.\w+)+__mutmut_\d+")
SECTION = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


@dataclass
class Score:
    module: str
    statuses: dict = field(default_factory=dict)  # mutant name -> mutmut's status
    seconds: float = 0.0
    error: str = ""

    def count(self, *names: str) -> int:
        return sum(1 for s in self.statuses.values() if s in names)

    @property
    def total(self) -> int:
        return len(self.statuses)

    @property
    def killed(self) -> int:
        return self.count(*KILLED)

    @property
    def survivors(self) -> list[str]:
        return sorted(n for n, s in self.statuses.items() if s not in KILLED)

    @property
    def percent(self) -> float:
        return 100.0 * self.killed / self.total if self.total else 0.0


def load_pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def suites(pyproject: dict) -> dict[str, list[str]]:
    """Module path -> the tests that exercise it, from ``[tool.mutmut-modules]``."""
    return {k: list(v) for k, v in pyproject["tool"]["mutmut-modules"].items()}


def choose(wanted: list[str], known: list[str]) -> list[str]:
    """Module paths for names given as ``engine/explain/road.py``, ``engine.explain.road`` or
    an end of either (``road``, ``explain/road``); an unknown or ambiguous name is an error."""
    chosen = []
    for name in wanted:
        key = name.replace("\\", "/").removesuffix(".py").replace(".", "/")
        hits = [m for m in known if m.removesuffix(".py") == key or m.removesuffix(".py").endswith("/" + key)]
        if len(hits) != 1:
            raise SystemExit(f"{name}: {'no listed module' if not hits else 'several modules: ' + ', '.join(hits)}"
                             f" (python tests/mutation.py --list)")
        chosen += [h for h in hits if h not in chosen]
    return chosen


def changed_since(ref: str, known: list[str]) -> list[str]:
    out = subprocess.run(["git", "diff", "--name-only", ref, "--", *known], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return [m for m in known if m in out]


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r} to TOML")


def run_pyproject(text: str, settings: dict, module: str, tests: list[str]) -> str:
    """The project's ``pyproject.toml`` (pytest's options included) with a ``[tool.mutmut]`` that
    mutates ``module`` only and selects ``tests`` only."""
    kept, skipping = [], False
    for line in text.splitlines():
        header = SECTION.match(line)
        if header:
            skipping = header.group(1) in ("tool.mutmut", "tool.mutmut-modules")
        if not skipping:
            kept.append(line)
    mine = dict(settings, only_mutate=[module], pytest_add_cli_args_test_selection=tests)
    return "\n".join(kept + ["", "[tool.mutmut]"] + [f"{k} = {toml_value(v)}" for k, v in mine.items()]) + "\n"


def mutmut(args: list[str], cwd: Path, env: dict, log) -> subprocess.CompletedProcess:
    # The console script's entry point, for whichever Python runs this (``python -m mutmut``
    # would import mutmut twice).
    command = [sys.executable, "-c", "import sys; from mutmut.__main__ import cli; sys.exit(cli())", *args]
    return subprocess.run(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)


def fixtures_folder() -> str:
    default = ROOT.parent / "shared" / "fixtures"  # what tests/conftest.py looks for beside the checkout
    return os.environ.get("PRETRAINED_STUDIO_FIXTURES", str(default))


def run_module(module: str, tests: list[str], settings: dict, text: str, jobs: int, quiet: bool) -> Score:
    name = module.removesuffix(".py").replace("/", ".")
    folder = RUNS / name
    if folder.exists():
        shutil.rmtree(folder)  # ours: a run always starts from today's code and tests
    (folder / "mutants").mkdir(parents=True)
    for part in settings.get("source_paths", ["engine"]):
        os.symlink(ROOT / part, folder / part)
    os.symlink(ROOT / "tests", folder / "tests")
    for part in settings.get("also_copy", []):
        os.symlink(ROOT / part, folder / part)
    (folder / "pyproject.toml").write_text(run_pyproject(text, settings, module, tests), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(folder / "mutants"), QT_QPA_PLATFORM="offscreen",
               PRETRAINED_STUDIO_FIXTURES=fixtures_folder(), TF_CPP_MIN_LOG_LEVEL="2")
    started = time.monotonic()
    score = Score(module)
    with open(folder / "mutmut.log", "w", encoding="utf-8") as log:
        ran = mutmut(["run", "--max-children", str(jobs)], folder, env, log)
        if ran.returncode != 0:
            score.error = f"mutmut run failed ({ran.returncode}); see {folder / 'mutmut.log'}"
    results = subprocess.run([sys.executable, "-c", "import sys; from mutmut.__main__ import cli; sys.exit(cli())",
                              "results", "--all", "true"], cwd=folder, env=env, capture_output=True, text=True)
    for line in results.stdout.splitlines():
        mutant, sep, status = line.strip().rpartition(": ")
        if sep and MUTANT_NAME.fullmatch(mutant):
            score.statuses[mutant] = status
    score.seconds = time.monotonic() - started
    if not score.statuses and not score.error:
        score.error = f"no mutants recorded; see {folder / 'mutmut.log'}"
    if not quiet:
        print(f"  {module}: {score.killed}/{score.total} killed in {score.seconds / 60:.1f} min", flush=True)
    return score


def explained_names() -> set[str]:
    return set(MUTANT_NAME.findall(EXPLAINED.read_text(encoding="utf-8"))) if EXPLAINED.is_file() else set()


def table(scores: list[Score], explained: set[str]) -> str:
    rows = [("module", "mutants", "killed", "survived", "no tests", "score", "equivalent", "unexplained", "minutes")]
    for s in scores:
        survivors = s.survivors
        known = [n for n in survivors if n in explained]
        rows.append((s.module, str(s.total), str(s.killed), str(s.count("survived")), str(s.count("no tests")),
                     f"{s.percent:.1f} %" if s.total else "-", str(len(known)), str(len(survivors) - len(known)),
                     f"{s.seconds / 60:.1f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    return "\n".join([lines[0], "-" * len(lines[0]), *lines[1:]])


_SHOW = """import sys
from mutmut.__main__ import cli
for name in sys.argv[1:]:
    print()
    cli(["show", name], standalone_mode=False)
"""


def show(scores: list[Score], explained: set[str]) -> None:
    """The diff of every survivor ``tests/MUTANTS.md`` does not explain (one mutmut process a module)."""
    for s in scores:
        names = [n for n in s.survivors if n not in explained]
        if names:
            folder = RUNS / s.module.removesuffix(".py").replace("/", ".")
            subprocess.run([sys.executable, "-c", _SHOW, *names], cwd=folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: every listed module)")
    parser.add_argument("--changed", metavar="REF", help="only the listed modules changed since REF (git)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, run nothing")
    parser.add_argument("--tests", nargs="+", metavar="TEST",
                        help="run these tests instead of the listed ones (one module; e.g. to measure a new test)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="mutants tested at once")
    parser.add_argument("--show", action="store_true", help="print the diff of each unexplained survivor")
    parser.add_argument("--debug", action="store_true", help="mutmut's debug output in the module's log")
    parser.add_argument("--min", type=float, default=None, metavar="PERCENT",
                        help="exit 1 when a module's score is below PERCENT")
    args = parser.parse_args(argv)

    pyproject = load_pyproject()
    settings = dict(pyproject["tool"]["mutmut"], **({"debug": True} if args.debug else {}))
    listed = suites(pyproject)
    modules = choose(args.modules, list(listed)) if args.modules else list(listed)
    if args.changed:
        modules = [m for m in changed_since(args.changed, list(listed)) if m in modules]
    if args.tests:
        if len(modules) != 1:
            raise SystemExit("--tests needs exactly one module")
        listed[modules[0]] = args.tests
    if args.list:
        for m in modules:
            print(f"{m}\n    " + "\n    ".join(listed[m]))
        return 0
    if not modules:
        print("no listed module to mutate")
        return 0
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    print(f"mutating {len(modules)} module(s), {args.jobs} at a time; logs in {RUNS}", flush=True)
    scores = [run_module(m, listed[m], settings, text, args.jobs, quiet=False) for m in modules]
    explained = explained_names()
    print()
    print(table(scores, explained))
    total = sum(s.seconds for s in scores)
    print(f"\n{sum(s.killed for s in scores)}/{sum(s.total for s in scores)} mutants killed in {total / 60:.1f} min "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    for s in scores:
        if s.error:
            print(f"{s.module}: {s.error}")
    if args.show:
        sys.stdout.flush()
        show(scores, explained)
    failed = any(s.error for s in scores)
    if args.min is not None:
        failed |= any(s.percent < args.min for s in scores)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
