"""OpenVINO: its runtime, the CPU plugin and the TensorFlow front end.

The plugins and front ends are loaded by name at run time (never linked), so binary
analysis cannot find them: collect the package's libraries, then ``build/trim.py`` drops
the GPU/NPU plugins and the front ends for other frameworks.
"""

from PyInstaller.utils.hooks import collect_dynamic_libs

from modules import submodules

hiddenimports = submodules("openvino", skip_prefixes=[
    "openvino.frontend.onnx", "openvino.frontend.paddle", "openvino.frontend.pytorch", "openvino.frontend.jax",
    "openvino.tools.benchmark"])
binaries = collect_dynamic_libs("openvino")
