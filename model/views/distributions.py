"""How outcomes spread across runs: seaborn box and strip plots, one panel per outcome."""

from __future__ import annotations

import math
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from matplotlib import MatplotlibDeprecationWarning
from matplotlib.figure import Figure

from ..core.columns import OUTCOMES
from .data import Results
from .facts import spend_frame
from .runs import Measure
from .style import finish, scenario_colours, source_note, styled

WIDTH = 8.0  # inches: 1,200 px at 150 dpi
#: Outcomes shown besides the headline, at the headline's month, when present.
SHOWN = (
    "change_lead_time_months",
    "maturity_capability",
    "maturity_legacy",
    "trust",
    "benefits_msek_year",
)
TOTAL = "total_spending"


def per_run(results: Results, measure: Measure) -> pd.DataFrame:
    """One row per run, a column per outcome shown (and the total spending)."""
    outcomes = [measure.outcome, *(o for o in SHOWN if o in results.timeseries)]
    outcomes = list(dict.fromkeys(outcomes))
    month = results.months[1] if measure.when == "end" else measure.when
    ts = results.timeseries
    rows = ts[ts["month"] == month][["scenario", "replication", *outcomes]]
    spend = spend_frame(results)
    spend[TOTAL] = spend.drop(columns=["scenario", "replication"]).sum(axis=1)
    return rows.merge(spend[["scenario", "replication", TOTAL]], on=["scenario", "replication"])


@styled
def outcomes_across_runs(results: Results, measure: Measure) -> Figure:
    """Box and strip plots of the key outcomes across runs, scenarios as rows."""
    import seaborn as sns  # imported here: it takes about a second

    table = per_run(results, measure)
    table["scenario"] = table["scenario"].map(results.label)
    columns = [c for c in table.columns if c not in ("scenario", "replication")]
    ncols = 2
    nrows = math.ceil(len(columns) / ncols)
    height = nrows * (0.34 * len(results.scenarios) + 1.1) + 1.6
    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    order = [results.label(s) for s in results.scenarios]
    palette = {results.label(s): c for s, c in scenario_colours(results.scenarios).items()}
    for i, (ax, column) in enumerate(zip(axes, columns, strict=False)):
        common = {"data": table, "x": column, "y": "scenario", "order": order, "ax": ax}
        with warnings.catch_warnings():  # seaborn 0.13 passes matplotlib 3.11 a deprecated flag
            warnings.simplefilter("ignore", MatplotlibDeprecationWarning)
            sns.boxplot(
            **common, hue="scenario", palette=palette, fill=False, width=0.6, showfliers=False,
                legend=False, linewidth=1,
            )  # fmt: skip
        with _same_jitter(i):
            sns.stripplot(
                **common, hue="scenario", palette=palette, size=3, alpha=0.6, jitter=0.2,
                legend=False,
            )  # fmt: skip
        ax.set_ylabel("")
        ax.set_title(_title(column, measure, results), loc="left", fontsize=9)
        ax.set_xlabel(_unit(column), fontsize=8)
        ax.tick_params(labelsize=8)
        if i % ncols:
            ax.tick_params(labelleft=False)
        ax.grid(axis="y", visible=False)
    for ax in axes[len(columns) :]:
        ax.axis("off")
    hint = (
        f"Each dot is one run {measure.when_words(results)} (spending: over the whole run); the "
        "box holds the middle half of the runs and the line in it is the median."
    )
    return finish(fig, "How the outcomes spread across runs", hint, source_note(results))


@contextmanager
def _same_jitter(seed: int) -> Iterator[None]:
    """The same jitter every time the figure is drawn.

    seaborn draws a strip plot's jitter from numpy's global generator; it is seeded
    here for the plot alone, and the generator's state is put back afterwards.
    """
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


def _title(column: str, measure: Measure, results: Results) -> str:
    if column == TOTAL:
        return "Total spending over the run"
    info = OUTCOMES[column]
    label = "\n".join(textwrap.wrap(info.label, 44))
    return f"{label}\n({info.better} is better)" if info.better else label


def _unit(column: str) -> str:
    return "MSEK" if column == TOTAL else OUTCOMES[column].unit
