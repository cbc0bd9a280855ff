"""Outcomes at fixed months: the long table of points and the wide ``summary.csv``."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core.columns import OUTCOMES
from .runner import KEYS

SUMMARY_MONTHS = ("2022-12", "2026-12")
END = "end"


def points(timeseries: pd.DataFrame, months: tuple[str, ...] = SUMMARY_MONTHS) -> pd.DataFrame:
    """Each run's outcomes at ``months`` and at its last month, in long form.

    Months outside a run's horizon are left out.

    Returns:
        columns ``scenario, replication, seed, outcome, point, value``; ``point`` is a
        month ``YYYY-MM`` or ``end``.
    """
    outcomes = [c for c in OUTCOMES if c in timeseries.columns]
    ts = timeseries.sort_values([*KEYS, "month"], kind="stable")
    parts = [ts[ts["month"] == m].assign(point=m) for m in months]
    parts.append(ts.groupby(list(KEYS), sort=False).tail(1).assign(point=END))
    wide = pd.concat(parts, ignore_index=True)
    long = wide.melt(
        id_vars=[*KEYS, "point"], value_vars=outcomes, var_name="outcome", value_name="value"
    )
    return long[[*KEYS, "outcome", "point", "value"]]


def summary_values(
    timeseries: pd.DataFrame, months: tuple[str, ...] = SUMMARY_MONTHS
) -> dict[str, float]:
    """One run's row of the summary, from its own monthly table (no tags needed).

    ``<outcome>@<point>`` for every outcome and point of :func:`summary_names`: the
    value in that month (NaN when the run does not reach it) and in its last month.
    The same numbers as :func:`summary_table` gives for the run.
    """
    month = timeseries["month"].to_numpy()
    order = np.argsort(month, kind="stable")
    rows = {m: np.flatnonzero(month == m) for m in months}
    out: dict[str, float] = {}
    for outcome in OUTCOMES:
        values = timeseries[outcome].to_numpy() if outcome in timeseries else None
        for m in months:
            found = values is not None and len(rows[m])
            out[f"{outcome}@{m}"] = float(values[rows[m][0]]) if found else math.nan
        out[f"{outcome}@{END}"] = float(values[order[-1]]) if values is not None else math.nan
    return out


def summary_names(months: tuple[str, ...] = SUMMARY_MONTHS) -> list[str]:
    """Every ``<outcome>@<point>`` name, in the order of the summary's columns."""
    return [f"{o}@{p}" for o in OUTCOMES for p in point_labels(months)]


def reached(start: str, end: str, months: tuple[str, ...] = SUMMARY_MONTHS) -> set[str]:
    """The points a run from ``start`` to ``end`` (YYYY-MM) reaches."""
    return {m for m in months if start <= m <= end} | {END}


def point_labels(months: tuple[str, ...] = SUMMARY_MONTHS) -> tuple[str, ...]:
    """Labels of the points, in order: the months, then ``end``."""
    return (*months, END)


def summary_table(
    timeseries: pd.DataFrame, months: tuple[str, ...] = SUMMARY_MONTHS
) -> pd.DataFrame:
    """One row per scenario and replication, one column ``<outcome>@<point>`` per value.

    Columns come outcome by outcome in the order of :data:`OUTCOMES`, each at
    ``months`` and ``end``; a month no run reaches has no column.
    """
    long = points(timeseries, months)
    long = long.assign(column=long["outcome"] + "@" + long["point"])
    runs = timeseries[list(KEYS)].drop_duplicates()
    wide = long.pivot(index=list(KEYS), columns="column", values="value").reset_index()
    table = runs.merge(wide, on=list(KEYS), how="left")
    return order_summary(table, months)


def order_summary(table: pd.DataFrame, months: tuple[str, ...] = SUMMARY_MONTHS) -> pd.DataFrame:
    """The summary's columns in order: the keys, then outcome by outcome, point by point.

    Summaries of parts of the runs, concatenated, come out as one summary of all.
    """
    order = [
        f"{o}@{p}" for o in OUTCOMES for p in point_labels(months) if f"{o}@{p}" in table.columns
    ]
    return table[[*KEYS, *order]].reset_index(drop=True)


def points_from_summary(summary: pd.DataFrame) -> pd.DataFrame:
    """The long table of :func:`points` from a summary table (the same values)."""
    values = [c for c in summary.columns if "@" in c]
    long = summary.melt(id_vars=list(KEYS), value_vars=values, value_name="value")
    parts = long["variable"].str.rsplit("@", n=1, expand=True)
    long = long.assign(outcome=parts[0], point=parts[1]).dropna(subset=["value"])
    return long[[*KEYS, "outcome", "point", "value"]].reset_index(drop=True)
