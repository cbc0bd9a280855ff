"""Run replications of scenarios in memory, on any executor (:mod:`.executor`).

Every run goes through :func:`digistrat.core.run`. Replication ``r`` of a scenario uses
seed ``seed + r``; the rows that come back are tagged with ``scenario``,
``replication`` and ``seed`` and sorted, so the tables are identical whatever
the number of processes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..core import run
from ..core.columns import DEPARTMENT_COLUMNS, INITIATIVE_COLUMNS, OUTCOMES
from ..core.parameters import Parameters
from .executor import Executor, Serial, chunk_size
from .processes import Processes

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
    executor: Executor | None = None,
) -> Tables:
    """Run one parameter set once per seed and return the tidy tables (in memory).

    Args:
        params: model parameters.
        seeds: one seed per replication; replication ``r`` uses ``seeds[r]``.
        jobs: number of worker processes (1 runs in this process).
        scenario: value of the ``scenario`` column.
        progress: called with 1 after each finished run.
        executor: where to run instead of ``jobs`` (see :mod:`.executor`).

    Raises:
        RunError: naming the scenario, replication and seed of a run that failed.

    Example::

        from digistrat import Parameters
        from digistrat.experiments import run_replications
        tables = run_replications(Parameters(), seeds=range(10), jobs=2)
        tables.timeseries.groupby("month").change_capability.mean()
    """
    tasks = [Task(scenario, r, int(s), params) for r, s in enumerate(seeds)]
    return run_tasks(tasks, jobs, progress, executor)


def run_tasks(
    tasks: Sequence[Task],
    jobs: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> Tables:
    """Run tasks on ``executor`` (default: ``jobs`` processes) and collect the tables.

    Raises:
        RunError: at the first run that fails; the other runs are stopped.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    if not tasks:
        raise ValueError("no runs to do: the list of tasks is empty")
    executor = executor or (Serial() if jobs == 1 or len(tasks) == 1 else Processes(jobs))
    parts = []
    with executor:
        for done in executor.imap(run_task, tasks, chunk_size(len(tasks), executor.workers)):
            if not done.ok:
                raise RunError(f"model run failed ({_where(done.item)}): {done.failure}")
            parts.append(done.value)
            if progress:
                progress(1)
    order = list(dict.fromkeys(t.scenario for t in tasks))
    return _collect(parts, order)


def _where(task: Task) -> str:
    return f"scenario {task.scenario!r}, replication {task.replication}, seed {task.seed}"


class RunError(RuntimeError):
    """A model run failed; names the scenario, replication and seed."""


def run_task(task: Task) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Run one task through :func:`digistrat.core.run` and tag its rows."""
    result = run(task.params, task.seed)
    return tag_tables(
        (result.timeseries, result.initiatives, result.departments),
        {"scenario": task.scenario, "replication": task.replication, "seed": task.seed},
    )


def tag_tables(
    frames: Sequence[pd.DataFrame], tag: dict
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One run's timeseries, initiatives and departments, each led by the ``tag`` columns."""
    where = _where(Task(tag["scenario"], tag["replication"], tag["seed"], None))
    ts, ini, dep = frames
    return (
        tagged(ts, tag, TIMESERIES_COLUMNS, where, "timeseries"),
        tagged(ini, tag, INITIATIVES_COLUMNS, where, "initiatives"),
        tagged(dep, tag, DEPARTMENTS_COLUMNS, where, "departments"),
    )


def tagged(
    frame: pd.DataFrame, tag: dict, columns: tuple[str, ...], where: str, table: str
) -> pd.DataFrame:
    """``frame`` with the ``tag`` columns in front and its columns in the order given."""
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
