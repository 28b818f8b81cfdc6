"""Model files without a Keras graph: TensorFlow Lite, SavedModel folders, ONNX — forward only.

Teachable Machine exports TFLite (float ``model_unquant.tflite`` and quantised ``model.tflite``)
and a SavedModel folder; this app's own Export writes both beside ``model.keras``.  They run
through OpenVINO (which reads all three) where its outputs agree with TensorFlow's own runtime on
the check images, else through that runtime (the TFLite interpreter, the SavedModel's signature):
Predict, Folder, benchmark, occlusion, Score-CAM (feature maps from the interpreter's own
tensors) and the faithfulness scores.  What needs a Keras graph — gradient methods, Inside,
training — says so in one line (:func:`needs_keras_message`) and names a Keras file beside it.

Before anything runs, each format is checked (:func:`check_safe`): a SavedModel folder holds
only regular files (a link could read another file into its weights) and no graph operation
that touches files or runs Python; a Keras description inside it holds no ``Lambda``; a TFLite
file holds no custom or TensorFlow ("Flex") operations, which could do either; an ONNX file
keeps its tensors inside itself.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import safefiles
from ..errors import StudioError
from ..pathnames import printable
from . import model_config, model_file
from .model_config import ModelFileError

MAX_FILE = 4 << 30
# Graph operations that read or write files, run Python or talk to other processes.
_UNSAFE_OPS = re.compile(r"File|PyFunc|Reader|Record|Dataset|Summary|PrintV2|Debug|ImmutableConst|Matching|"
                         r"Iterator|Enqueue|Dequeue|Queue|Rpc|Send|Recv|Remote|Ragged.*Variant|LoadAndRemap|"
                         r"Save|Restore|MergeV2Checkpoints|Assert")


NeedsKerasModel = model_file.NeedsKerasModel
needs_keras_message = model_file.needs_keras_message


class KerasOnly:
    """Stands in for the Keras model of a forward-only model: any use says, in one line, why not."""

    def __init__(self, path: Path):
        object.__setattr__(self, "_path", path)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise NeedsKerasModel(needs_keras_message(self._path, "this"))

    def __call__(self, *args, **kwargs):
        raise NeedsKerasModel(needs_keras_message(self._path, "this"))


@dataclass(frozen=True)
class Graph:
    path: Path
    format: str
    input_hw: tuple
    channels: int
    width: int  # outputs per image
    quantized: bool = False
    channels_first: bool = False  # (N, C, H, W), as PyTorch's ONNX exports take images


def exported_by_us(path: str | Path) -> bool:
    """A SavedModel or TFLite this app exported: beside a bundle's metadata.json with our marker."""
    from . import bundle_checks, bundles

    meta = Path(path).parent / bundles.META_FILE
    try:
        return meta.is_file() and bundle_checks.read_metadata(meta).get(bundles.MARKER_KEY) == bundles.MARKER
    except StudioError:
        return False


def _check_folder(folder: Path) -> None:
    """Only regular files and folders inside, none a link: a link would read another file."""
    count = 0
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            count += 1
            st = os.lstat(os.path.join(root, name))
            if stat.S_ISLNK(st.st_mode) or not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
                raise ModelFileError(f"The SavedModel '{printable(folder)}' holds '{printable(name)}', a link or "
                                     "special file: it could read another file into the model. Not opened.")
            if count > 10_000:
                raise ModelFileError(f"The SavedModel '{printable(folder)}' holds more than 10,000 files. Not opened.")


def _functions_named(node) -> list[str]:
    names = [node.op]  # a function may be called by its name as the op
    for attr in node.attr.values():
        if attr.HasField("func"):
            names.append(attr.func.name)
        if attr.HasField("list"):
            names += [f.name for f in attr.list.func]
    return names


