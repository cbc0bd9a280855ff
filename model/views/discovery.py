"""Plots of a scenario discovery: PRIM's trade-off with the feature scores, and robustness.

- ``discovery_<measure>_<challenger>_vs_<leader>``: left, PRIM's peeling trajectory
  (each point a box: coverage across, density up, colour the number of limited
  parameters), the reported box ringed; right, the feature scores of the lead.
- ``robustness_<measure>``: per context, in what share of the futures each choice is
  best, and its regret (mean, 90th percentile and worst).
- ``satisficing``: per threshold, the share of futures each choice meets it in.

Everything is read from the discovery tables, so ``digistrat sweep --replot`` and
``digistrat discover`` redraw them without running the model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..experiments import layout
from .labels import axis_label
from .policies import choice_words, context_words, matching
from .style import SCENARIO_PALETTE, finish, new_figure, save, styled
from .sweep_words import measure_words, stem_part, sweep_note

TOP_SCORES = 10
LIMITS_CMAP = "viridis"


def draw_discovery(folder: Path) -> tuple[list[Path], Path | None]:
    """Draw only the discovery figures of a lever sweep and write ``discovery.md``.

    Returns:
        The PNG and SVG files written, and the path of ``discovery.md`` (None without
        a discovery).
    """
    from ..experiments.layout import read_manifest
    from .discovery_text import write_discovery

    folder = Path(folder)
    note = sweep_note(read_manifest(folder))
    written: list[Path] = []
    for stem, build in discovery_figures(folder, note).items():
        written += save(build(), folder / layout.PLOTS, stem)
    layout.forget_other_plots(folder / layout.PLOTS, written, among=FINDINGS.match)
    return written, write_discovery(folder)


#: The names of the plots a discovery draws (see :func:`discovery_figures`).
FINDINGS = re.compile(r"^(?:discovery_.+|robustness_.+|satisficing)\.(?:png|svg)$")


def discovery_figures(folder: Path, note: str) -> dict[str, Callable[[], Figure]]:
    """The discovery and robustness figures of ``folder``, by file stem, not yet drawn."""
    from ..experiments.discovery import read_discovery

    tables = read_discovery(Path(folder))
    if layout.DISCOVERY not in tables:
        return {}
    figures: dict[str, Callable[[], Figure]] = {}
    peeling = tables.get(layout.DISCOVERY_PEELING, pd.DataFrame())
    scores = tables.get(layout.FEATURE_SCORES, pd.DataFrame())
    for row in tables[layout.DISCOVERY].to_dict("records"):
        if row["challenger_runs"] == 0 or peeling.empty:
            continue
        key = {k: row[k] for k in ("measure", "context", "leader", "challenger")}
        pair = f"{_choice(row['challenger'])}_vs_{_choice(row['leader'])}"
        context = f"_{stem_part(row['context'])}" if row["context"] else ""
        stem = f"discovery_{stem_part(row['measure'])}_{pair}{context}"
        figures[stem] = lambda key=key: tradeoff(
            matching(peeling, key, key), matching(scores, key, key), key, note
        )
    regret = tables.get(layout.REGRET, pd.DataFrame())
    for measure, rows in regret.groupby("measure", sort=False) if len(regret) else ():
        figures[f"robustness_{stem_part(measure)}"] = lambda rows=rows: robustness(rows, note)
    satisficing = tables.get(layout.SATISFICING, pd.DataFrame())
    if len(satisficing):
        figures["satisficing"] = lambda: satisficing_bars(satisficing, note)
    return figures


@styled
def tradeoff(peeling: pd.DataFrame, scores: pd.DataFrame, key: dict, note: str) -> Figure:
    """PRIM's peeling trajectory (coverage against density) and the feature scores."""
    fig, (left, right) = new_figure(11, 5.2, ncols=2, width_ratios=[1.15, 1])
    dims = peeling["res_dim"].astype(int)
    top_dim = max(int(dims.max()), 1)
    cmap = matplotlib.colormaps[LIMITS_CMAP].resampled(top_dim + 1)
    points = left.scatter(
        peeling["coverage"], peeling["density"], c=dims, cmap=cmap, s=22, zorder=3,
        vmin=-0.5, vmax=top_dim + 0.5,
    )  # fmt: skip
    chosen = peeling[peeling["chosen"].astype(str).str.lower() == "true"]
    for r in chosen.to_dict("records"):
        left.scatter(
            r["coverage"], r["density"], s=160, facecolors="none", edgecolors="k", zorder=4
        )
        above = r["density"] < 0.85  # the trajectory runs down and right of the box
        right_side = r["coverage"] < 0.6
        left.annotate(
            f"reported box: coverage {r['coverage']:.0%},\ndensity {r['density']:.0%}, "
            f"{int(r['res_dim'])} parameter(s) limited",
            (r["coverage"], r["density"]),
            xytext=(12 if right_side else -12, 22 if above else -34),
            textcoords="offset points",
            ha="left" if right_side else "right",
            fontsize=8,
            arrowprops={"arrowstyle": "-", "color": "0.4", "linewidth": 0.8},
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1},
        )
    left.set_xlim(-0.02, 1.05)
    left.set_ylim(0, 1.05)
    left.set_xlabel("Coverage: share of the challenger's leads\nthat lie inside the box")
    left.set_ylabel("Density: share of the runs in the box\nwhere the challenger leads")
    bar = fig.colorbar(points, ax=left, label="Parameters limited")
    bar.set_ticks(range(top_dim + 1))
    top = scores.sort_values("lead", ascending=False).head(TOP_SCORES).iloc[::-1]
    y = np.arange(len(top))
    right.barh(y, top["lead"].fillna(0), color=SCENARIO_PALETTE[0])
    right.set_yticks(y, [axis_label(p) for p in top["parameter"]], fontsize=8)
    right.set_xlabel("Feature score of who leads\n(extra trees; the scores add up to 1)")
    right.grid(axis="y", visible=False)
    challenger, leader = (
        choice_words(_choice(key["challenger"])),
        choice_words(_choice(key["leader"])),
    )
    where = measure_words(key["measure"])
    if key["context"]:
        where += f", {context_words(key['context'])}"
    return finish(
        fig,
        f"Where does {challenger} lead {leader}? {where}",
        "Left: each point is a box PRIM peeled towards the runs where the challenger leads; "
        "further right it holds more of them, higher it holds fewer of the others. Right: "
        "which parameters tell apart the runs where it leads.",
        note,
    )


