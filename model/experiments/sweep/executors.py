"""Where the runs of an experiment happen: this machine's processes or a dask cluster.

Each run is one call of :func:`digistrat.core.run` reduced to the experiment's measures,
so only a few numbers per run travel back. Results come back in the order of the
runs whatever executes them, so the numbers are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...core.parameters import Parameters
from ..runner import Progress, RunError, map_ordered
from .measures import Measure


@dataclass(frozen=True)
class RunItem:
    """One run: a design point's parameters with one seed, and what to measure."""

    point: int
    replication: int
    seed: int
    params: Parameters
    measures: tuple[Measure, ...]


def measure_run(item: RunItem) -> tuple[float, ...]:
    """Run the model once and return the measures (module level: it is sent to workers)."""
    from ...core import run

    try:
        result = run(item.params, item.seed)
    except Exception as exc:
        where = f"design point {item.point}, replication {item.replication}, seed {item.seed}"
        raise RunError(f"model run failed ({where}): {type(exc).__name__}: {exc}") from exc
    return tuple(m.value(result.timeseries) for m in item.measures)


def run_local(
    items: Sequence[RunItem], jobs: int = 1, progress: Progress | None = None
) -> list[tuple[float, ...]]:
    """Run in this process (``jobs=1``) or in ``jobs`` spawned processes."""
    return map_ordered(measure_run, items, jobs, progress)


def run_dask(
    items: Sequence[RunItem],
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    client=None,
) -> list[tuple[float, ...]]:
    """Run on a dask.distributed cluster and return the measures in the order of ``items``.

    Args:
        items: the runs.
        scheduler: address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
        workers: without a scheduler, start a ``LocalCluster`` with this many
            single-threaded worker processes.
        progress: called with 1 after each finished run.
        client: an existing ``distributed.Client`` to use instead (not closed here).

    Raises:
        ConnectionError: if the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if client is not None:
        return _submit(client, items, progress)
    if scheduler is not None:
        try:
            own = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise ConnectionError(
                f"cannot reach the dask scheduler at {scheduler}: {exc}"
            ) from None
        with own:
            return _submit(own, items, progress)
    with (
        LocalCluster(
            n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as own,
    ):
        return _submit(own, items, progress)


def _submit(client, items: Sequence[RunItem], progress: Progress | None) -> list:
    from distributed import as_completed

    futures = client.map(measure_run, list(items), pure=False)
    try:
        for _ in as_completed(futures):
            if progress:
                progress(1)
        return client.gather(futures)
    finally:
        client.cancel(futures)
