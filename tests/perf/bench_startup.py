"""Benchmark: the first window against the TensorFlow import, through the real self-test.

    python tests/perf/bench_startup.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import tensorflow"], env=env, check=True, capture_output=True)
    tf_import = time.perf_counter() - t
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--self-test", "--weights", "none"],
                         env=env, capture_output=True, text=True, cwd=ROOT)
    print(out.stdout)
    shown = float(re.search(r"window shown: ([\d.]+) s", out.stdout).group(1))
    print(f"`import tensorflow` alone: {tf_import:.2f} s; first window: {shown:.2f} s "
          f"({shown / tf_import:.2f} of the TensorFlow import; target < 1.5 s)")
    return out.returncode


if __name__ == "__main__":
    raise SystemExit(main())