@styled
def robustness(rows: pd.DataFrame, note: str) -> Figure:
    """Per context: the share of futures each choice is best in, and its regret."""
    contexts = list(dict.fromkeys(rows["context"]))
    fig, axes = new_figure(
        max(4.2 * len(contexts) + 1.5, 8), 6.6, nrows=2, ncols=len(contexts), squeeze=False
    )
    for j, context in enumerate(contexts):
        mine = rows[rows["context"] == context]
        names = [choice_words(_choice(p)) for p in mine["policy"]]
        colours = [SCENARIO_PALETTE[i % len(SCENARIO_PALETTE)] for i in range(len(mine))]
        y = np.arange(len(mine))[::-1]
        best, low = axes[0, j], axes[1, j]
        best.barh(y, mine["best_share"], color=colours)
        for yi, v in zip(y, mine["best_share"], strict=True):
            best.annotate(f"{v:.0%}", (v, yi), xytext=(3, 0), textcoords="offset points",
                          va="center", fontsize=8)  # fmt: skip
        best.set_xlim(0, 1.1)
        best.set_yticks(y, names)
        best.set_title(context_words(context) or "all futures", fontsize=10)
        best.set_xlabel("Share of futures where it is best")
        low.hlines(y, 0, mine["max_regret"], color="0.7", linewidth=1)
        low.scatter(mine["p90_regret"], y, marker="|", s=160, color="0.3", label="90% of futures")
        low.scatter(mine["mean_regret"], y, color=colours, s=40, zorder=3, label="mean")
        low.scatter(mine["max_regret"], y, marker="x", color="0.3", label="worst")
        low.set_yticks(y, names)
        low.set_xlim(left=0)
        low.set_xlabel("Regret: gap to the best choice in that future")
        if j == 0:
            low.legend(loc="upper left", bbox_to_anchor=(0, -0.32), ncols=3, fontsize=8)
    measure = rows["measure"].iloc[0]
    return finish(
        fig,
        f"How robust is each choice? {measure_words(measure)}",
        "Top: in what share of the sampled futures (design points, mean over paired seeds) "
        "each choice does best. Bottom: how much worse than the best it does in a future "
        "(0 where it is best): its mean, 90th percentile and worst over the futures.",
        note,
    )


@styled
def satisficing_bars(table: pd.DataFrame, note: str) -> Figure:
    """Per threshold, the share of futures in which each choice meets it."""
    thresholds = list(dict.fromkeys(table["threshold"]))
    fig, axes = new_figure(
        4.0 * len(thresholds) + 1.5, 3.2 + 0.3 * table["choice"].nunique(),
        ncols=len(thresholds), squeeze=False,
    )  # fmt: skip
    for ax, threshold in zip(axes[0], thresholds, strict=True):
        mine = table[table["threshold"] == threshold]
        contexts = list(dict.fromkeys(mine["context"]))
        choices = list(dict.fromkeys(mine["choice"]))
        height = 0.8 / len(contexts)
        for k, context in enumerate(contexts):
            rows = mine[mine["context"] == context].set_index("choice").reindex(choices)
            y = np.arange(len(choices))[::-1] + (k - (len(contexts) - 1) / 2) * height
            ax.barh(y, rows["share"], height, color=SCENARIO_PALETTE[k % 10],
                    label=context_words(context) or "all futures")  # fmt: skip
        ax.set_yticks(np.arange(len(choices))[::-1], [choice_words(c) for c in choices])
        ax.set_xlim(0, 1)
        ax.set_title(threshold, fontsize=9)
        ax.set_xlabel("Share of futures meeting it")
        if len(contexts) > 1:
            ax.legend(fontsize=8, loc="lower right")
    return finish(
        fig,
        "How often does each choice meet the thresholds?",
        "The share of the sampled futures in which the mean over the paired seeds meets the "
        "threshold named in the experiment file (satisficing).",
        note,
    )


def _choice(policy: str) -> str:
    return str(policy).split("__", 1)[0]
