"""Dataset check throughput: files per second of the check that decides like the loader.

    python tests/perf/bench_scan.py [N]       (N 640×480 JPEGs, default 2000)

Compared in one run, on the same files:
* the dataset check (``dataset.check_files``: header checks, JPEG decoded at 1/8 scale, a
  thread pool) — what the Train tab and `train` run;
* the loader itself, one file after another (``images.load_image``: a full decode) — the
  baseline a user would otherwise use to find the files training would refuse;
* ``Image.verify`` (the former check): fast, but it decodes nothing, so it passed JPEGs cut
  short that the loader then refused.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from engine import images  # noqa: E402
from engine.train import dataset  # noqa: E402


def make(folder: Path, n: int) -> list[Path]:
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:480, 0:640]
    files = []
    for i in range(n):
        a = np.stack([(xx * (1 + i % 7) + yy * (i % 5)) % 256, (yy * 2 + i) % 256, (xx + yy) % 256], -1)
        a = (a + rng.normal(0, 12, a.shape)).clip(0, 255).astype(np.uint8)
        p = folder / f"c{i % 10}" / f"{i}.jpg"
        p.parent.mkdir(exist_ok=True)
        Image.fromarray(a).save(p, quality=88)
        files.append(p)
    return files


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        files = make(Path(tmp), n)
        mb = sum(f.stat().st_size for f in files) / 1e6
        print(f"{n} JPEGs 640×480, {mb:.0f} MB, {os.cpu_count()} CPU cores")
        t, cpu = time.perf_counter(), time.process_time()
        reasons = dataset.check_files(files)
        check = n / (time.perf_counter() - t)
        check_cpu = n / (time.process_time() - cpu)
        assert not any(reasons)
        sample = files[: max(50, n // 10)]
        t, cpu = time.perf_counter(), time.process_time()
        for f in sample:
            images.load_image(f)
        load = len(sample) / (time.perf_counter() - t)
        load_cpu = len(sample) / (time.process_time() - cpu)
        t = time.perf_counter()
        for f in files:
            with Image.open(f) as im:
                im.verify()
        verify = n / (time.perf_counter() - t)
    print(f"dataset check (1/8-scale decode, thread pool): {check:7.0f} files/s ({check_cpu:.0f} per CPU-second)")
    print(f"loader one by one (full decode):               {load:7.0f} files/s ({load_cpu:.0f} per CPU-second)"
          f"  -> check is {check / load:.1f}x")
    print(f"Image.verify (former check, decodes nothing):  {verify:7.0f} files/s")
    print(f"20,000 files would take {20000 / check:.0f} s with the check here "
          f"({20000 / check_cpu / (os.cpu_count() or 1):.0f} s if every core were free)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
