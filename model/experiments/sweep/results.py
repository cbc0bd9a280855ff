"""A sweep's tables from its store: outcomes, failures, summary and sensitivity indices.

Everything here is computed from the stored runs of the plan, so a resumed sweep
gives the same tables as an uninterrupted one: rows follow the design (point,
then replication), whatever order the runs finished in.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from ..campaign import Planned, stored_runs
from .analysis import analyse, point_means
from .definition import Experiment
from .design import POINT
from .regression import regression_indices

KEYS = (POINT, "replication", "seed")
ERROR = "error"


def index_columns(experiment: Experiment) -> tuple[pa.Field, ...]:
    """The store's own index columns of a sweep: the run's tags and its measures."""
    tags = (pa.field(POINT, pa.int64()), pa.field("replication", pa.int64()))
    measures = tuple(pa.field(m.name, pa.float64()) for m in experiment.measures)
    return (*tags, pa.field("seed", pa.int64()), *measures)


def record(experiment: Experiment):
    """Turns a run's measures into its index columns (a sweep stores no tables)."""
    names = [m.name for m in experiment.measures]

    def columns(values: Sequence[float]) -> tuple[dict, None]:
        return dict(zip(names, values, strict=True)), None

    return columns


def outcomes_table(experiment: Experiment, runs: Sequence[Planned], folder: Path) -> pd.DataFrame:
    """One row per planned run: ``point, replication, seed``, the measures and ``error``.

    ``error`` is empty for a run that gave its measures and holds the error's type
    and message for one that failed (its measures are NaN).

    Raises:
        ValueError: if a planned run is not in the store.
    """
    names = [m.name for m in experiment.measures]
    keys = [r.key for r in runs]
    stored = stored_runs(folder, keys, ["key", "error", "message", *names])
    plan = pd.DataFrame({k: [r.tags[k] for r in runs] for k in KEYS}).assign(key=keys)
    table = plan.merge(stored, on="key", how="left", validate="many_to_one")
    if table["key"].isin(stored["key"]).sum() != len(table):
        raise ValueError(f"{folder}: {(~table['key'].isin(stored['key'])).sum()} runs are missing")
    error = table["error"].where(table["error"].isna(), table["error"] + ": " + table["message"])
    out = table[list(KEYS)].astype("int64")
    for name in names:
        out[name] = table[name].astype(float)
    out[ERROR] = error.astype(object).where(error.notna(), None)
    return out


def failures_table(outcomes: pd.DataFrame, design: pd.DataFrame) -> pd.DataFrame:
    """The failed runs with their parameter values and error (empty when none failed)."""
    failed = outcomes.loc[outcomes[ERROR].notna(), [*KEYS, ERROR]]
    return failed.merge(design, on=POINT, how="left")[[*KEYS, *design.columns[1:], ERROR]]


def summary_table(design: pd.DataFrame, outcomes: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """One row per design point: its values, then mean, sd and n of each measure.

    ``n`` counts the point's runs with a finite value; mean and sd are over those.
    """
    values = outcomes[[POINT, *names]].replace([np.inf, -np.inf], np.nan)
    grouped = values.groupby(POINT, sort=True)[names]
    mean, sd, count = grouped.mean(), grouped.std(ddof=1), grouped.count()
    stats = {}
    for name in names:
        stats[f"{name}:mean"] = mean[name]
        stats[f"{name}:sd"] = sd[name]
        stats[f"{name}:n"] = count[name]
    return design.merge(pd.DataFrame(stats), left_on=POINT, right_index=True, how="left")


def valid_counts(outcomes: pd.DataFrame, names: list[str]) -> dict[str, int]:
    """Runs with a finite value, per measure."""
    values = outcomes[names].replace([np.inf, -np.inf], np.nan)
    return {name: int(values[name].notna().sum()) for name in names}


def indices(
    experiment: Experiment, design: pd.DataFrame, outcomes: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame | None, list[str]]:
    """The sensitivity indices of every measure, the second-order ones, and notes."""
    names = [m.name for m in experiment.measures]
    means = point_means(outcomes, names)
    if experiment.design.kind in ("sobol", "morris"):
        return analyse(experiment.design, experiment.factors, means, names)
    table, notes = regression_indices(experiment.factors, design, means, names)
    return table, None, notes
