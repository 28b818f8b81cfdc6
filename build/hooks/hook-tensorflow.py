"""TensorFlow for the installer (replaces pyinstaller-hooks-contrib's hook).

Same intent as the contrib hook — every TensorFlow and Keras module, because both load
parts of their API lazily — but the module lists come from the file system
(``build/modules.py``) instead of importing every package, no CUDA wheels are looked for
(a CPU build), and TF's ``.pyi`` stubs and headers are not collected.
"""

from modules import submodules

# Keras 3 backends other than TensorFlow (torch/jax/numpy/openvino): the app runs Keras on
# TensorFlow; the OpenVINO *runtime* the app uses is separate from Keras' backend.
KERAS_OTHER_BACKENDS = ["keras.src.backend.torch", "keras.src.backend.jax", "keras.src.backend.numpy",
                        "keras.src.backend.openvino"]

# TF's pip setup script and its TF1->TF2 upgrade tool are not part of the library.
hiddenimports = submodules("tensorflow", skip_prefixes=["tensorflow.tools.pip_package",
                                                        "tensorflow.tools.compatibility"])
hiddenimports += submodules("keras", skip_prefixes=KERAS_OTHER_BACKENDS)
hiddenimports += ["ml_dtypes"]
excludedimports = KERAS_OTHER_BACKENDS

# AutoGraph reads the source of some of its own functions.
module_collection_mode = {"tensorflow.python.autograph": "py+pyz"}

# Symlinks to TF's libraries in the top folder confuse TF about its location (contrib hook).
bindepend_symlink_suppression = [
    "**/libtensorflow_cc.so*",
    "**/libtensorflow_framework.so*",
    "**/_pywrap_tensorflow_internal.so",
]
