"""Outcomes at fixed months: the long table of points and the wide ``summary.csv``."""

from __future__ import annotations

from collections.abc import Mapping

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


def point_labels(months: tuple[str, ...] = SUMMARY_MONTHS) -> tuple[str, ...]:
    """Labels of the points, in order: the months, then ``end``."""
    return (*months, END)


def summary_table(
    timeseries: pd.DataFrame, months: tuple[str, ...] = SUMMARY_MONTHS
) -> pd.DataFrame:
    """One row per scenario and replication, one column ``<outcome>@<point>`` per value.

    Rows come in the order the runs first appear. Columns come outcome by outcome
    in the order of :data:`OUTCOMES`, each at ``months`` and ``end``; a month no run
    reaches has no column.
    """
    run = timeseries.groupby(list(KEYS), sort=False).ngroup().to_numpy()
    order = np.lexsort((timeseries["month"].to_numpy(), run))
    names = [*KEYS, "month", *(o for o in OUTCOMES if o in timeseries.columns)]
    return summary_of({c: timeseries[c].to_numpy()[order] for c in names}, months)


def summary_of(columns: Mapping[str, np.ndarray], months=SUMMARY_MONTHS) -> pd.DataFrame:
    """:func:`summary_table` of a table given as arrays, each run's rows together, by month.

    Args:
        columns: ``scenario, replication, seed, month`` and outcome columns, one array each.
        months: the months of the summary, besides ``end``.
    """
    keys = [np.asarray(columns[k]) for k in KEYS]
    month = np.asarray(columns["month"])
    n = len(month)
    if n == 0:
        return pd.DataFrame(columns=list(KEYS))
    change = np.zeros(n, dtype=bool)
    change[0] = True
    for key in keys:
        change[1:] |= key[1:] != key[:-1]
    starts = np.flatnonzero(change)
    run = np.cumsum(change) - 1
    out: dict[str, np.ndarray] = {k: key[starts] for k, key in zip(KEYS, keys, strict=True)}
    rows = {}
    for m in months:
        hit = np.flatnonzero(month == m)
        if len(hit):
            first = np.full(len(starts), -1)
            ids, at = np.unique(run[hit], return_index=True)
            first[ids] = hit[at]
            rows[m] = first
    rows[END] = np.r_[starts[1:], n] - 1  # each run's last month
    for outcome in (o for o in OUTCOMES if o in columns):
        values = np.asarray(columns[outcome], dtype=float)
        for point, first in rows.items():
            column = np.full(len(starts), np.nan)
            column[first >= 0] = values[first[first >= 0]]
            out[f"{outcome}@{point}"] = column
    return order_summary(pd.DataFrame(out), months)


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
