"""The maturity plane: digital legacy fitness against digital capability over time.

One panel per scenario, on shared axes. Thin lines are single runs, so what really
happens stays visible. Runs that went different ways are grouped (a big-bang
programme that completed, failed, or was unfinished at the end), and each group
gets a thick line: the average of its runs, month by month. An average of runs
that took one way cannot jump between ways, as a median of points can.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from .data import Results
from .facts import PROGRAMME_KIND
from .style import declutter, finish, legend_in, new_panels, scenario_colours, source_note, styled

X, Y = "maturity_legacy", "maturity_capability"
WIDTH = 8.0  # inches: 1,200 px at 150 dpi
#: How a group of runs is drawn and named, by the way its big-bang programme ended.
GROUPS = {
    "all": ("-", "all runs"),
    "completed": ("-", "programme completed"),
    "failed": ("--", "programme failed"),
    "running": (":", "programme unfinished at the end"),
    "none": ("-.", "no programme"),
}
SHORT = {"completed": "completed", "failed": "failed", "running": "unfinished", "none": "none"}
HALO = withStroke(linewidth=2.5, foreground="white")
LABELLED_YEARS = 4  # about how many years to write along a path
SHAPES = (
    "A move to the right is work on the digital legacy, a move up is new digital capability "
    "in the departments: small steps climb a staircase, big bang draws an L (legacy first)."
)


def groups(results: Results, scenario: str) -> dict[str, list[int]]:
    """Replications of ``scenario`` by the way its big-bang programme ended.

    A scenario that ran no programme in any run has one group, ``all``.
    """
    runs = sorted(
        results.timeseries.loc[results.timeseries["scenario"] == scenario, "replication"].unique()
    )
    log = results.initiatives
    if log is None:
        return {"all": runs}
    rows = log[(log["scenario"] == scenario) & (log["kind"] == PROGRAMME_KIND)]
    if rows.empty:
        return {"all": runs}
    ending = rows.groupby("replication")["outcome"].first().astype(str)
    found: dict[str, list[int]] = {}
    for run in runs:
        found.setdefault(ending.get(run, "none"), []).append(run)
    order = [g for g in GROUPS if g in found] + [g for g in found if g not in GROUPS]
    return {g: found[g] for g in order}


@styled
def maturity_plane(results: Results) -> Figure:
    """Each scenario's runs through the maturity plane, a panel per scenario."""
    count = len(results.scenarios)
    ncols = 1 if count == 1 else 2
    nrows = math.ceil(count / ncols)
    side = (WIDTH - 0.6) / ncols
    fig, axes, strip = new_panels(
        WIDTH, side * 0.85 * nrows + 3.0, nrows, ncols, legend_lines=2, sharex=True, sharey=True
    )
    axes = axes.ravel()
    ts = results.timeseries
    labels, styles = [], set()
    for ax, (scenario, colour) in zip(
        axes, scenario_colours(results.scenarios).items(), strict=False
    ):
        rows = ts[ts["scenario"] == scenario]
        found = groups(results, scenario)
        paths = [
            np.column_stack([path[X].to_numpy(), path[Y].to_numpy()])
            for _run, path in rows.groupby("replication", sort=False)
        ]  # one collection for all runs: as drawn line by line, much faster with many runs
        ax.add_collection(LineCollection(paths, colors=colour, linewidths=0.5, alpha=0.3))
        ax.autoscale_view()
        biggest = max(found, key=lambda g: len(found[g]))
        for name, runs in found.items():
            mean = rows[rows["replication"].isin(runs)].groupby("month", sort=True)[[X, Y]].mean()
            style = GROUPS.get(name, ("-", name))[0]
            styles.add(name)
            ax.plot(mean[X], mean[Y], color="white", lw=4.2, ls="-")  # a halo over the runs
            ax.plot(mean[X], mean[Y], color=colour, lw=2.4, ls=style)
            labels += _years(ax, mean, colour, name == biggest)
        ax.set_title(_title(results, scenario, found), loc="left", fontsize=9)
    for ax in axes[count:]:
        ax.axis("off")
    for ax in axes[:count]:
        ax.margins(0.06)
    for ax in axes[:count]:
        ax.set_xlabel("Legacy fitness (index 0-1) \u2192", fontsize=8)
        ax.set_ylabel("Capability (index 0-1) \u2192", fontsize=8)
        ax.tick_params(labelsize=8, labelbottom=True, labelleft=True)
    legend_in(strip, _legend(styles), ncols=3)
    hint = (
        "Thin lines: single runs. Thick lines: the average path of the runs that went the same "
        f"way; dots mark 1 January. {SHAPES}"
    )
    finish(
        fig, "Maturity plane: how each strategy moves the organisation", hint, source_note(results)
    )
    declutter(fig, labels)
    return fig


def _title(results: Results, scenario: str, found: dict[str, list[int]]) -> str:
    label = results.label(scenario)
    if list(found) == ["all"]:
        return label
    parts = [f"{len(r)} {SHORT.get(g, g)}" for g, r in found.items()]
    return f"{label}\nprogramme: {', '.join(parts)}"


def _years(ax: Axes, mean: pd.DataFrame, colour, labelled: bool) -> list:
    months = [str(m) for m in mean.index]
    x, y = mean[X].to_numpy(), mean[Y].to_numpy()
    january = [i for i, m in enumerate(months) if m.endswith("-01")]
    ax.plot(x[january], y[january], "o", color=colour, ms=3.5, mec="white", mew=0.5)
    if not labelled or not january:
        return []
    step = max(1, round(len(january) / max(LABELLED_YEARS - 1, 1)))
    chosen = january[::step]
    if months[-1][:4] != months[chosen[-1]][:4]:
        chosen.append(len(months) - 1)
    texts = []
    for i in chosen:
        texts.append(
            ax.annotate(
                months[i][:4] if months[i].endswith("-01") else f"end {months[i][:4]}",
                (x[i], y[i]),
                xytext=(5, -9),
                textcoords="offset points",
                fontsize=8,
                color=colour,
                weight="bold",
                path_effects=[HALO],  # readable over the thin lines of many runs
            )
        )
    return texts


def _legend(styles: set[str]) -> list[Line2D]:
    handles = [Line2D([], [], color="0.5", lw=0.6, alpha=0.6, label="single runs")]
    for name, (style, words) in GROUPS.items():
        if name in styles:
            handles.append(Line2D([], [], color="0.2", lw=2.2, ls=style, label=f"average: {words}"))
    return handles


def path_ends(results: Results) -> dict[str, np.ndarray]:
    """Last point of each group's average path, by 'scenario/group': for tests and notes."""
    ends = {}
    ts = results.timeseries
    for scenario in results.scenarios:
        rows = ts[ts["scenario"] == scenario]
        for name, runs in groups(results, scenario).items():
            mean = rows[rows["replication"].isin(runs)].groupby("month", sort=True)[[X, Y]].mean()
            ends[f"{scenario}/{name}"] = mean.iloc[-1].to_numpy()
    return ends
