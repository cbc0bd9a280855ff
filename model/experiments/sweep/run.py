"""Run an experiment: every design point with every seed, stored as it runs, then analysed.

This is what ``digistrat sweep`` does, as a function a notebook can call::

    from digistrat.experiments import Processes
    from digistrat.experiments.sweep import load_experiment, run_experiment
    experiment = load_experiment("experiments/grid_pace_training.yaml")
    result = run_experiment(experiment, executor=Processes(2))
    result.summary      # one row per design point: values, mean, sd and n of each outcome

Given ``out``, every finished run is appended to ``out/runs/`` within seconds, so
a sweep stopped by Ctrl-C, SIGKILL or a failed run (``fail_fast``) continues
with ``resume=True`` and ends with the same results as an uninterrupted one.

After the runs: the summary, the sensitivity indices (of each policy when the
experiment has levers, and year by year for measures over months), the variance
split between seeds and parameters and, with levers, scenario discovery and
robustness (:mod:`..discovery`), read back from the tables written.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..campaign import Campaign, Interrupted, Planned, RunFailed, Tally
from ..executor import Executor, ExecutorError, Serial
from ..files import write_csv, write_parquet
from ..keys import model_version
from ..layout import (
    DESIGN,
    FAILURES,
    INDICES,
    OUTCOMES,
    POLICIES,
    SECOND_ORDER,
    SUMMARY,
    SWEEP,
    VARIANCE,
    YEARLY_INDICES,
    Manifest,
    write_manifest,
)
from ..manifest import sweep_manifest
from ..target import RESUMED, claim
from .definition import Experiment, load_experiment
from .plan import MeasurePoint, check_size, plan
from .results import (
    POLICY,
    failures_table,
    index_columns,
    indices,
    outcomes_table,
    policy_table,
    record,
    summary_table,
    valid_counts,
)
from .variance import variance_notes, variance_table
from .yearly import yearly_indices

if TYPE_CHECKING:
    from ..discovery.analyse import Discovery

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
        outcomes: one row per design point and seed: ``point, replication, seed``,
            one column per measure and ``error`` (empty unless the run failed).
        summary: one row per design point: its values, then ``<measure>:mean``,
            ``<measure>:sd`` and ``<measure>:n`` (runs with a value) over the seeds.
        indices: sensitivity indices: SALib's for sobol and morris, PRCC and SRC
            (:mod:`.regression`) for grid and lhs; column ``n``: design points used.
        second_order: second-order Sobol' indices when asked for, else None.
        notes: warnings about the analysis (sample size, wide intervals, missing values).
        runs: number of runs in the design.
        wall_seconds: wall time of the runs done by this call.
        tally: what this call ran, and what was stored before.
        failures: the failed runs with their parameter values and error.
        valid: runs with a finite value, per measure.
        folder: the results directory, or None when nothing was written.
        policies: one row per policy (with levers), else None.
        yearly: the indices of each year of the measures over months, or None.
        variance: each measure's variance split between seeds and parameters
            (:mod:`.variance`), or None with one seed.
        discovery: scenario discovery and robustness (with levers), else None.
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
    tally: Tally
    failures: pd.DataFrame
    valid: dict[str, int]
    folder: Path | None = None
    policies: pd.DataFrame | None = None
    yearly: pd.DataFrame | None = None
    variance: pd.DataFrame | None = None
    discovery: Discovery | None = None


def run_experiment(
    experiment: Experiment | str | Path,
    out: Path | None = None,
    *,
    executor: Executor | None = None,
    force: bool = False,
    resume: bool = False,
    fail_fast: bool = False,
    command: Sequence[str] = (),
    hint: str = "",
) -> SweepResult:
    """Run an experiment and, given ``out``, write its results directory.

    Args:
        experiment: a loaded experiment or the path of its file.
        out: results directory; None keeps the results in memory only.
        executor: where the runs run (default: this process); see :mod:`..executor`.
        force: replace earlier results in ``out`` (only results digistrat wrote).
        resume: continue the results in ``out``: run only what is not stored yet.
        fail_fast: stop at the first failed run instead of recording it and going on.
        command: the command line, for the manifest.
        hint: how to continue after a stop, for messages.

    Raises:
        ExperimentError: a problem with the experiment (its size included, checked
            before anything is built). ResultsError: ``out`` may not be written.
        Interrupted: Ctrl-C or SIGTERM; RunFailed: a failed run with ``fail_fast``;
            ExecutorError: the workers cannot run. The finished runs are stored then.
    """
    if not isinstance(experiment, Experiment):
        experiment = load_experiment(experiment)
    check_size(experiment)  # refused at once, before anything starts
    executor = executor or Serial()
    executor.warm()  # the workers' imports go on while the runs are planned
    design, runs = plan(experiment)
    if out is None:
        with tempfile.TemporaryDirectory(prefix="digistrat-sweep-") as tmp:
            try:
                return _run(experiment, design, runs, Path(tmp), executor, fail_fast, "", command)
            except Interrupted:
                raise Interrupted(
                    "interrupted; no results directory was given, so none are kept"
                ) from None
            except (ExecutorError, RunFailed) as exc:  # its words name the folder just deleted
                stored = rf"\s*\d+ of \d+ runs are stored in {re.escape(str(tmp))}.*"
                said = re.sub(stored, "", str(exc), flags=re.S).rstrip()
                raise type(exc)(
                    f"{said} (no results directory was given, so no runs are kept; "
                    "give out= to keep them and to continue with resume=True)"
                ) from None

    inputs = experiment.files
    with claim(out, kind=SWEEP, force=force, resume=resume, inputs=inputs) as target:
        if target.state != RESUMED:
            write_manifest(target.folder, _manifest(experiment, len(design), executor, command))
        hint = hint or f"continue with: digistrat sweep {experiment.source} --out {out} --resume"
        try:
            result = _run(
                experiment, design, runs, target.folder, executor, fail_fast, hint, command
            )
        except Interrupted as exc:
            raise Interrupted(target.stopped(str(exc))) from None
        except KeyboardInterrupt:  # after the runs, while the tables were written
            raise target.interrupted_after_runs(len(runs), hint) from None
    return replace(result, folder=Path(out))


def _run(
    experiment: Experiment,
    design: pd.DataFrame,
    runs: list[Planned],
    folder: Path,
    executor: Executor,
    fail_fast: bool,
    hint: str,
    command: Sequence[str],
) -> SweepResult:
    campaign = Campaign(
        folder,
        runs,
        MeasurePoint(experiment),
        record(experiment),
        columns=index_columns(experiment),
        hint=hint or "the results are in memory only",
    )
    tally = campaign.run(executor, fail_fast=fail_fast, label=experiment.name)
    outcomes = outcomes_table(experiment, runs, folder)
    names = [m.name for m in experiment.measures]
    policies = policy_table(experiment) if experiment.levers else None
    summary = summary_table(design, outcomes, names, policies)
    table, second, notes = indices(experiment, design, outcomes)
    yearly, yearly_notes = yearly_indices(experiment, design, outcomes)
    by = POLICY if experiment.levers else None
    variance = variance_table(outcomes, names, by) if len(experiment.seeds) > 1 else None
    if variance is not None and policies is not None:
        variance[POLICY] = variance[POLICY].map(policies.set_index(POLICY)["name"])
    notes += [f"year by year: {n}" for n in yearly_notes if n not in notes]
    notes += variance_notes(variance) if variance is not None else []
    result = SweepResult(
        experiment,
        design,
        outcomes,
        summary,
        table,
        second,
        notes,
        len(runs),
        tally.seconds,
        tally,
        failures_table(outcomes, design, policies),
        valid_counts(outcomes, names),
        policies=policies,
        yearly=yearly,
        variance=variance,
    )
    write_results(folder, result, executor.describe(), command)
    if experiment.levers and experiment.discovery is not None:
        from ..discovery.folder import analyse_folder

        result = replace(result, discovery=analyse_folder(folder, experiment.discovery))
    return result


def write_results(
    folder: Path, result: SweepResult, executor: dict, command: Sequence[str]
) -> None:
    """Write design, outcomes, summary, failures, indices and manifest into ``folder``."""
    write_csv(folder / DESIGN, result.design)
    write_parquet(folder / OUTCOMES, result.outcomes)
    write_csv(folder / SUMMARY, result.summary)
    optional = (
        (FAILURES, result.failures),
        (INDICES, result.indices),
        (POLICIES, result.policies),
        (YEARLY_INDICES, result.yearly),
        (VARIANCE, result.variance),
    )
    for name, table in optional:
        if table is not None and len(table):
            write_csv(folder / name, table)
        else:
            (folder / name).unlink(missing_ok=True)  # a stale table of an earlier attempt
    if result.second_order is not None:
        write_csv(folder / SECOND_ORDER, result.second_order)
    write_manifest(folder, manifest(result, executor, command))


def manifest(result: SweepResult, executor: dict, command: Sequence[str]) -> Manifest:
    """Everything needed to know how the results were made."""
    t = result.tally
    runs = {
        "status": "complete",
        "planned": t.planned,
        "distinct": t.unique,
        "stored_before": t.stored,
        "ran": t.ran,
        "failed": len(result.failures),
        "valid": result.valid,
        "model_version": model_version(),
    }
    return _manifest(
        result.experiment,
        len(result.design),
        executor,
        command,
        notes=result.notes,
        runs=runs,
        wall_seconds=result.wall_seconds,
    )


def _manifest(
    e: Experiment,
    points: int,
    executor: Executor | dict,
    command: Sequence[str],
    notes: Sequence[str] = (),
    runs: dict | None = None,
    wall_seconds: float = 0.0,
) -> Manifest:
    experiment = {
        "name": e.name,
        "description": e.description,
        "source": e.source,
        "sha256": e.sha256,
        "design": asdict(e.design),
        "points": points,
        "factors": [asdict(f) for f in e.factors],
        "measures": [m.name for m in e.measures],
        "yearly": [m.name for m in e.yearly],
        "seeds": list(e.seeds),
        "levers": [asdict(f) for f in e.levers],
        "policies": [p.name for p in e.policies] if e.levers else [],
        "discovery": e.discovery.to_dict() if e.discovery else None,
        "runs": points * len(e.policies) * len(e.seeds),
        "analysis": _ANALYSIS[e.design.kind] + " on the mean over seeds of each design point",
        "notes": list(notes),
    }
    return sweep_manifest(
        e.scenario,
        e.seeds,
        experiment,
        executor=executor if isinstance(executor, dict) else executor.describe(),
        wall_seconds=wall_seconds,
        command=command,
        runs=runs or {"status": "running", "planned": points * len(e.seeds)},
    )
