"""Sensitivity over time: the indices of a measure over months, computed year by year.

A measure such as ``change_capability@2027-01..2030-12`` is a mean over four years;
its indices say which parameters drive that mean, not whether the answer changes
over time. Every run also records the measure's calendar-year parts
(:func:`.measures.yearly_measures`), and the same indices (Sobol', Morris or PRCC,
by the design) are computed for each year. The table has the columns of the
sensitivity table, plus ``measure`` (the measure over months) and ``year``.
"""

from __future__ import annotations

import pandas as pd

from .definition import Experiment
from .results import indices


def yearly_indices(
    experiment: Experiment, design: pd.DataFrame, outcomes: pd.DataFrame
) -> tuple[pd.DataFrame | None, list[str]]:
    """The indices of every year of every measure over months, and notes; None if none."""
    yearly = experiment.yearly
    if not yearly:
        return None, []
    table, _, notes = indices(experiment, design, outcomes, [m.name for m in yearly])
    if table.empty:
        return None, notes
    parts = []
    for parent in experiment.measures:
        for m in yearly:
            if m.outcome == parent.outcome and parent.start <= m.start and m.end <= parent.end:
                rows = table[table["outcome"] == m.name]
                parts.append(rows.assign(measure=parent.name, year=int(m.start[:4])))
    if not parts:
        return None, notes
    out = pd.concat(parts, ignore_index=True)
    first = [c for c in ("policy",) if c in out.columns]
    rest = [c for c in out.columns if c not in (*first, "measure", "year")]
    return out[[*first, "measure", "year", *rest]], notes