def _saved_model_ops(folder: Path) -> set[str]:
    """The operations the serving signature runs: the graph's nodes it reaches and every function
    they call, transitively (a SavedModel's save and restore functions, never run here, are not)."""
    from tensorflow.core.protobuf import saved_model_pb2

    data = safefiles.read_bytes(folder / model_file.SAVED_MODEL_FILE, 1 << 30)
    proto = saved_model_pb2.SavedModel.FromString(data)
    ops: set[str] = set()
    for meta in proto.meta_graphs:
        signature = meta.signature_def.get("serving_default") or next(iter(meta.signature_def.values()), None)
        if signature is None:
            raise ModelFileError(f"The SavedModel '{printable(folder)}' has no serving signature: nothing to run.")
        nodes = {n.name: n for n in meta.graph_def.node}
        functions = {f.signature.name: f for f in meta.graph_def.library.function}
        stack = [t.name.split(":")[0].lstrip("^") for t in signature.outputs.values()]
        calls: list[str] = []
        seen: set[str] = set()
        while stack:
            name = stack.pop()
            if name in seen or name not in nodes:
                continue
            seen.add(name)
            ops.add(nodes[name].op)
            stack += [i.split(":")[0].lstrip("^") for i in nodes[name].input]
            calls += _functions_named(nodes[name])
        done: set[str] = set()
        while calls:
            name = calls.pop()
            if name in done or name not in functions:
                continue
            done.add(name)
            for node in functions[name].node_def:
                ops.add(node.op)
                calls += _functions_named(node)
    return ops


def _keras_metadata(folder: Path) -> None:
    """tf.keras writes its model description (JSON text inside a protobuf) beside the graph: it
    must hold no Lambda, as in every other format."""
    meta = folder / "keras_metadata.pb"
    if not meta.is_file():
        return
    found = _CODE_IN_JSON.search(safefiles.read_bytes(meta, 256 << 20))
    if found:
        raise ModelFileError(f"'{printable(folder)}' holds a {found.group(1).decode()} layer: Python code stored in "
                             "the model, which the app refuses to run (it could do anything to this computer).")


_CODE_IN_JSON = re.compile(rb'"class_name":\s*"(' + "|".join(model_config.CODE_LAYERS).encode() + rb')"')


def check_safe(path: Path) -> None:
    fmt = model_file.format_of(path)
    try:
        if fmt == model_file.SAVED_MODEL:
            _check_folder(path)
            unsafe = sorted(op for op in _saved_model_ops(path) if _UNSAFE_OPS.search(op))
            if unsafe:
                raise ModelFileError(f"The SavedModel '{printable(path)}' runs {', '.join(unsafe[:3])}: operations "
                                     "that read or write files or run Python. Not opened.")
            _keras_metadata(path)
        elif os.path.getsize(path) > MAX_FILE:
            raise ModelFileError(f"'{printable(path)}' is larger than {MAX_FILE >> 30} GB. Not opened.")
        elif fmt == model_file.ONNX:
            _check_onnx(path)
    except ModelFileError:
        raise
    except (OSError, ValueError, safefiles.UnsafeFile) as exc:
        raise ModelFileError(f"'{printable(path)}' cannot be read ({type(exc).__name__}: {str(exc)[:200]}): it is "
                             "damaged or not a model.") from None
    except Exception as exc:  # noqa: BLE001 - protobuf raises DecodeError for a cut file
        raise ModelFileError(f"'{printable(path)}' is damaged: it cannot be parsed ({type(exc).__name__}).") from None


def _onnx_node_tensors(nodes):
    for node in nodes:
        for attr in node.attribute:
            if attr.HasField("t"):
                yield attr.t
            yield from attr.tensors
            if attr.HasField("g"):
                yield from _onnx_tensors(attr.g)
            for sub in attr.graphs:
                yield from _onnx_tensors(sub)


def _onnx_tensors(graph):
    """Every tensor an ONNX graph holds: initializers, sparse ones, node attributes, subgraphs."""
    yield from graph.initializer
    for sparse in graph.sparse_initializer:
        yield sparse.values
        yield sparse.indices
    yield from _onnx_node_tensors(graph.node)


def _check_onnx(path: Path) -> None:
    """An ONNX tensor may keep its bytes in another file named by a path (``../../secret``):
    OpenVINO would read it into the weights.  Every tensor must be inside the file."""
    try:
        import onnx
    except ImportError:
        raise ModelFileError(f"Opening '{printable(path.name)}' needs the onnx package (pip install onnx): the app "
                             "uses it to prove an ONNX file keeps its tensors inside itself.") from None
    model = onnx.load(str(path), load_external_data=False)
    tensors = list(_onnx_tensors(model.graph))
    for fn in model.functions:
        tensors += list(_onnx_node_tensors(fn.node))
    for tensor in tensors:
        if tensor.data_location == onnx.TensorProto.EXTERNAL or len(tensor.external_data):
            raise ModelFileError(f"'{printable(path)}' keeps tensor '{printable(tensor.name)}' in another file: "
                                 "it could read any local file into the model. Not opened.")


