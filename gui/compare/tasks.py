"""The Compare tab's job: the on-machine benchmark (runs in the long lane)."""

from __future__ import annotations


def benchmark_models(names, protocol: str):
    """On-machine benchmark; records are also streamed, so a cancel keeps the finished ones."""

    def run(ctx):
        from engine import backends
        from engine.compare import bench

        done = []
        try:
            bench.benchmark(names, protocol=protocol, progress=ctx.progress, cancel=ctx.cancel,
                            on_record=done.append,
                            backends=[b for b in backends.offered_choices() if b != backends.AUTO])
        finally:
            if done:
                bench.save_records(done)
        return done

    return run
