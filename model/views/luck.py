"""Plots of what luck and time do to a sweep's answer.

- ``variance``: for each outcome (and policy), the share of a run's variance that the
  parameters explain and the share that is luck (the seed), split into luck shared by
  every design point and luck of the point's own (:mod:`digistrat.experiments.sweep.variance`).
- ``sensitivity_over_time_<measure>``: for a measure over months, each parameter's
  index year by year (Sobol' ST with its interval, Morris mu* or PRCC).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..experiments import layout
from .labels import axis_label
from .policies import policy_words
from .style import SCENARIO_PALETTE, finish, new_figure, styled
from .sweep_words import measure_words, stem_part

#: Parameters drawn over time: those with the largest mean index.
SHOWN = 6
LABEL_WIDTH = 60  # characters of an outcome's label per line
PARAMETERS, COMMON, OWN = "#0072B2", "#E69F00", "#F0E442"
INDEX = {
    "ST": "Sobol' total index ST",
    "mu_star": "Morris mu* (outcome's unit per full range)",
    "PRCC": "partial rank correlation (PRCC)",
}


def luck_figures(folder: Path, note: str) -> dict[str, Callable[[], Figure]]:
    """The variance and sensitivity-over-time figures of ``folder``, by stem, not yet drawn."""
    folder = Path(folder)
    figures: dict[str, Callable[[], Figure]] = {}
    if (folder / layout.VARIANCE).is_file():
        table = pd.read_csv(folder / layout.VARIANCE)
        if len(table):
            figures["variance"] = lambda: variance_bars(table, note)
    if (folder / layout.YEARLY_INDICES).is_file():
        yearly = pd.read_csv(folder / layout.YEARLY_INDICES)
        by = ["measure", "policy"] if "policy" in yearly.columns else ["measure"]
        for key, rows in yearly.groupby(by, sort=False):
            key = key if isinstance(key, tuple) else (key,)
            stem = "sensitivity_over_time_" + "_".join(stem_part(k) for k in key)
            policy = key[1] if len(key) > 1 else ""
            figures[stem] = lambda rows=rows, policy=policy: over_time(rows, policy, note)
    return figures


@styled
def variance_bars(table: pd.DataFrame, note: str) -> Figure:
    """One stacked bar per outcome (and policy): parameters, common luck, own luck."""
    labels = [
        "\n".join(
            textwrap.wrap(
                measure_words(r["outcome"])
                + (f", {policy_words(r['policy'])}" if "policy" in r else ""),
                LABEL_WIDTH,
            )
        )
        for r in table.to_dict("records")
    ]
    total = table["run_variance"].replace(0, np.nan)
    parts = [
        (table["parameter_variance"] / total, PARAMETERS, "parameters (the design point)"),
        (table["seed_common_variance"] / total, COMMON, "luck shared by every point"),
        (table["seed_point_variance"] / total, OWN, "luck of the point's own"),
    ]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, ax = new_figure(10, 2.8 + 0.2 * lines + 0.12 * len(table))
    y = np.arange(len(table))[::-1]
    left = np.zeros(len(table))
    for share, colour, label in parts:
        values = share.fillna(0).to_numpy()
        ax.barh(y, values, left=left, color=colour, label=label)
        left += values
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Share of the variance of a single run")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, fontsize=8)
    return finish(
        fig,
        "How much of each outcome is luck?",
        "Blue: the part of a run's variance that the uncertain parameters explain; orange and "
        "yellow: the part that the seed (chance events) explains. Where luck is large, "
        "compare strategies on paired seeds and seed means, never on single runs.",
        note,
    )


@styled
def over_time(rows: pd.DataFrame, policy: str, note: str) -> Figure:
    """Each parameter's index year by year, the strongest on average first."""
    index = next(c for c in INDEX if c in rows.columns)
    size = rows.assign(size=rows[index].abs()).groupby("parameter")["size"].mean()
    shown = list(size.sort_values(ascending=False).index[:SHOWN])
    fig, ax = new_figure(9, 5.2)
    for i, parameter in enumerate(shown):
        mine = rows[rows["parameter"] == parameter].sort_values("year")
        colour = SCENARIO_PALETTE[i % len(SCENARIO_PALETTE)]
        ax.plot(mine["year"], mine[index], marker="o", color=colour, label=axis_label(parameter))
        conf = {"ST": "ST_conf", "mu_star": "mu_star_conf"}.get(index)
        if conf in mine.columns:
            ax.fill_between(
                mine["year"], mine[index] - mine[conf], mine[index] + mine[conf],
                color=colour, alpha=0.15, linewidth=0,
            )  # fmt: skip
    ax.axhline(0, color="0.3", linewidth=0.8)
    ax.set_xticks(sorted(rows["year"].unique()))
    ax.set_xlabel("Year")
    ax.set_ylabel(INDEX[index][:1].upper() + INDEX[index][1:])
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    measure = rows["measure"].iloc[0]
    under = f" under {policy_words(policy)}" if policy else ""
    return finish(
        fig,
        f"Which parameters drive {measure_words(measure)}{under}, year by year?",
        f"The {INDEX[index]} of the {len(shown)} strongest parameters, computed on each "
        "calendar year's mean separately (bands: 95% intervals where the method gives them). "
        "Lines that cross mean that what matters changes over time.",
        note,
    )
