"""Headline numbers and plain sentences for the report."""

from __future__ import annotations

import math

import pandas as pd

from ..core.columns import OUTCOMES
from .comparison import when_words
from .data import Results, month_words

HEADLINE_MONTHS = ("2022-12", "2026-12", "end")

#: Outcomes whose paired comparison is tabulated after the sentences, in this order.
TABLE_OUTCOMES = (
    "change_lead_time_months",
    "maturity_capability",
    "maturity_legacy",
    "trust",
    "unit_strain",
    "benefits_msek_year",
    "overrun_msek",
)


def values_at(results: Results, outcome: str, when: str) -> pd.DataFrame | None:
    """One value per scenario and replication at ``when`` ('YYYY-MM' or 'end').

    Taken from ``summary.csv`` when it has the column, else from the time series.
    Returns None when the month is outside the simulated period.
    """
    first, last = results.months
    if when != "end" and not first <= when <= last:
        return None
    column = f"{outcome}@{when}"
    if results.summary is not None and column in results.summary:
        return results.summary[["scenario", "replication", column]].rename(
            columns={column: "value"}
        )
    month = last if when == "end" else when
    rows = results.timeseries[results.timeseries["month"] == month]
    if rows.empty:
        return None
    return rows[["scenario", "replication", outcome]].rename(columns={outcome: "value"})


def fmt(value: float, unit: str) -> str:
    """A number with as many decimals as its unit deserves."""
    if pd.isna(value):
        return "n/a"
    decimals = 2 if _unitless(unit) else 1
    text = f"{value:.{decimals}f}"
    return text.lstrip("-") if float(text) == 0 else text  # no "-0.0"


def _unitless(unit: str) -> bool:
    return unit.startswith(("index", "share"))


def with_unit(value: float, unit: str) -> str:
    """'1.5 months', '0.12' (indexes and shares need no unit)."""
    text = fmt(value, unit)
    return text if _unitless(unit) or text == "n/a" else f"{text} {unit}"


def interval_text(values: pd.Series, unit: str) -> str:
    """'0.52 (0.47-0.58)': median and the middle 90% of the runs."""
    values = values.dropna()
    if values.empty:
        return "n/a"
    median = fmt(values.median(), unit)
    if len(values) == 1:
        return median
    low, high = values.quantile(0.05), values.quantile(0.95)
    return f"{median} ({fmt(low, unit)} to {fmt(high, unit)})"


def headline_table(results: Results, outcome: str) -> tuple[tuple[str, ...], list[tuple]]:
    """Header and rows: per scenario, the median and 90% range at each headline month."""
    unit = OUTCOMES[outcome].unit
    last = results.months[1]
    columns = [(when, values_at(results, outcome, when)) for when in HEADLINE_MONTHS]
    columns = [(when, table) for when, table in columns if table is not None]
    header = ("Scenario", *(_column_title(when, last) for when, _ in columns))
    rows = []
    for scenario in results.scenarios:
        cells = [
            interval_text(table.loc[table["scenario"] == scenario, "value"], unit)
            for _, table in columns
        ]
        rows.append((results.label(scenario), *cells))
    return header, rows


def comparison_sentences(results: Results, outcome: str = "change_capability") -> list[str]:
    """Plain sentences about the paired differences of one outcome in ``comparison.csv``."""
    table = results.comparison
    if table is None or table.empty:
        return []
    rows = table[table["outcome"] == outcome]
    return [text for _, row in rows.iterrows() if (text := _sentence(row, results))]


def comparison_table(results: Results) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and rows: paired differences of further outcomes, one row per outcome and pair."""
    table = results.comparison
    if table is None or table.empty:
        return (), []
    months = [m for m in ("2026-12", "end") if m in set(table["month"])]
    last = results.months[1]
    header = ("Outcome", "First vs second", *(f"At the {when_words(m, last)}" for m in months))
    rows = []
    for outcome in (o for o in TABLE_OUTCOMES if o in set(table["outcome"])):
        part = table[table["outcome"] == outcome]
        for (a, b), pair in part.groupby(["scenario_a", "scenario_b"], sort=False):
            cells = [_cell(pair[pair["month"] == m]) for m in months]
            label = f"{OUTCOMES[outcome].label}; {OUTCOMES[outcome].better} is better"
            rows.append((label, f"{results.label(a)} vs {results.label(b)}", *cells))
    return header, rows


def _cell(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "n/a"
    row = rows.iloc[0]
    unit = OUTCOMES[row["outcome"]].unit
    text = f"{with_unit(row['mean_diff'], unit)} ({fmt(row['ci_low'], unit)} to "
    text += f"{fmt(row['ci_high'], unit)})"
    chance = row.get("p_a_better", math.nan)
    return text if pd.isna(chance) else f"{text}; first better in {chance:.0%}"


def _sentence(row: pd.Series, results: Results) -> str:
    info = OUTCOMES[row["outcome"]]
    chance = row.get("p_a_better", math.nan)
    if not info.better or pd.isna(chance):
        return ""
    a, b = results.label(row["scenario_a"]), results.label(row["scenario_b"])
    when = when_words(str(row["month"]), results.months[1])
    name = info.label[0].lower() + info.label[1:]
    if row["ci_low"] == row["ci_high"] == 0:
        return f"At the {when}, **{a}** and **{b}** have the same {name} in every paired run."
    pairs = int(row.get("n_pairs", 0))
    share = f"{chance:.0%} of {pairs}" if chance >= 0.5 else f"only {chance:.0%} of {pairs}"
    share = {0.0: f"none of the {pairs}", 1.0: f"all {pairs}"}.get(float(chance), share)
    return (
        f"At the {when}, **{a}** has {_comparative(row['outcome'])} {name} than **{b}** in "
        f"{share} paired runs (average difference "
        f"{with_unit(row['mean_diff'], info.unit)}, 95% interval "
        f"{fmt(row['ci_low'], info.unit)} to {fmt(row['ci_high'], info.unit)})."
    )


def _comparative(outcome: str) -> str:
    info = OUTCOMES[outcome]
    if info.better == "higher":
        return "a higher"
    return "a shorter" if info.unit == "months" else "a lower"


def _column_title(when: str, last: str) -> str:
    return f"End of run ({month_words(last)})" if when == "end" else month_words(when)