def first_line(exc: BaseException) -> str:
    """A library error's first line, short (its message may run to pages)."""
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__


def _damaged(path: Path, exc: BaseException) -> ModelFileError:
    return ModelFileError(f"'{printable(path)}' cannot be opened as a {model_file.format_of(path)} model "
                          f"({type(exc).__name__}: {first_line(exc)}). It is damaged or not a model.")


def tflite_runner(path: Path, preserve: bool = False):
    from .forward_runners import TFLiteRunner

    try:
        runner = TFLiteRunner(path, preserve)
        ops = runner.ops()
    except Exception as exc:  # noqa: BLE001 - the interpreter raises ValueError/RuntimeError for a bad file
        raise _damaged(path, exc) from None
    odd = sorted({op for op in ops if op.startswith("Flex") or op in ("CUSTOM", "") or op.islower()})
    if odd:
        raise ModelFileError(f"'{printable(path)}' uses {', '.join(odd[:3])}: custom or TensorFlow operations, which "
                             "could read files or run code. Not opened.")
    return runner


def openvino_model(path: Path):
    from ..backends.openvino_backend import core

    try:
        return core().read_model(str(path))
    except Exception as exc:  # noqa: BLE001 - any frontend error
        raise _damaged(path, exc) from None


def reference_runner(path: Path):
    """TensorFlow's own runtime for the file (None for ONNX)."""
    fmt = model_file.format_of(path)
    if fmt == model_file.TFLITE:
        return tflite_runner(path)
    if fmt == model_file.SAVED_MODEL:
        from .forward_runners import SavedModelRunner

        try:
            return SavedModelRunner(path)
        except Exception as exc:  # noqa: BLE001
            raise _damaged(path, exc) from None
    return None


def _shape_of(path: Path, runner) -> tuple[tuple, tuple, bool]:
    if isinstance(runner, object) and hasattr(runner, "input") and hasattr(runner, "output"):
        return (tuple(int(d) for d in runner.input["shape"]), tuple(int(d) for d in runner.output["shape"]),
                np.issubdtype(runner.input["dtype"], np.integer))
    ov_model = openvino_model(path)
    if len(ov_model.inputs) != 1 or len(ov_model.outputs) != 1:
        raise model_file.NotAClassifierError(f"'{printable(path)}' has {len(ov_model.inputs)} inputs and "
                                             f"{len(ov_model.outputs)} outputs: the app opens image classifiers.")

    def dims(port):
        return tuple(d.get_length() if d.is_static else -1 for d in port.get_partial_shape())

    return dims(ov_model.inputs[0]), dims(ov_model.outputs[0]), False


def peek(path: str | Path) -> Graph:
    """The file's input and output shapes, checked to be an image classifier (nothing runs)."""
    path = model_file.check_path(path)
    check_safe(path)
    fmt = model_file.format_of(path)
    runner = tflite_runner(path) if fmt == model_file.TFLITE else None
    inp, out, quantized = _shape_of(path, runner)
    first = len(inp) == 4 and inp[-1] not in (1, 3) and inp[1] in (1, 3)
    if first:  # (N, C, H, W): checked and run as (N, H, W, C), transposed on the way in
        inp = (inp[0], inp[2], inp[3], inp[1])
    model_file.check_shapes(path, inp, out)
    h, w = inp[1], inp[2]
    if h <= 0 or w <= 0:
        h = w = model_file.DEFAULT_SIZE
    if max(h, w) > model_config.MAX_INPUT_SIDE:
        raise ModelFileError(f"'{printable(path)}' declares a {h} × {w} input: the app runs images up to "
                             f"{model_config.MAX_INPUT_SIDE} pixels a side. Not opened.")
    if fmt == model_file.TFLITE and runner is not None and runner.ops() and "QUANTIZE" in runner.ops():
        quantized = True
    return Graph(path, fmt, (int(h), int(w)), int(inp[-1]), int(out[-1]), quantized or _dynamic_range(runner),
                 first)


def _dynamic_range(runner) -> bool:
    """Weights stored as 8-bit integers (dynamic-range or full integer quantisation)."""
    if runner is None:
        return False
    return any(np.dtype(t["dtype"]) in (np.dtype(np.int8), np.dtype(np.uint8)) and len(t["shape"]) >= 2
               for t in runner.interpreter.get_tensor_details())  # int32 tensors (paddings, shapes) are not weights
