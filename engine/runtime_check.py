"""Does OpenVINO load and compute here?  The installer's ``--self-test`` asks, because its
plugins and front ends are loaded by name at run time: a build that misses one imports
fine and fails only on first use (without the IR front end: on every run after the first,
which reads the conversion cache).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class OpenVINOCheck:
    installed: bool
    ok: bool = False
    version: str = ""
    devices: tuple[str, ...] = ()
    front_ends: tuple[str, ...] = ()
    error: str = ""

    def summary(self) -> str:
        if not self.installed:
            return "OpenVINO: not installed"
        if not self.ok:
            return f"OpenVINO {self.version}: FAILED: {self.error}"
        return (f"OpenVINO {self.version}: devices {', '.join(self.devices)}; "
                f"CPU computed a test model; TensorFlow front end: {'tf' in self.front_ends}; "
                f"IR front end: {'ir' in self.front_ends}")


def check_openvino() -> OpenVINOCheck:
    """Import OpenVINO, compile a one-layer model on the CPU and run it; list the front ends."""
    if importlib.util.find_spec("openvino") is None:
        return OpenVINOCheck(installed=False)
    version = ""
    try:
        import openvino as ov
        from openvino import opset8 as ops
        from openvino.frontend import FrontEndManager

        version = ov.__version__.split("-")[0]
        core = ov.Core()
        x = ops.parameter([1, 4], np.float32)
        compiled = core.compile_model(ov.Model([ops.relu(x)], [x], "check"), "CPU")
        out = compiled(np.array([[-1.0, 2.0, -3.0, 4.0]], np.float32))[0]
        if not np.array_equal(out, np.array([[0.0, 2.0, 0.0, 4.0]], np.float32)):
            return OpenVINOCheck(True, False, version, error=f"the CPU computed {out.tolist()} for relu")
        front_ends = tuple(sorted(FrontEndManager().get_available_front_ends()))
        if "tf" not in front_ends:
            return OpenVINOCheck(True, False, version, error=f"no TensorFlow front end (found: {front_ends})")
        if "ir" not in front_ends:  # converts once, then cannot read its own conversion cache
            return OpenVINOCheck(True, False, version, error=f"no IR front end (found: {front_ends}): converted "
                                                             "models could not be read back from the cache")
        return OpenVINOCheck(True, True, version, tuple(core.available_devices), front_ends)
    except Exception as exc:  # any failure to load is the answer, not a crash
        return OpenVINOCheck(True, False, version, error=f"{type(exc).__name__}: {exc}")
