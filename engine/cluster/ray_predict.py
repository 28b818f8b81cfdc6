"""The one module that imports Ray: folder prediction as a Ray Data pipeline.

File names (listed by the driver, exactly as the local ``predict`` lists them) -> decode
tasks with the app's image loader -> a pool of model actors, each holding one built model
(one per GPU when the cluster has GPUs) -> the driver, which turns rows back into
:class:`~engine.predict.FileResult` objects as they stream in, in input order.

Weights are resolved on each worker as they are locally (Keras cache, the installer's
pack, offline folders); a worker without the file fails with a message naming the file
and the folders searched, and downloads only when the policy allows it.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import time
from dataclasses import dataclass
from typing import Iterator, Optional, Sequence

import ray
import ray.data

from .. import jobs, zoo
from ..jobs import CancelToken, ProgressFn
from ..models import ModelRequest, WeightsPolicy
from ..predict import FileResult
from .errors import ClusterError
from . import reach
from .plan import ActorPlan, plan
from .worker import BatchPredictor, decode_batch, to_results, worker_failure

# Decoding is light next to the model: half a core per task also keeps Ray from fusing the
# decode stage into the model actors (it fuses stages that ask for the same resources).
DECODE_CPUS = 0.5


@dataclass(frozen=True)
class Session:
    address: str
    cpus: float
    gpus: float
    nodes: int


@contextlib.contextmanager
def connect(address: str = "local", *, num_cpus: Optional[int] = None,
            object_store_bytes: Optional[int] = None) -> Iterator[Session]:
    """Join a Ray cluster (``auto``, ``HOST:PORT``, ``ray://...``) or start one in this process
    (``local``: the machine's cores unless ``num_cpus``).  A Ray session already open in
    this process is reused and left open; one started here is shut down on exit."""
    started = False
    if not ray.is_initialized():
        quiet = dict(logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
        if address != "local":
            probe(address)  # Ray itself retries an unreachable head for minutes, silently
        try:
            if address == "local":
                ray.init(address="local", num_cpus=num_cpus or os.cpu_count() or 1,
                         object_store_memory=object_store_bytes, **quiet)
            else:
                ray.init(address=address, **quiet)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise ClusterError(
                f"Could not reach a Ray cluster at '{address}': {str(exc).rstrip('.')}. Start one with "
                "`ray start --head` (then `ray start --address=HEAD:6379` on each worker machine), pass its "
                "address, or use --cluster local to start one on this machine."
            ) from exc
        started = True
    try:
        res = ray.cluster_resources()
        nodes = sum(1 for n in ray.nodes() if n.get("Alive"))
        yield Session(address, float(res.get("CPU", 0)), float(res.get("GPU", 0)), nodes)
    finally:
        if started:
            ray.shutdown()


def probe(address: str, timeout: float = reach.CONNECT_TIMEOUT) -> None:
    """:func:`.reach.probe`, with "auto" resolved to the head Ray recorded on this machine."""
    if address == "auto":
        try:
            from ray._private import services  # where ray.init looks the address up itself

            address = services.canonicalize_bootstrap_address("auto") or ""
        except Exception:  # noqa: BLE001 - none recorded (ray.init says so at once) or another Ray
            return
    reach.probe(address, timeout)


def actor_plan(session: Session, actors: Optional[int] = None) -> ActorPlan:
    return plan(session.cpus, session.gpus, actors)


def predict_files(session: Session, request: ModelRequest, files: Sequence[str], *,
                  policy: WeightsPolicy = WeightsPolicy(), k: int = 5, resize: str = "stretch",
                  batch_size: int = 32, actors: Optional[int] = None, progress: Optional[ProgressFn] = None,
                  cancel: Optional[CancelToken] = None) -> Iterator[FileResult]:
    """Yield one result per file, in order, as the cluster finishes them.

    Cancel is checked between batches: what was yielded stays valid, the job is dropped.
    """
    files = [str(f) for f in files]
    if not files:
        return
    size = zoo.input_size(zoo.get(request.name), request.variant)
    pool = actor_plan(session, actors)
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    ctx.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    blocks = max(1, math.ceil(len(files) / batch_size))
    ds = ray.data.from_items([{"path": os.fsencode(f)} for f in files], override_num_blocks=blocks)
    ds = ds.map_batches(decode_batch, fn_kwargs={"size": size, "policy": resize}, batch_size=None,
                        batch_format="numpy", num_cpus=DECODE_CPUS)
    ds = ds.map_batches(BatchPredictor, batch_size=batch_size, batch_format="numpy",
                        compute=ray.data.ActorPoolStrategy(size=pool.actors),
                        fn_constructor_kwargs={"request": request, "policy": policy, "k": k,
                                               "threads": pool.threads},
                        num_cpus=pool.cpus_per_actor, num_gpus=pool.gpus_per_actor)
    jobs.report(progress, 0.0, f"Starting {pool.describe()} on {session.nodes} node(s)")
    done, t0 = 0, time.perf_counter()
    batches = iter(ds.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=1))
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            jobs.check(cancel)  # a cancel swallowed in the last wait is not a finished run
            return
        except Exception as exc:  # what Ray raises: a worker's failure, wrapped in its own types
            jobs.check(cancel)  # Ray may wrap the interrupt itself
            raise _explain(exc) from exc
        jobs.check(cancel)
        yield from to_results(batch, request)
        done += len(batch["path"])
        rate = done / (time.perf_counter() - t0)
        jobs.report(progress, done / len(files), f"{done} of {len(files)} images, {rate:.1f} img/s")


def _explain(exc: Exception) -> ClusterError:
    message = worker_failure(exc)
    if message:
        return ClusterError(message)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ClusterError(f"The Ray job failed: {type(exc).__name__}: {first[:500]}")
