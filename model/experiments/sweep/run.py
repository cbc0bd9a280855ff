"""Run an experiment: every design point with every seed, then summarise and analyse.

This is what ``digistrat sweep`` does, as a function a notebook can call::

    from digistrat.experiments.sweep import load_experiment, run_experiment
    result = run_experiment(load_experiment("experiments/grid_pace_training.yaml"), jobs=2)
    result.summary      # one row per design point: values, mean and sd of each outcome
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from ...core.parameters import ParameterError
from ...scenario.errors import Issue
from ..files import write_csv
from ..layout import DESIGN, INDICES, OUTCOMES, SECOND_ORDER, SUMMARY, Manifest, write_manifest
from ..manifest import sweep_manifest
from ..progress import ProgressBar
from ..store import staging
from .analysis import analyse, point_means
from .definition import Experiment, ExperimentError, load_experiment
from .design import POINT, make_design
from .executors import RunItem, run_dask, run_local
from .regression import regression_indices

MAX_RUNS = 2_000_000
_ANALYSIS = {
    "sobol": "SALib Sobol' indices",
    "morris": "SALib Morris screening",
    "grid": "PRCC and SRC",
    "lhs": "PRCC and SRC",
}


@dataclass(frozen=True)
class SweepResult:
    """What an experiment produced.

    Attributes:
        experiment: the experiment run.
        design: one row per design point: ``point`` and the parameter values.
        outcomes: one row per design point and seed: ``point, replication, seed``
            and one column per measure.
        summary: one row per design point: its values, then ``<measure>:mean`` and
            ``<measure>:sd`` over the seeds.
        indices: sensitivity indices: SALib's for sobol and morris, PRCC and SRC
            (:mod:`.regression`) for grid and lhs.
        second_order: second-order Sobol' indices when asked for, else None.
        notes: warnings about the analysis (sample size, wide intervals).
        runs: number of model runs.
        wall_seconds: wall time of the runs.
        folder: the results directory, or None when nothing was written.
    """

    experiment: Experiment
    design: pd.DataFrame
    outcomes: pd.DataFrame
    summary: pd.DataFrame
    indices: pd.DataFrame | None
    second_order: pd.DataFrame | None
    notes: list[str]
    runs: int
    wall_seconds: float
    folder: Path | None = None


def plan(experiment: Experiment) -> tuple[pd.DataFrame, list[RunItem]]:
    """The design and the runs: every design point with every seed, point by point.

    Raises:
        ExperimentError: if a design point breaks a parameter rule, or there are too many runs.
    """
    design = make_design(experiment.design, experiment.factors)
    runs = len(design) * len(experiment.seeds)
    if runs > MAX_RUNS:
        raise ExperimentError(
            Issue(
                f"the experiment has {runs} runs; the limit is {MAX_RUNS}",
                file=experiment.source,
                path="design",
                hint="lower design.n, design.levels or replications.count",
            )
        )
    paths = [f.path for f in experiment.factors]
    items = []
    for row in design.itertuples(index=False):
        values = dict(zip(paths, row[1:], strict=True))
        try:
            params = experiment.point_params(values)
        except ParameterError as exc:
            raise ExperimentError(
                Issue(
                    f"design point {row[0]} breaks a parameter rule: {exc.message}",
                    file=experiment.source,
                    path=exc.path,
                    value=values,
                    hint="narrow the ranges in 'parameters'",
                )
            ) from None
        for r, seed in enumerate(experiment.seeds):
            items.append(RunItem(int(row[0]), r, seed, params, experiment.measures))
    return design, items


def run_experiment(
    experiment: Experiment | str | Path,
    out: Path | None = None,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    dask_workers: int | None = None,
    client=None,
    force: bool = False,
    command: Sequence[str] = (),
) -> SweepResult:
    """Run an experiment and, given ``out``, write its results directory.

    Args:
        experiment: a loaded experiment or the path of its file.
        out: results directory; None writes nothing. Refused if it holds results,
            unless ``force``.
        jobs: local worker processes (ignored when running on dask).
        scheduler: run on the dask cluster at this address.
        dask_workers: run on a dask ``LocalCluster`` with this many workers.
        client: run on this ``distributed.Client``.
        force: replace an existing results directory.
        command: the command line, for the manifest.

    Raises:
        ExperimentError: a problem with the experiment; ResultsError: with ``out``.
    """
    if not isinstance(experiment, Experiment):
        experiment = load_experiment(experiment)
    design, items = plan(experiment)
    on_dask = client is not None or scheduler is not None or dask_workers is not None
    if out is None:
        return _execute(experiment, design, items, jobs, on_dask, scheduler, dask_workers, client)
    with staging(out, force) as tmp:
        result = _execute(experiment, design, items, jobs, on_dask, scheduler, dask_workers, client)
        write_results(tmp, result, _executor(jobs, on_dask, scheduler, dask_workers), command)
    return replace(result, folder=out)


def _execute(experiment, design, items, jobs, on_dask, scheduler, dask_workers, client):
    with ProgressBar(len(items), label=experiment.name) as bar:
        if on_dask:
            values = run_dask(items, scheduler, dask_workers, bar, client)
        else:
            values = run_local(items, jobs, bar)
    names = [m.name for m in experiment.measures]
    keys = pd.DataFrame(
        [(i.point, i.replication, i.seed) for i in items], columns=[POINT, "replication", "seed"]
    )
    outcomes = pd.concat([keys, pd.DataFrame(values, columns=names)], axis=1)
    means = point_means(outcomes, names)
    summary = _summary(design, outcomes, names)
    indices, second, notes = None, None, []
    if experiment.design.kind in ("sobol", "morris"):
        indices, second, notes = analyse(experiment.design, experiment.factors, means, names)
    else:
        indices, notes = regression_indices(experiment.factors, design, means, names)
    return SweepResult(
        experiment, design, outcomes, summary, indices, second, notes, len(items), bar.seconds
    )


def _summary(design: pd.DataFrame, outcomes: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    grouped = outcomes.groupby(POINT, sort=True)[names]
    mean, sd = grouped.mean(), grouped.std(ddof=1)
    stats = {}
    for name in names:
        stats[f"{name}:mean"] = mean[name]
        stats[f"{name}:sd"] = sd[name]
    return design.merge(pd.DataFrame(stats), left_on=POINT, right_index=True, how="left")


def _executor(jobs: int, on_dask: bool, scheduler: str | None, workers: int | None) -> dict:
    if not on_dask:
        return {"kind": "local processes", "jobs": jobs}
    return {"kind": "dask", "scheduler": scheduler, "local_workers": workers}


def write_results(
    folder: Path, result: SweepResult, executor: dict, command: Sequence[str]
) -> None:
    """Write design, outcomes, summary, indices and manifest into ``folder``."""
    write_csv(folder / DESIGN, result.design)
    result.outcomes.to_parquet(folder / OUTCOMES, index=False)
    write_csv(folder / SUMMARY, result.summary)
    if result.indices is not None:
        write_csv(folder / INDICES, result.indices)
    if result.second_order is not None:
        write_csv(folder / SECOND_ORDER, result.second_order)
    write_manifest(folder, manifest(result, executor, command))


def manifest(result: SweepResult, executor: dict, command: Sequence[str]) -> Manifest:
    """Everything needed to know how the results were made."""
    e = result.experiment
    experiment = {
        "name": e.name,
        "description": e.description,
        "source": e.source,
        "sha256": e.sha256,
        "design": asdict(e.design),
        "points": len(result.design),
        "factors": [asdict(f) for f in e.factors],
        "measures": [m.name for m in e.measures],
        "seeds": list(e.seeds),
        "runs": result.runs,
        "analysis": _ANALYSIS[e.design.kind] + " on the mean over seeds of each design point",
        "notes": result.notes,
    }
    return sweep_manifest(
        e.scenario,
        e.seeds,
        experiment,
        executor=executor,
        wall_seconds=result.wall_seconds,
        command=command,
    )
