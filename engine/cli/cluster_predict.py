"""`predict ... --cluster ADDRESS`: the same prediction on a Ray cluster (see engine.cluster)."""

from __future__ import annotations

import contextlib
import itertools
import signal
import sys
import threading
from typing import Iterator

from .. import cluster
from ..cluster import reach
from ..jobs import Cancelled, CancelToken
from ..models import WeightsPolicy
from .common import fail
from .predict_output import consume
from .progress import ProgressBar


def run_on_cluster(args, request, files, early, k: int, resize: str, prefs) -> int:
    if args.actors is not None and args.actors < 1:
        return fail("--actors must be at least 1")
    print(f"Connecting to Ray ({args.cluster})…", file=sys.stderr, flush=True)
    reach.probe(args.cluster)  # seconds, not minutes, for an address nothing answers at; before Ray loads
    backend = cluster.backend()  # a ClusterError saying how to install Ray when it is missing
    # Workers never download unless asked: a hundred machines fetching the same file is
    # rarely what a lab wants, and a worker without network would hang on it.
    policy = WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror,
                           allow_download=args.worker_downloads and not args.offline)
    if request.untrained:
        print("note: random (untrained) weights: these predictions mean nothing.", file=sys.stderr)
    with backend.connect(args.cluster) as session:
        pool = backend.actor_plan(session, args.actors)
        print(f"Ray cluster: {session.nodes} node(s), {session.cpus:g} CPUs, {session.gpus:g} GPUs; "
              f"{len(files)} images to {pool.describe()}", file=sys.stderr, flush=True)
        bar = ProgressBar() if files else None
        with ctrl_c_token() as interrupted:
            stream = backend.predict_files(session, request, files, policy=policy, k=k, resize=resize,
                                           batch_size=args.batch_size, actors=args.actors, progress=bar,
                                           cancel=interrupted)
            return consume(args, itertools.chain(early, stream), bar)


@contextlib.contextmanager
def ctrl_c_token() -> Iterator[CancelToken]:
    """Ctrl-C that always stops the run.  The KeyboardInterrupt Python raises lands wherever the
    main thread is, and inside Ray's waits that can be a frame that swallows it (seen: a run
    that went on to the end and exited 0).  The handler also sets a token, checked between
    batches, so the run stops at the next batch at the latest; either way it ends as
    KeyboardInterrupt (exit 130, "interrupted") and ``--out`` is left unwritten."""
    token = _FlagToken()
    if threading.current_thread() is not threading.main_thread():  # signals go to the main thread only
        yield token
        return
    previous = signal.getsignal(signal.SIGINT)

    def interrupt(signum, frame):
        token.cancel()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    try:
        yield token
    except Cancelled:
        if token.cancelled:
            raise KeyboardInterrupt from None
        raise
    finally:
        # None: the handler before was set outside Python; the default is the nearest thing.
        signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


class _FlagToken(CancelToken):
    """A token a signal handler can set: a plain flag.  ``threading.Event.set`` takes a lock,
    and a second Ctrl-C arriving while the first handler holds it would wait forever."""

    def __init__(self) -> None:
        self._flag = False

    def cancel(self) -> None:
        self._flag = True

    @property
    def cancelled(self) -> bool:
        return self._flag

    def raise_if_cancelled(self) -> None:
        if self._flag:
            raise Cancelled()
