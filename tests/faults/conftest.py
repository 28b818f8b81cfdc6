"""The fault suite: reproductions of hostile inputs and faults (files, names, kills,
corrupt caches, bundles and settings).  Every test here is marked ``faults``; at the end
of a run that collected any, one line sums them up:

    fault suite: tried N / handled N / lost N

*tried*: fault cases run; *handled*: cases where the app did the right thing (the test
passed); *lost*: cases where it did not (failed or errored) — data lost, a traceback
reached the user, or a bad file was trusted.  Skipped cases (a fault this system cannot
stage) are counted apart.
"""

from __future__ import annotations

import pytest

_OUTCOMES: dict[str, str] = {}


def pytest_runtest_logreport(report):
    if "faults" not in report.keywords:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        outcome = report.outcome
        if outcome == "skipped" and report.when == "call" and hasattr(report, "wasxfail"):
            outcome = "failed"
        _OUTCOMES[report.nodeid] = outcome
    elif report.when == "teardown" and report.outcome == "failed":
        _OUTCOMES[report.nodeid] = "failed"


def pytest_terminal_summary(terminalreporter):
    if not _OUTCOMES:
        return
    values = list(_OUTCOMES.values())
    skipped = values.count("skipped")
    tried = len(values) - skipped
    handled = values.count("passed")
    lost = tried - handled
    line = f"fault suite: tried {tried} / handled {handled} / lost {lost}"
    if skipped:
        line += f" ({skipped} not staged on this system)"
    terminalreporter.write_sep("=", line, red=bool(lost), green=not lost)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user folder of its own for each test (preferences, models, feature cache)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("PRETRAINED_STUDIO_HOME", str(folder))
    return folder
