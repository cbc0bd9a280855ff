"""The headline outcome at a few months, per scenario: the appendix table of the report."""

from __future__ import annotations

from ..core.columns import OUTCOMES
from .data import Results, month_words
from .runs import Measure, MeasureError, fmt, run_range

HEADLINE_MONTHS = ("2022-12", "2026-12", "end")


def headline_table(results: Results, outcome: str) -> tuple[tuple[str, ...], list[tuple]]:
    """Header and rows: per scenario, the median and middle range at each headline month."""
    unit = OUTCOMES[outcome].unit
    last = results.months[1]
    columns = []
    for when in HEADLINE_MONTHS:
        try:
            columns.append((when, Measure(outcome, when).values(results)))
        except MeasureError:  # a month outside the simulated period
            continue
    header = ("Scenario", *(_column_title(when, last) for when, _ in columns))
    rows = []
    for scenario in results.scenarios:
        cells = []
        for _, table in columns:
            r = run_range(table.loc[table["scenario"] == scenario, "value"])
            cells.append(
                fmt(r.median, unit)
                if r.n == 1
                else f"{fmt(r.median, unit)} ({fmt(r.low, unit)} to {fmt(r.high, unit)})"
            )
        rows.append((results.label(scenario), *cells))
    return header, rows


def _column_title(when: str, last: str) -> str:
    return f"End of run ({month_words(last)})" if when == "end" else month_words(when)
