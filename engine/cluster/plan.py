"""How many model actors a cluster gets, and how much of it each one claims.

GPU clusters get one actor per GPU.  On CPUs a small share of the cores stays free for the
decode tasks (half a core on small machines, an eighth of the cores on big ones: decoding
and resizing a photo costs a few percent of a CNN pass), and the rest is shared by actors of
about four cores each, because one TensorFlow process stops scaling well past a few cores on
these small models.  An actor's TensorFlow gets as many threads as the cores it claims.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

CORES_PER_CPU_ACTOR = 4


@dataclass(frozen=True)
class ActorPlan:
    actors: int
    cpus_per_actor: float
    gpus_per_actor: float

    @property
    def threads(self) -> Optional[int]:
        """TensorFlow threads per CPU actor (None on GPUs: TensorFlow's own choice)."""
        return None if self.gpus_per_actor else max(1, round(self.cpus_per_actor))

    def describe(self) -> str:
        s = "s" * (self.actors != 1)
        if self.gpus_per_actor:
            return f"{self.actors} GPU actor{s}"
        return f"{self.actors} CPU actor{s} of {self.cpus_per_actor:.3g} cores"


def plan(cluster_cpus: float, cluster_gpus: float, actors: Optional[int] = None) -> ActorPlan:
    """The actor pool for a cluster with these resources (``actors`` forces the pool size)."""
    if actors is not None and actors < 1:
        raise ValueError("the number of actors must be at least 1")
    gpus = int(cluster_gpus)
    if gpus >= 1:
        return ActorPlan(actors or gpus, 1.0, 1.0)
    cpus = max(1.0, float(cluster_cpus))
    decode = 0.5 if cpus <= 8 else float(int(cpus) // 8)
    model_cpus = max(0.5, cpus - decode)
    n = actors or max(1, int(model_cpus // CORES_PER_CPU_ACTOR))
    return ActorPlan(n, model_cpus / n, 0.0)
