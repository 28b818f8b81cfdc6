"""Small weight files that declare huge arrays: a few KB on disk (chunked, compressed, nothing
written) that would make the app allocate gigabytes if their arrays were read before their
shapes were checked.  Each case runs in a child process whose address space is capped
(``RLIMIT_AS``, like ``ulimit -v``) at what it already uses plus a little: an allocation of
the declared size fails there, so the case passes only when the file is refused unread, with
a message."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from .hdf5_outside import declared_bomb
from .weightfiles import demo_layers, fingerprint

pytestmark = [pytest.mark.faults, pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and /proc: Linux")]

GIB = 1 << 30

_CHILD = textwrap.dedent("""
    import resource, sys, json
    from pathlib import Path

    def vm_bytes():
        for line in open("/proc/self/status"):
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    setup, run = {setup!r}, {run!r}
    scope = {{"Path": Path}}
    exec(setup, scope)
    resource.setrlimit(resource.RLIMIT_AS, (vm_bytes() + {headroom}, resource.RLIM_INFINITY))
    for case in json.loads(sys.argv[1]):
        try:
            exec(run, dict(scope, case=case))
            print("RESULT", case["name"], "accepted", flush=True)
        except MemoryError:
            print("RESULT", case["name"], "MemoryError", flush=True)
        except Exception as exc:
            print("RESULT", case["name"], type(exc).__name__, str(exc).replace(chr(10), " "), flush=True)
""")


def _child(setup: str, run: str, cases: list, headroom: int) -> dict:
    import json

    code = _CHILD.format(setup=textwrap.dedent(setup), run=textwrap.dedent(run), headroom=headroom)
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(cases)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    results = {}
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            _, name, rest = line.split(" ", 2)
            results[name] = rest
    assert len(results) == len(cases), proc.stdout + proc.stderr[-3000:]
    return results


def _bombs(folder):
    layers = demo_layers()
    return {  # name -> (file, words its refusal must hold)
        "8-GiB-kernel": (declared_bomb(layers, folder / "a.h5", "conv2", (1 << 31,)), "bytes"),
        "32-GiB-in-one-array": (declared_bomb(layers, folder / "b.h5", "conv3", (1 << 33,)), "bytes"),
        # 200 MB: within the generic bound for any file, refused by its shape before it is read
        "200-MB-wrong-shape": (declared_bomb(layers, folder / "c.h5", "conv2", (3, 3, 64, 64 * 1400)), "layer"),
    }


def test_a_structure_check_refuses_a_declared_bomb_without_allocating_it(tmp_path):
    bombs = _bombs(tmp_path)
    for path, _ in bombs.values():
        assert path.stat().st_size < 1 << 20  # the small weights it also holds, and the bomb
    setup = f"""
        from engine.weights import structure
        expected = {fingerprint(demo_layers())!r}
    """
    run = "structure.check_file(Path(case['path']), expected)"
    got = _child(setup, run, [{"name": n, "path": str(p)} for n, (p, _) in bombs.items()], headroom=160 << 20)
    for name, (_, words) in bombs.items():
        assert got[name].startswith("StructureError") and words in got[name], (name, got[name])


def test_an_import_refuses_a_declared_bomb_without_allocating_it(tmp_path):
    bombs = _bombs(tmp_path)
    setup = """
        import os
        os.environ["PRETRAINED_STUDIO_HOME"] = %r
        from engine.weights import importing
        from engine.weights.manifest import WeightsFile
        def never(path):
            raise AssertionError("handed to Keras")
    """ % str(tmp_path / "home")
    run = "importing.import_file(case['path'], WeightsFile('demo_weights.h5', ''), never)"
    got = _child(setup, run, [{"name": n, "path": str(p)} for n, (p, _) in bombs.items() if "GiB" in n],
                 headroom=160 << 20)
    for name, result in got.items():
        assert result.startswith("WeightsFileError") and "bytes" in result, (name, result)


@pytest.fixture(scope="module")
def tiny_files(tmp_path_factory):
    """Tiny MobileNet's weights in both of Keras' layouts, each with one array declared huge."""
    import h5py

    from engine import builder

    spec, variant = zoo_tiny()
    model = builder.build(spec, variant, None)
    folder = tmp_path_factory.mktemp("tinybombs")
    keras3 = folder / "tiny.weights.h5"
    model.save_weights(str(keras3))
    out = {}
    for name, shape in (("keras3-8GiB", (1 << 31,)), ("keras3-2GiB-per-array", (1 << 29,))):
        path = folder / f"{name}.weights.h5"
        path.write_bytes(keras3.read_bytes())
        with h5py.File(path, "r+") as f:
            found = []
            f.visititems(lambda n, o: found.append(n) if isinstance(o, h5py.Dataset) and o.ndim == 4 else None)
            del f[found[0]]
            f.create_dataset(found[0], shape=shape, dtype="float32", chunks=(1 << 16,), compression="gzip")
        out[name] = path
    layers = [(layer.name, [np.asarray(w) for w in layer.trainable_weights + layer.non_trainable_weights])
              for layer in model.layers if layer.weights]
    out["legacy-8GiB"] = declared_bomb(layers, folder / "legacy.h5", layers[0][0], (1 << 31,))
    return out


def zoo_tiny():
    from engine import zoo

    return zoo.get("MobileNet"), zoo.Variant(alpha=0.25, input_size=32, include_top=False)


def test_weights_file_bombs_are_refused_before_keras_reads_them(tiny_files):
    setup = """
        from engine import builder, zoo
        spec, variant = zoo.get("MobileNet"), zoo.Variant(alpha=0.25, input_size=32, include_top=False)
        builder.build(spec, variant, None)  # TensorFlow's own start-up is not counted
    """
    run = "builder.build(spec, variant, Path(case['path']))"
    got = _child(setup, run, [{"name": n, "path": str(p)} for n, p in tiny_files.items()], headroom=1 * GIB)
    for name, result in got.items():
        assert result.startswith("WeightsFileError") and "declares" in result, (name, result)

