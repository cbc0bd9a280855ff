"""Dot-and-whisker chart of paired differences between scenarios."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..core.columns import OUTCOMES
from .data import Results, empty, month_words, rows_by
from .style import BETTER, UNCLEAR, WORSE, better_words, finish, source_note, styled

#: Outcomes shown first, when the comparison has them.
KEY_OUTCOMES = (
    "change_capability",
    "change_lead_time_months",
    "trust",
    "unit_strain",
    "benefits_msek_year",
    "overrun_msek",
)
KEY_MONTHS = ("2026-12", "end")


def when_words(month: str, last: str) -> str:
    """'2026-12' as 'end of 2026'; 'end' as 'end of the run (Dec 2030)'."""
    if month == "end":
        return f"end of the run ({month_words(last)})"
    if month.endswith("-12"):
        return f"end of {month[:4]}"
    return month_words(month)


def chosen(comparison: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Outcomes and months to show: the key ones present, else whatever is there."""
    present = set(comparison["outcome"])
    outcomes = [o for o in KEY_OUTCOMES if o in present]
    outcomes = outcomes or [o for o in OUTCOMES if o in present]
    months = [m for m in KEY_MONTHS if m in set(comparison["month"])]
    return outcomes, months or list(dict.fromkeys(comparison["month"]))[:3]


def verdict(row: Mapping[str, Any]) -> str:
    """'better', 'worse' or 'unclear' for A against B, from the 95% interval."""
    better = OUTCOMES[row["outcome"]].better
    if not better or row["ci_low"] <= 0 <= row["ci_high"]:
        return "unclear"
    higher = row["ci_low"] > 0
    return "better" if higher == (better == "higher") else "worse"


@styled
def difference_chart(results: Results) -> Figure:
    """Mean paired differences with 95% intervals: a row per outcome, a column per month."""
    table = results.comparison
    outcomes, months = chosen(table)
    pairs = len(table[["scenario_a", "scenario_b"]].drop_duplicates())
    height = len(outcomes) * (0.6 * pairs + 1.3) + 2.4
    fig = Figure(figsize=(4.2 * len(months) + 2.6, height), layout="constrained")
    rows = np.atleast_1d(fig.subfigures(len(outcomes), 1))
    axes = np.array([row.subplots(1, len(months), sharey=True, squeeze=False)[0] for row in rows])
    last = results.months[1]
    parts = rows_by(table, ["outcome", "month"])
    for row, outcome, panels in zip(rows, outcomes, axes, strict=True):
        info, words = OUTCOMES[outcome], better_words(outcome)
        row.suptitle(f"{info.label} ({words})" if words else info.label, x=0.01, ha="left")
        for ax, month in zip(panels, months, strict=True):
            _panel(ax, parts.get((outcome, month), empty(table)), results)
            ax.set_xlabel(f"Difference, first minus second ({info.unit})", fontsize=8)
    for ax, month in zip(axes[0], months, strict=True):
        ax.set_title(f"At the {when_words(month, last)}", fontsize=9, weight="bold")
    _share_x_per_row(axes)
    rows[-1].legend(handles=_legend(), loc="outside lower center", ncols=3, fontsize=8)
    hint = (
        "Each dot is the average difference between two scenarios run with the same random "
        "seeds; the whisker is its 95% interval. The share next to a dot is how often the "
        "first scenario did better than the second, pair by pair."
    )
    return finish(fig, "How the scenarios differ, run for run", hint, source_note(results))


def _panel(ax: Axes, table: pd.DataFrame, results: Results) -> None:
    rows = table.to_dict("records")
    colours = {"better": BETTER, "worse": WORSE, "unclear": UNCLEAR}
    for y, row in enumerate(rows):
        colour = colours[verdict(row)]
        low, high = row["mean_diff"] - row["ci_low"], row["ci_high"] - row["mean_diff"]
        ax.errorbar(row["mean_diff"], y, xerr=[[low], [high]], fmt="o", color=colour, capsize=4)
        ax.annotate(
            _chance(row),
            (row["mean_diff"], y),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize=7,
            color=colour,
        )
    ax.axvline(0, color="0.2", lw=1)
    labels = [
        f"{results.label(r['scenario_a'])}\nvs {results.label(r['scenario_b'])}" for r in rows
    ]
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.4, -0.7)
    ax.grid(axis="y", visible=False)


def _chance(row: Mapping[str, Any]) -> str:
    chance = row.get("p_a_better", math.nan)
    if pd.isna(chance) or not OUTCOMES[row["outcome"]].better:
        return ""
    return f"better in {chance:.0%} of pairs"


def _share_x_per_row(axes: np.ndarray) -> None:
    for row in axes:
        low = min(ax.get_xlim()[0] for ax in row)
        high = max(ax.get_xlim()[1] for ax in row)
        span = max(abs(low), abs(high))
        for ax in row:
            ax.set_xlim(-span, span)


def _legend() -> list[Line2D]:
    def dot(colour: str, text: str) -> Line2D:
        return Line2D([], [], marker="o", color=colour, ls="-", label=text)

    return [
        dot(BETTER, "first scenario better (95% interval clear of zero)"),
        dot(WORSE, "first scenario worse (95% interval clear of zero)"),
        dot(UNCLEAR, "no clear difference"),
    ]
