"""Folder prediction on a Ray cluster, for jobs one machine cannot finish in time.

Ray is an optional extra: only :mod:`engine.cluster.ray_predict` imports it, and
:func:`backend` turns its absence into a message that says how to install it.  The rest of
this package (the actor plan, the batch functions the workers run) is plain Python that
the tests exercise without Ray.
"""

from __future__ import annotations

from .errors import INSTALL_HINT, ClusterError

__all__ = ["INSTALL_HINT", "ClusterError", "backend"]


def backend():
    """The module that talks to Ray; a :class:`ClusterError` with the install command without it."""
    try:
        from . import ray_predict
    except ImportError as exc:
        if (exc.name or "").split(".")[0] != "ray":
            raise
        raise ClusterError(
            "Running on a cluster needs Ray, which is not installed in this Python environment. "
            f"Install it with: {INSTALL_HINT}  (or: pip install \"ray[data]\"), then run the command again."
        ) from exc
    return ray_predict
