"""Figures of outcomes over time: fan charts, staff and strain, spending by source."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..core.columns import SOURCES
from .data import Results, bands, decimal_years, empty, medians, month_words, rows_by
from .style import (
    SOURCE_COLOURS,
    axis_label,
    better_words,
    declutter_marks,
    finish,
    legend_below,
    legend_in,
    mark_programme_end,
    new_panels,
    scenario_colours,
    source_note,
    styled,
    year_axis,
)

WIDTH = 8.0  # inches: 1,200 px at 150 dpi
BAND_NOTE = "Lines: median of all runs; darker band: middle 50% of runs; lighter band: middle 90%."


def draw_bands(
    ax: Axes, results: Results, outcome: str, inner: bool = True, words: bool = True
) -> None:
    """Median line and 90% (and optionally 50%) bands of ``outcome`` for every scenario."""
    table = bands(results.timeseries, outcome)
    parts = rows_by(table)
    for scenario, colour in scenario_colours(results.scenarios).items():
        rows = parts.get(scenario, empty(table))
        ax.fill_between(rows["year"], rows["q5"], rows["q95"], color=colour, alpha=0.15, lw=0)
        if inner:
            ax.fill_between(rows["year"], rows["q25"], rows["q75"], color=colour, alpha=0.3, lw=0)
        ax.plot(rows["year"], rows["q50"], color=colour, lw=2, label=results.label(scenario))
    ax.set_ylabel(axis_label(outcome))
    year_axis(ax)
    mark_programme_end(ax, results, words=words)


@styled
def fan_chart(
    results: Results, outcome: str, title: str, question: str = "", mark: str | None = None
) -> Figure:
    """One outcome over time: a fan of replications per scenario.

    Args:
        results: the results to draw.
        outcome: a column of the time series (a key of ``OUTCOMES``).
        title: plain-words title saying what the figure shows.
        question: an optional first sentence for the reading hint.
        mark: a month ('YYYY-MM') to mark with a dotted line, such as the headline's.
    """
    lines = -(-len(results.scenarios) // 2) + 1
    fig, axes, strip = new_panels(WIDTH, 5.6 + 0.28 * lines, legend_lines=lines)
    ax = axes[0, 0]
    draw_bands(ax, results, outcome)
    if mark and mark != "end" and results.months[0] <= mark <= results.months[1]:
        when = decimal_years(pd.Series([mark])).iloc[0] + 1 / 12
        ax.axvline(when, color="0.35", linestyle=":", linewidth=1.2)
        ax.annotate(
            f"Headline: {month_words(mark)}",
            xy=(when, 0),
            xycoords=("data", "axes fraction"),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=8,
            color="0.3",
        )
    legend_below(strip, ax)
    hint = " ".join(filter(None, [question, _direction(outcome), BAND_NOTE]))
    finish(fig, title, hint, source_note(results))
    declutter_marks(fig)
    return fig


@styled
def staff_and_strain(results: Results) -> Figure:
    """Digitalisation-unit staff and strain over time, in two panels."""
    lines = -(-len(results.scenarios) // 2) + 1
    fig, axes, strip = new_panels(
        WIDTH, 7.5 + 0.28 * lines, nrows=2, legend_lines=lines, sharex=True
    )
    top, bottom = axes[:, 0]
    draw_bands(top, results, "unit_staff_fte", inner=False)
    draw_bands(bottom, results, "unit_strain", inner=False, words=False)
    legend_below(strip, top)
    top.set_title("Staff in the digitalisation unit", loc="left")
    bottom.set_title("Strain: work above what the unit can sustain (lower is better)", loc="left")
    top.set_xlabel("")
    hint = "Lines: median of all runs; band: middle 90% of runs."
    title = "How many people the digitalisation unit has, and how hard they are pressed"
    return finish(fig, title, hint, source_note(results))


@styled
def spending(results: Results) -> Figure:
    """Median monthly spending per funding source, one panel per scenario."""
    columns = [f"spend_{s}_msek" for s in SOURCES]
    table = medians(results.timeseries, [*columns, "depreciation_msek"])
    smooth = table.groupby("scenario", sort=False)[columns].transform(
        lambda s: s.rolling(3, center=True, min_periods=1).mean()
    )
    table[columns] = smooth
    count = len(results.scenarios)
    ncols = min(count, 2)
    nrows = math.ceil(count / ncols)
    fig, axes, strip = new_panels(WIDTH, 3.0 * nrows + 2.4, nrows, ncols, legend_lines=3)
    axes = axes.ravel()
    parts = rows_by(table)
    for i, (ax, scenario) in enumerate(zip(axes, results.scenarios, strict=False)):
        _spending_panel(ax, parts.get(scenario, empty(table)), results, scenario)
        mark_programme_end(ax, results, words=i == 0)
    for ax in axes[count:]:
        ax.axis("off")
    top = max(ax.get_ylim()[1] for ax in axes[:count])
    for ax in axes[:count]:
        ax.set_ylim(0, top)
    handles = [Patch(color=SOURCE_COLOURS[s], label=f"{s.capitalize()} money") for s in SOURCES]
    handles.append(axes[0].get_lines()[0])
    legend_in(strip, handles, title="Paid from")
    hint = (
        "Coloured areas: median monthly spending from each funding source, stacked "
        "(averaged over three months). "
        "Black line: depreciation of earlier investments, charged to operating budgets."
    )
    return finish(fig, "Where the money comes from, month by month", hint, source_note(results))


def _spending_panel(ax: Axes, rows, results: Results, scenario: str) -> None:
    stacks = [rows[f"spend_{s}_msek"].to_numpy() for s in SOURCES]
    colours = [SOURCE_COLOURS[s] for s in SOURCES]
    ax.stackplot(rows["year"], np.vstack(stacks), colors=colours, alpha=0.85, lw=0)
    ax.plot(
        rows["year"],
        rows["depreciation_msek"],
        color="black",
        lw=1.5,
        label="Depreciation of earlier investments",
    )
    ax.set_title(results.label(scenario), loc="left")
    ax.set_ylabel("MSEK per month")
    year_axis(ax)


def _direction(outcome: str) -> str:
    words = better_words(outcome)
    return f"{words[0].upper()}{words[1:]}." if words else ""
