"""The OpenVINO runner: a converted model compiled for the CPU.

Two compilations of the same batch-1 graph, each made on first need: LATENCY (one request
on every core) for a single image, and THROUGHPUT (one stream per core group) fed by an
``AsyncInferQueue`` for batches and folders, so several requests are always in flight.
The precision is set explicitly: OpenVINO would otherwise pick bf16 by itself on CPUs
that have it.
"""

from __future__ import annotations

import collections
import threading

import numpy as np

_core = None
_core_lock = threading.Lock()


def core():
    global _core
    with _core_lock:
        if _core is None:
            import openvino as ov

            _core = ov.Core()
        return _core


class _Batch:
    """Outputs of one submitted batch (one array per model output), filled in by request callbacks."""

    def __init__(self, item, n: int, shapes: list):
        self.item = item
        self.out = [np.empty((n,) + shape, np.float32) for shape in shapes]
        self.remaining = n
        self.error = None


class OpenVINORunner:
    def __init__(self, model, precision: str = "f32", all_outputs: bool = False):
        """``model``: an ``openvino.Model`` taking float32 (N, H, W, 3) raw pixels.

        ``all_outputs``: ``run`` and ``stream`` give a list with every output of the model (a
        split model's prefix hands several tensors across the cut), else the first output."""
        self.precision = precision
        self.all_outputs = all_outputs
        self.model = model.clone()
        dims = list(model.inputs[0].get_partial_shape())[1:]
        self.model.reshape([1] + [d.get_length() for d in dims])
        self._compiled: dict = {}
        self._request = None
        self._idle_queues: list = []  # one per concurrent stream (a folder and Score-CAM at once)
        self._compile_lock = threading.Lock()
        self._latency_lock = threading.Lock()
        self._done = threading.Condition()

    def _compile(self, hint: str):
        with self._compile_lock:
            if hint not in self._compiled:
                config = {"PERFORMANCE_HINT": hint, "INFERENCE_PRECISION_HINT": self.precision}
                self._compiled[hint] = core().compile_model(self.model, "CPU", config)
            return self._compiled[hint]

    @property
    def output_shape(self) -> tuple:
        return self.output_shapes[0]

    @property
    def output_shapes(self) -> list:
        return [tuple(int(d) for d in out.get_partial_shape().to_shape()[1:]) for out in self.model.outputs]

    def _wanted(self, outputs: list):
        return outputs if self.all_outputs else outputs[0]

    # -- one image -----------------------------------------------------------------
    def run(self, pixels) -> np.ndarray:
        x = np.ascontiguousarray(pixels, np.float32)
        if len(x) == 0:
            return self._wanted([np.empty((0,) + shape, np.float32) for shape in self.output_shapes])
        if len(x) > 1:
            results = self.stream([x], lambda item: item)
            try:
                return next(results)[1]
            finally:
                results.close()
        with self._latency_lock:
            if self._request is None:
                self._request = self._compile("LATENCY").create_infer_request()
            self._request.infer({0: x})
            return self._wanted([self._request.get_output_tensor(k).data.copy()
                                 for k in range(len(self.model.outputs))])

    # -- throughput ----------------------------------------------------------------
    def _take_queue(self):
        import openvino as ov

        with self._done:
            if self._idle_queues:
                return self._idle_queues.pop()
        compiled = self._compile("THROUGHPUT")
        queue = ov.AsyncInferQueue(compiled, max(2, compiled.get_property("OPTIMAL_NUMBER_OF_INFER_REQUESTS")))
        queue.set_callback(self._finished)
        return queue

    def _finished(self, request, userdata) -> None:
        batch, index = userdata
        with self._done:
            try:
                for k, out in enumerate(batch.out):
                    out[index] = request.get_output_tensor(k).data[0]
            except Exception as exc:  # noqa: BLE001 - reported to the caller, not lost in a thread
                batch.error = exc
            batch.remaining -= 1
            self._done.notify_all()

    def stream(self, items, pixels_of=None):
        """Submit every image of each batch as its own request; yield ``(item, outputs)`` in
        order as batches complete, while the next batch is already being submitted."""
        pixels_of = pixels_of or (lambda item: item[0])
        shapes = self.output_shapes
        queue = self._take_queue()  # this stream's own requests
        pending: collections.deque = collections.deque()
        try:
            for item in items:
                x = np.ascontiguousarray(pixels_of(item), np.float32)
                batch = _Batch(item, len(x), shapes)
                pending.append(batch)
                for i in range(len(x)):
                    queue.start_async({0: x[i:i + 1]}, (batch, i))
                while pending and pending[0].remaining == 0:
                    yield self._result(pending.popleft())
            while pending:
                with self._done:
                    self._done.wait_for(lambda: pending[0].remaining == 0)
                yield self._result(pending.popleft())
        finally:
            queue.wait_all()  # a cancelled stream leaves no request running
            with self._done:
                self._idle_queues.append(queue)

    def _result(self, batch: _Batch):
        if batch.error is not None:
            raise batch.error
        return batch.item, self._wanted(batch.out)
