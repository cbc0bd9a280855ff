"""A sweep's tables from its store: outcomes, failures, summary and sensitivity indices.

Everything here is computed from the stored runs of the plan, so a resumed sweep
gives the same tables as an uninterrupted one: rows follow the design (point, then
policy when the experiment has levers, then replication), whatever order the runs
finished in. With levers, the summary has a row per point and policy, and the
indices are computed for each policy on its own (column ``policy``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..campaign import Planned, stored_runs
from .analysis import analyse, failed_points, point_means
from .definition import Experiment
from .design import POINT
from .regression import regression_indices

POLICY = "policy"
KEYS = (POINT, "replication", "seed")
ERROR = "error"


def keys(experiment: Experiment) -> tuple[str, ...]:
    """The columns that name a run: point, policy (with levers), replication, seed."""
    return (POINT, POLICY, "replication", "seed") if experiment.levers else KEYS


def index_columns(experiment: Experiment) -> tuple[pa.Field, ...]:
    """The store's own index columns of a sweep: the run's tags and its measures."""
    tags = tuple(pa.field(k, pa.int64()) for k in keys(experiment))
    return (*tags, *(pa.field(m.name, pa.float64()) for m in experiment.stored))


def record(experiment: Experiment):
    """Turns a run's measures into its index columns (a sweep stores no tables)."""
    names = [m.name for m in experiment.stored]

    def columns(values: Sequence[float]) -> tuple[dict, None]:
        return dict(zip(names, values, strict=True)), None

    return columns


def outcomes_table(experiment: Experiment, runs: Sequence[Planned], folder: Path) -> pd.DataFrame:
    """One row per planned run: ``point, [policy,] replication, seed``, the measures, ``error``.

    The measures are those of :attr:`.Experiment.stored` (the outcomes, then their
    yearly parts). ``error`` is empty for a run that gave its measures and holds the
    error's type and message for one that failed (its measures are NaN).

    Raises:
        ValueError: if a planned run is not in the store.
    """
    names = [m.name for m in experiment.stored]
    tags = keys(experiment)
    run_keys = [r.key for r in runs]
    stored = stored_runs(folder, run_keys, ["key", "error", "message", *names])
    plan = pd.DataFrame({k: [r.tags[k] for r in runs] for k in tags}).assign(key=run_keys)
    table = plan.merge(stored, on="key", how="left", validate="many_to_one")
    if table["key"].isin(stored["key"]).sum() != len(table):
        raise ValueError(f"{folder}: {(~table['key'].isin(stored['key'])).sum()} runs are missing")
    error = table["error"].where(table["error"].isna(), table["error"] + ": " + table["message"])
    out = table[list(tags)].astype("int64")
    for name in names:
        out[name] = table[name].astype(float)
    out[ERROR] = error.astype(object).where(error.notna(), None)
    return out


def policy_table(experiment: Experiment) -> pd.DataFrame:
    """One row per policy: its number, ``name``, ``choice``, ``context``, lever values.

    The lever values are in one column per lever path.
    """
    rows = [
        {
            POLICY: p.index,
            "name": p.name,
            "choice": p.choice,
            "context": p.context,
            **{lever.path: v for lever, v in zip(experiment.levers, p.values, strict=True)},
        }
        for p in experiment.policies
    ]
    return pd.DataFrame(rows)


def failures_table(
    outcomes: pd.DataFrame, design: pd.DataFrame, policies: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The failed runs with their parameter values, lever values and error (empty when none)."""
    tags = [k for k in (POINT, POLICY, "replication", "seed") if k in outcomes.columns]
    failed = outcomes.loc[outcomes[ERROR].notna(), [*tags, ERROR]]
    table = failed.merge(design, on=POINT, how="left")
    columns = [*tags, *design.columns[1:]]
    if POLICY in tags and policies is not None:
        levers = [c for c in policies.columns if c not in (POLICY, "choice", "context")]
        table = table.merge(policies[[POLICY, *levers]], on=POLICY, how="left")
        columns += levers
    return table[[*columns, ERROR]]


def summary_table(
    design: pd.DataFrame,
    outcomes: pd.DataFrame,
    names: list[str],
    policies: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per design point (and policy): its values, then mean, sd and n of each measure.

    ``n`` counts the runs with a finite value; mean and sd are over those. With levers
    the rows follow the points, and within a point the policies, named in ``name``.
    """
    by = [POINT, POLICY] if POLICY in outcomes.columns else [POINT]
    values = outcomes[[*by, *names]].replace([np.inf, -np.inf], np.nan)
    grouped = values.groupby(by, sort=True)[names]
    mean, sd, count = grouped.mean(), grouped.std(ddof=1), grouped.count()
    stats = {}
    for name in names:
        stats[f"{name}:mean"] = mean[name]
        stats[f"{name}:sd"] = sd[name]
        stats[f"{name}:n"] = count[name]
    stats = pd.DataFrame(stats).reset_index()
    if POLICY in by and policies is not None:
        stats.insert(2, "name", stats[POLICY].map(policies.set_index(POLICY)["name"]))
    table = design.merge(stats, on=POINT, how="right")
    first = [*by, *(["name"] if "name" in stats.columns else [])]
    return table[[*first, *[c for c in table.columns if c not in first]]]


def valid_counts(outcomes: pd.DataFrame, names: list[str]) -> dict[str, int]:
    """Runs with a finite value, per measure."""
    values = outcomes[names].replace([np.inf, -np.inf], np.nan)
    return {name: int(values[name].notna().sum()) for name in names}


def indices(
    experiment: Experiment,
    design: pd.DataFrame,
    outcomes: pd.DataFrame,
    names: Sequence[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None, list[str]]:
    """The sensitivity indices of ``names`` (default: the outcomes), second-order ones, notes.

    With levers the indices are computed for each policy on its own, with the
    policy's name in the first column ``policy`` and in each note.
    """
    names = list(names or [m.name for m in experiment.measures])
    if not experiment.levers:
        return _indices(experiment, design, outcomes, names)
    tables, seconds, said = [], [], {}
    for policy in experiment.policies:
        rows = outcomes[outcomes[POLICY] == policy.index]
        table, second, notes = _indices(experiment, design, rows, names)
        tables.append(table.assign(policy=policy.name)[[POLICY, *table.columns]])
        if second is not None:
            seconds.append(second.assign(policy=policy.name)[[POLICY, *second.columns]])
        said[policy.name] = notes
    second = pd.concat(seconds, ignore_index=True) if seconds else None
    return pd.concat(tables, ignore_index=True), second, _shared_notes(said)


def _shared_notes(said: dict[str, list[str]]) -> list[str]:
    """Notes every policy has once; the others prefixed with the policy's name."""
    common = set.intersection(*(set(n) for n in said.values())) if said else set()
    out = [n for n in next(iter(said.values()), []) if n in common]
    for name, notes in said.items():
        out += [f"{name}: {n}" for n in notes if n not in common]
    return out


def _indices(
    experiment: Experiment, design: pd.DataFrame, outcomes: pd.DataFrame, names: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame | None, list[str]]:
    means = point_means(outcomes, names)
    failed = failed_points(outcomes)
    if experiment.design.kind in ("sobol", "morris"):
        return analyse(experiment.design, experiment.factors, means, names, failed)
    table, notes = regression_indices(experiment.factors, design, means, names, failed)
    return table, None, notes
