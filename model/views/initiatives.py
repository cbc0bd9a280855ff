"""Figures of initiatives: how they ended, and how far their costs overran."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from .data import Results, rows_by
from .style import (
    OUTCOME_COLOURS,
    finish,
    legend_below,
    legend_in,
    new_panels,
    scenario_colours,
    source_note,
    styled,
)

KINDS = {
    "capability": "Capability work\nwith departments",
    "legacy_fix": "Targeted\nlegacy fixes",
    "modernisation": "Large legacy\nmodernisation",
    "order": "Orders placed\nwith IT",
}
OUTCOMES = {
    "completed": "Completed",
    "running": "Still under way at the end",
    "blocked": "Blocked",
    "failed": "Failed",
}
WIDTH = 8.0  # inches: 1,200 px at 150 dpi
#: Ticks a decade apart on the stretched scale, so that no two labels meet in a panel.
OVERRUN_TICKS = (-50, 0, 10, 100, 1000, 10000)
#: The most steps drawn of one exceedance curve: thinned to this, the line is less
#: than 1/(STEPS - 1) of the panel's height above the exact curve (under a pixel),
#: and the figure no longer grows with the number of runs.
STEPS = 1000


def _kinds(table: pd.DataFrame) -> list[str]:
    present = set(table["kind"].astype(str).unique())  # not row by row: many runs, many rows
    return [k for k in KINDS if k in present] + sorted(present - set(KINDS))


@styled
def initiative_outcomes(results: Results) -> Figure:
    """Average number of initiatives per run, by outcome: a panel per kind, a bar per scenario.

    Each kind has its own scale, so that one programme per run shows beside hundreds of
    small initiatives.
    """
    table = results.initiatives
    kinds = _kinds(table)
    count = len(results.scenarios)
    height = len(kinds) * (0.32 * count + 0.9) + 2.6
    fig, axes, strip = new_panels(WIDTH, height, nrows=len(kinds), legend_lines=2)
    axes = axes[:, 0]
    tally = table.groupby(["kind", "scenario", "outcome"], observed=True).size()
    labels = [results.label(s) for s in results.scenarios]
    for ax, kind in zip(axes, kinds, strict=True):
        runs = np.array([max(results.replications[s], 1) for s in results.scenarios], float)
        counts = _counts(tally, kind, list(results.scenarios))
        _stacked_bars(ax, counts.div(runs, axis=0), labels)
        ax.set_title(KINDS.get(kind, kind).replace("\n", " "), loc="left", fontsize=10)
    axes[-1].set_xlabel("Initiatives per run (average)")
    handles, names = axes[0].get_legend_handles_labels()
    legend_in(strip, handles, names, title="How it ended", ncols=4)
    hint = (
        "Each bar: the average number of initiatives of one kind in one run of a scenario, "
        "split by how they ended. Each kind has its own scale."
    )
    title = "How many initiatives each strategy starts, and how they end"
    return finish(fig, title, hint, source_note(results))


def _counts(tally: pd.Series, kind: str, scenarios: list[str]) -> pd.DataFrame:
    """Initiatives of one kind: a row per scenario, a column per outcome that occurred."""
    if kind not in tally.index.get_level_values("kind"):
        return pd.DataFrame(0, index=scenarios, columns=[])
    counts = tally.loc[kind].unstack("outcome", fill_value=0)
    return counts.reindex(index=scenarios, fill_value=0)


def _stacked_bars(ax: Axes, counts: pd.DataFrame, labels: list[str]) -> None:
    left = np.zeros(len(labels))
    positions = np.arange(len(labels))
    for outcome, label in OUTCOMES.items():
        widths = counts[outcome].to_numpy() if outcome in counts else np.zeros(len(labels))
        ax.barh(positions, widths, left=left, color=OUTCOME_COLOURS[outcome], label=label)
        left += widths
    for y, total in zip(positions, left, strict=True):
        text = f"{total:.2f}" if total < 10 else f"{total:.0f}"
        ax.annotate(text, (total, y), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=8)  # fmt: skip
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlim(0, max(left.max(), 1e-9) * 1.12)
    ax.grid(axis="y", visible=False)


@styled
def cost_overruns(results: Results) -> Figure:
    """Share of finished initiatives whose cost overran by more than x, per kind."""
    table = results.initiatives
    table = table[table["outcome"].isin(["completed", "failed"])]
    kinds = _kinds(table) or ["capability"]
    ncols = min(len(kinds), 2)
    nrows = -(-len(kinds) // ncols)
    lines = -(-len(results.scenarios) // 2) + 1
    fig, axes, strip = new_panels(
        WIDTH, 2.9 * nrows + 2.2 + 0.28 * lines, nrows, ncols, legend_lines=lines, sharex=True
    )
    axes = axes.ravel()
    colours = scenario_colours(results.scenarios)
    overruns = {
        key: rows["overrun"].to_numpy()
        for key, rows in rows_by(table, ["kind", "scenario"]).items()
    }
    for ax, kind in zip(axes, kinds, strict=False):
        for scenario, colour in colours.items():
            values = overruns.get((kind, scenario), np.empty(0))
            _exceedance(ax, values * 100, colour, results.label(scenario))
        ax.set_title(KINDS.get(kind, kind).replace("\n", " "), loc="left", fontsize=10)
    for ax in axes[len(kinds) :]:
        ax.axis("off")
    for ax in axes[: len(kinds)]:
        _overrun_axes(ax)
    legend_below(strip, axes[0], "Scenario")
    hint = (
        "Read a point (x, y) as: y of the finished initiatives overran their planned cost "
        "by more than x. A line far to the right means a fat tail of very costly overruns. "
        "Completed and failed initiatives only."
    )
    return finish(fig, "How far initiative costs overrun their plans", hint, source_note(results))


def _exceedance(ax: Axes, values: np.ndarray, colour, label: str) -> None:
    if len(values) == 0:
        return
    x, y = exceedance_steps(values)
    ax.step(x, y, where="post", color=colour, lw=2, label=label)


def exceedance_steps(values: np.ndarray, steps: int = STEPS) -> tuple[np.ndarray, np.ndarray]:
    """The steps of the share of ``values`` above x, for ``ax.step(where="post")``.

    From the smallest value (share 1) to the largest (share 0). With more than
    ``steps`` values, only every k-th sorted value makes a step, and the largest
    always does; between two drawn steps the line stays at the higher share, so it
    is less than 1/(``steps`` - 1) above the exact curve, and never below it.
    """
    values = np.sort(np.asarray(values, dtype=float))
    n = len(values)
    ranks = np.arange(n)
    if n > steps:
        ranks = np.unique(np.linspace(0, n - 1, steps).round().astype(int))
    share = 1 - (ranks + 1) / n
    return np.concatenate([[values[0]], values[ranks]]), np.concatenate([[1.0], share])


def _overrun_axes(ax: Axes) -> None:
    ax.set_xscale("symlog", linthresh=10, linscale=0.4)
    _mark_doubling(ax)
    low, high = ax.get_xlim()
    ticks = [t for t in OVERRUN_TICKS if low <= t <= high] or [0]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(FixedLocator([]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:+.0f}%" if v else "0%"))
    ax.tick_params(axis="x", labelbottom=True)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.set_ylim(0, 1.02)
    ax.set_ylabel("Share with a larger overrun")
    ax.set_xlabel("Overrun, % of plan (stretched scale)")


def _mark_doubling(ax: Axes) -> None:
    """A dashed line where the cost has doubled (+100%)."""
    ax.axvline(100, color="0.3", ls="--", lw=1)
    ax.annotate(
        "cost doubled\n(+100%)",
        xy=(100, 0.5),
        xycoords=("data", "axes fraction"),
        xytext=(-4, 0),
        textcoords="offset points",
        ha="right",
        va="center",
        fontsize=8,
        color="0.3",
    )
