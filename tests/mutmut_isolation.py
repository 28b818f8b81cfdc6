"""A pytest plugin for mutation runs (``tests/mutation.py``): every test session gets a fresh
user folder and Keras cache.

mutmut forks one worker per mutant from a process that imported ``tests/conftest.py`` once,
so without this every mutant's tests would share the folder that conftest made at import: a
feature cache, a remembered preprocessing or a downloaded weight file written under one
mutant would be found by the next, and a mutant could be killed or spared by what another
one left behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile

_made: list[str] = []


def pytest_configure(config):
    home = tempfile.mkdtemp(prefix="studio-mutant-home-")
    _made.append(home)
    os.environ["PRETRAINED_STUDIO_HOME"] = os.path.join(home, "user")
    os.environ["KERAS_HOME"] = os.path.join(home, "keras")


def pytest_unconfigure(config):
    while _made:
        shutil.rmtree(_made.pop(), ignore_errors=True)
