"""`predict ... --cluster ADDRESS`: the same prediction on a Ray cluster (see engine.cluster)."""

from __future__ import annotations

import itertools
import sys

from .. import cluster
from ..models import WeightsPolicy
from .common import fail
from .progress import ProgressBar


def run_on_cluster(args, request, files, early, k: int, resize: str, prefs) -> int:
    from .predict_cmd import consume

    if args.actors is not None and args.actors < 1:
        return fail("--actors must be at least 1")
    backend = cluster.backend()  # a ClusterError saying how to install Ray when it is missing
    # Workers never download unless asked: a hundred machines fetching the same file is
    # rarely what a lab wants, and a worker without network would hang on it.
    policy = WeightsPolicy(tuple(prefs.offline_weights_dirs), prefs.weights_mirror,
                           allow_download=args.worker_downloads and not args.offline)
    if request.untrained:
        print("note: random (untrained) weights: these predictions mean nothing.", file=sys.stderr)
    print(f"Connecting to Ray ({args.cluster})…", file=sys.stderr, flush=True)
    with backend.connect(args.cluster) as session:
        pool = backend.actor_plan(session, args.actors)
        print(f"Ray cluster: {session.nodes} node(s), {session.cpus:g} CPUs, {session.gpus:g} GPUs; "
              f"{len(files)} images to {pool.describe()}", file=sys.stderr, flush=True)
        bar = ProgressBar() if files else None
        stream = backend.predict_files(session, request, files, policy=policy, k=k, resize=resize,
                                       batch_size=args.batch_size, actors=args.actors, progress=bar)
        return consume(args, itertools.chain(early, stream), bar)
