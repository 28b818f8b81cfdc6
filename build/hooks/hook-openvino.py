"""OpenVINO: its runtime, the CPU plugin, the TensorFlow and IR front ends, and TBB.

The plugins and front ends are loaded by name at run time (never linked), so binary
analysis cannot find them: collect every library of the package — versioned names too
(``libopenvino_ir_frontend.so.2641``, which PyInstaller's default ``lib*.so`` pattern misses:
without it a build converts on the first run and cannot read its own conversion cache on
the next) — then ``build/trim.py`` drops the GPU/NPU plugins and the front ends for other
frameworks, and refuses a build that lacks a library the smoke run loaded.
"""

from PyInstaller.utils.hooks import collect_dynamic_libs

from modules import submodules

hiddenimports = submodules("openvino", skip_prefixes=[
    "openvino.frontend.onnx", "openvino.frontend.paddle", "openvino.frontend.pytorch", "openvino.frontend.jax",
    "openvino.tools.benchmark"])
binaries = collect_dynamic_libs("openvino", search_patterns=["*.dll", "*.dylib", "lib*.so", "lib*.so.*"])
