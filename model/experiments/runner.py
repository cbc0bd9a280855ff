"""Run replications of scenarios, in one process or in parallel processes.

Every run goes through :func:`digistrat.core.run`. Replication ``r`` of a scenario uses
seed ``seed + r``; the rows that come back are tagged with ``scenario``,
``replication`` and ``seed`` and sorted, so the tables are identical whatever
the number of processes.
"""

from __future__ import annotations

import functools
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..core.columns import DEPARTMENT_COLUMNS, INITIATIVE_COLUMNS, OUTCOMES
from ..core.parameters import Parameters

KEYS = ("scenario", "replication", "seed")
TIMESERIES_COLUMNS = (*KEYS, "month", "step", *OUTCOMES)
INITIATIVES_COLUMNS = (*KEYS, *INITIATIVE_COLUMNS)
DEPARTMENTS_COLUMNS = (*KEYS, "month", *DEPARTMENT_COLUMNS)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Tables:
    """The tidy tables of a set of runs.

    Attributes:
        timeseries: ``scenario, replication, seed, month, step`` and one column per outcome.
        initiatives: ``scenario, replication, seed`` and the initiative columns.
        departments: ``scenario, replication, seed, month`` and the department columns.
    """

    timeseries: pd.DataFrame
    initiatives: pd.DataFrame
    departments: pd.DataFrame

    def scenarios(self) -> list[str]:
        """Scenario names in the order they were run."""
        return list(dict.fromkeys(self.timeseries["scenario"]))


@dataclass(frozen=True)
class Task:
    """One model run: a scenario's parameters, its replication number and seed."""

    scenario: str
    replication: int
    seed: int
    params: Parameters


def seeds_for(seed: int, replications: int) -> list[int]:
    """Seeds of replications ``0 .. replications-1``: ``seed + r``."""
    if replications < 1:
        raise ValueError(f"replications must be >= 1, got {replications}")
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    return [seed + r for r in range(replications)]


def run_replications(
    params: Parameters,
    seeds: Sequence[int],
    jobs: int = 1,
    scenario: str = "scenario",
    progress: Progress | None = None,
) -> Tables:
    """Run one parameter set once per seed and return the tidy tables.

    Args:
        params: model parameters.
        seeds: one seed per replication; replication ``r`` uses ``seeds[r]``.
        jobs: number of worker processes (1 runs in this process).
        scenario: value of the ``scenario`` column.
        progress: called with 1 after each finished run.

    Example::

        from digistrat import Parameters
        from digistrat.experiments import run_replications
        tables = run_replications(Parameters(), seeds=range(10), jobs=2)
        tables.timeseries.groupby("month").change_capability.mean()
    """
    tasks = [Task(scenario, r, int(s), params) for r, s in enumerate(seeds)]
    return run_tasks(tasks, jobs, progress)


def run_tasks(tasks: Sequence[Task], jobs: int = 1, progress: Progress | None = None) -> Tables:
    """Run tasks (in ``jobs`` spawned processes when ``jobs > 1``) and collect the tables."""
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    if not tasks:
        raise ValueError("no runs to do: the list of tasks is empty")
    parts = map_ordered(run_task, tasks, jobs, progress)
    order = list(dict.fromkeys(t.scenario for t in tasks))
    return _collect(parts, order)


def map_ordered[T, R](
    func: Callable[[T], R], items: Sequence[T], jobs: int = 1, progress: Progress | None = None
) -> list[R]:
    """Apply ``func`` to every item, in ``jobs`` spawned processes when ``jobs > 1``.

    Results come back in the order of ``items`` whatever the number of processes;
    any failure or interrupt stops all workers. ``func`` must be a module-level
    function (it is pickled to the workers).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    if jobs == 1 or len(items) <= 1:
        out = []
        for item in items:
            out.append(func(item))
            if progress:
                progress(1)
        return out
    context = multiprocessing.get_context("spawn")
    results: list = [None] * len(items)
    call = functools.partial(_call_indexed, func)
    with context.Pool(min(jobs, len(items)), initializer=_ignore_interrupts) as pool:
        for index, result in pool.imap_unordered(call, enumerate(items)):
            results[index] = result
            if progress:
                progress(1)
        pool.close()
        pool.join()
    return results  # leaving the block terminates the workers, also on an exception


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops them; no traceback per worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call_indexed[T, R](func: Callable[[T], R], item: tuple[int, T]) -> tuple[int, R]:
    index, value = item
    return index, func(value)


class RunError(RuntimeError):
    """A model run failed; names the scenario, replication and seed."""


def run_task(task: Task) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run one task through :func:`digistrat.core.run` and tag its rows."""
    from ..core import run

    where = f"scenario {task.scenario!r}, replication {task.replication}, seed {task.seed}"
    try:
        result = run(task.params, task.seed)
    except Exception as exc:
        raise RunError(f"model run failed ({where}): {type(exc).__name__}: {exc}") from exc
    tag = {"scenario": task.scenario, "replication": task.replication, "seed": task.seed}
    return (
        _tagged(result.timeseries, tag, TIMESERIES_COLUMNS, where, "timeseries"),
        _tagged(result.initiatives, tag, INITIATIVES_COLUMNS, where, "initiatives"),
        _tagged(result.departments, tag, DEPARTMENTS_COLUMNS, where, "departments"),
    )


def _tagged(
    frame: pd.DataFrame, tag: dict, columns: tuple[str, ...], where: str, table: str
) -> pd.DataFrame:
    frame = frame.reset_index(drop=True).copy()
    missing = [c for c in columns if c not in tag and c not in frame.columns]
    if missing:
        raise RunError(f"{table} of {where} lacks columns {missing}")
    for i, (key, value) in enumerate(tag.items()):
        frame.insert(i, key, value)
    extra = [c for c in frame.columns if c not in columns]
    return frame[[*columns, *extra]]


def _collect(parts: list, order: list[str]) -> Tables:
    rank = {name: i for i, name in enumerate(order)}
    tables = []
    for i, by in enumerate((("month",), ("initiative",), ("month",))):
        frame = pd.concat([p[i] for p in parts], ignore_index=True)
        key = frame["scenario"].map(rank)
        frame = frame.assign(_rank=key).sort_values(["_rank", "replication", *by], kind="stable")
        tables.append(frame.drop(columns="_rank").reset_index(drop=True))
    return Tables(*tables)
