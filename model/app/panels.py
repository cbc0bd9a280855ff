"""What the workshop app shows, redrawn as the model steps.

Each panel draws a matplotlib figure (without pyplot) and writes what it plotted as
a line of text with the class ``plot-data``, so that a reader of the page (or a test)
can see the numbers behind the picture.
"""

from __future__ import annotations

import numpy as np
import solara
from matplotlib.figure import Figure
from mesa.visualization.utils import update_counter

from ..core import run
from ..core.columns import INDEX_PARTS, OUTCOMES, SOURCES
from .levers import Levers, apply
from .workshop import BASE, Workshop

SIZE = (5.6, 3.4)  # inches of each panel's figure
SOURCE_COLOURS = {"programme": "#56B4E9", "investment": "#E69F00", "operating": "#009E73"}
CURRENT, BASELINE = "#0173b2", "#7f7f7f"
COMPARE_SEEDS = 4
COMPARE_MONTH = "2026-12"


def _figure() -> tuple[Figure, object]:
    fig = Figure(figsize=SIZE, layout="constrained")
    ax = fig.subplots()
    ax.grid(alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _show(fig: Figure, data: str, name: str, model: Workshop) -> None:
    with solara.Column():
        solara.FigureMatplotlib(
            fig, format="png", dependencies=[update_counter.value, id(model), len(model.rows)]
        )
        solara.Text(data, classes=["plot-data", f"{name}-data"])


def _month_data(model: Workshop, column: str) -> str:
    rows = list(model.rows)
    if not rows:
        return f"months=0 {column}=none"
    return f"months={len(rows)} month={rows[-1]['month']} {column}={rows[-1][column]:.4f}"


def CapabilityPanel(model: Workshop):
    """Change capability and the parts of its index, month by month."""
    fig, ax = _figure()
    table = model.table() if model.rows else None
    if table is not None:
        for part in INDEX_PARTS:
            label = OUTCOMES[part].label.removeprefix("Index part: ")
            label = label[:1].upper() + label[1:]
            ax.plot(table["year"], table[part], lw=1, alpha=0.8, label=label)
        ax.plot(
            table["year"],
            table["change_capability"],
            color="black",
            lw=2.5,
            label="Change capability",
        )
    ax.set_ylim(0, 1)
    ax.set_title("Change capability and its parts (index 0-1)", loc="left", fontsize=10)
    if table is not None:
        ax.legend(fontsize=6, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    _show(fig, _month_data(model, "change_capability"), "capability", model)


def PlanePanel(model: Workshop):
    """The path through the maturity plane so far."""
    fig, ax = _figure()
    if model.rows:
        table = model.table()
        ax.plot(table["maturity_legacy"], table["maturity_capability"], color=CURRENT, lw=2)
        ax.plot(
            table["maturity_legacy"].iloc[-1],
            table["maturity_capability"].iloc[-1],
            "o",
            color=CURRENT,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Legacy fitness (index 0-1) \u2192", fontsize=8)
    ax.set_ylabel("Capability (index 0-1) \u2192", fontsize=8)
    ax.set_title("Maturity plane", loc="left", fontsize=10)
    _show(fig, _month_data(model, "maturity_capability"), "plane", model)


def SpendingPanel(model: Workshop):
    """Monthly spending by source, stacked, and depreciation."""
    fig, ax = _figure()
    if model.rows:
        table = model.table()
        stacks = np.vstack([table[f"spend_{s}_msek"].to_numpy() for s in SOURCES])
        ax.stackplot(table["year"], stacks, colors=[SOURCE_COLOURS[s] for s in SOURCES],
                     labels=[s.capitalize() for s in SOURCES], lw=0)  # fmt: skip
        ax.plot(
            table["year"], table["depreciation_msek"], color="black", lw=1.2, label="Depreciation"
        )
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_ylabel("MSEK per month", fontsize=8)
    ax.set_title("Spending by source", loc="left", fontsize=10)
    _show(fig, _month_data(model, "spend_programme_msek"), "spending", model)


def StaffPanel(model: Workshop):
    """Staff of the digitalisation unit, and its strain."""
    fig, ax = _figure()
    if model.rows:
        table = model.table()
        ax.plot(table["year"], table["unit_staff_fte"], color=CURRENT, lw=2, label="Staff (FTE)")
        strain = ax.twinx()
        strain.plot(table["year"], table["unit_strain"], color="#d55e00", lw=1.5, label="Strain")
        strain.set_ylim(0, 1)
        strain.set_ylabel("Strain (index 0-1)", fontsize=8, color="#d55e00")
    ax.set_ylabel("Staff (FTE)", fontsize=8, color=CURRENT)
    ax.set_title("Digitalisation unit: staff and strain", loc="left", fontsize=10)
    _show(fig, _month_data(model, "unit_staff_fte"), "staff", model)


def _capability_runs(levers: Levers, seeds: range, baseline: bool) -> np.ndarray:
    params = BASE["params"] if baseline else apply(BASE["params"], levers)
    return np.array(
        [run(params, seed).timeseries["change_capability"].to_numpy() for seed in seeds]
    )


@solara.component
def ComparisonPanel(model: Workshop):
    """The current levers against the baseline scenario, over a few paired seeds."""
    levers = model.levers
    seeds = range(levers.seed, levers.seed + COMPARE_SEEDS)
    current = solara.use_memo(lambda: _capability_runs(levers, seeds, False), [levers])
    base = solara.use_memo(lambda: _capability_runs(levers, seeds, True), [levers.seed])
    months = model.sim.n_months
    years = model.sim.start / 12 + np.arange(months) / 12
    fig, ax = _figure()
    for values, colour, name in ((base, BASELINE, "Baseline"), (current, CURRENT, "These levers")):
        for run_values in values:
            ax.plot(years, run_values, color=colour, lw=0.6, alpha=0.4)
        ax.plot(
            years,
            values.mean(axis=0),
            color=colour,
            lw=2.4,
            label=f"{name} (mean of {len(values)})",
        )
    index = (int(COMPARE_MONTH[:4]) * 12 + int(COMPARE_MONTH[5:]) - 1) - model.sim.start
    index = min(max(index, 0), months - 1)
    wins = int((current[:, index] > base[:, index]).sum())
    ax.axvline(years[index], color="0.4", ls=":", lw=1)
    ax.set_ylim(0, 1)
    ax.set_title(
        f"Change capability: these levers against the baseline, {len(seeds)} seeds",
        loc="left",
        fontsize=10,
    )
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    data = (
        f"seeds={len(seeds)} current={current[:, index].mean():.4f} "
        f"baseline={base[:, index].mean():.4f} wins={wins} strategy={levers.strategy}"
    )
    with solara.Column():
        solara.FigureMatplotlib(fig, format="png", dependencies=[levers])
        same = int((current[:, index] == base[:, index]).sum())
        tie = f", the same in {same}" if same else ""
        solara.Text(
            f"In {COMPARE_MONTH}: these levers {current[:, index].mean():.2f}, the baseline "
            f"{base[:, index].mean():.2f} (means); better in {wins} of {len(seeds)} paired "
            f"seeds{tie}."
        )
        solara.Text(data, classes=["plot-data", "comparison-data"])
