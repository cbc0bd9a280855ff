"""Plots of a sweep's results directory (``digistrat sweep``), one figure per outcome.

- Sobol' designs: S1 and ST per parameter with their 95% intervals.
- Morris designs: mu* against sigma.
- Grid and Latin-hypercube designs: PRCC per parameter, significant ones marked; for
  a grid of two parameters also a heat map of the outcome's mean over seeds.

Everything is read from the directory (``manifest.json``, ``design.csv``,
``summary.csv``, ``sensitivity.csv``), so the plots can be redrawn without running
the model again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from ..experiments import layout
from ..experiments.layout import ResultsError, read_manifest
from .labels import axis_label, words
from .style import UNCLEAR, declutter, finish, new_figure, save, styled
from .sweep_words import measure_words, slug, sweep_note

ALPHA = 0.05  # PRCC p-value below which a bar is marked significant
UP, DOWN = "#0072B2", "#D55E00"  # Okabe & Ito blue and vermillion
S1_COLOUR, ST_COLOUR = "#56B4E9", "#0072B2"


def draw_sweep(folder: Path) -> list[Path]:
    """Draw the plots of a sweep's results directory into ``folder/plots``.

    Returns:
        The PNG and SVG files written (none when there is nothing to draw).
    """
    folder = Path(folder)
    written: list[Path] = []
    for stem, build in sweep_figures(folder).items():
        written += save(build(), folder / layout.PLOTS, stem)
    return written


def sweep_figures(folder: Path) -> dict[str, Callable[[], Figure]]:
    """The figures a sweep's results directory supports, by file stem, not yet drawn."""
    manifest = read_manifest(folder)
    if manifest.kind != layout.SWEEP:
        raise ResultsError(f"{folder} is not a sweep's results directory")
    experiment = manifest.experiment
    kind = experiment["design"]["kind"]
    note = sweep_note(manifest)
    indices_path = folder / layout.INDICES
    indices = pd.read_csv(indices_path) if indices_path.exists() else pd.DataFrame()
    chart = {"sobol": sobol_bars, "morris": morris_scatter, "grid": prcc_bars, "lhs": prcc_bars}
    figures: dict[str, Callable[[], Figure]] = {}
    policies = indices["policy"].unique() if "policy" in indices.columns else [None]
    for outcome in experiment["measures"]:
        for policy in policies:
            rows = indices[indices["outcome"] == outcome] if len(indices) else indices
            rows = rows[rows["policy"] == policy] if policy is not None else rows
            stem = f"sensitivity_{slug(outcome)}" + (f"_{slug(policy)}" if policy else "")
            if len(rows):
                figures[stem] = lambda rows=rows, outcome=outcome, policy=policy: chart[kind](
                    rows, outcome, note, policy
                )
    factors = [f["path"] for f in experiment["factors"]]
    levered = bool(experiment.get("levers"))
    if (folder / layout.SUMMARY).is_file() and not levered:
        summary = pd.read_csv(folder / layout.SUMMARY)
        shown = [  # a categorical factor (a strategy, a month) has no axis of numbers
            f
            for f in factors
            if f in summary.columns
            and is_numeric_dtype(summary[f])
            and not is_bool_dtype(summary[f])
        ]
        for outcome in experiment["measures"]:
            if shown and f"{outcome}:mean" in summary.columns:
                figures[f"by_parameter_{slug(outcome)}"] = lambda outcome=outcome: (
                    outcome_by_parameter(summary, shown, outcome, note)
                )
    if kind == "grid" and len(factors) == 2 and not levered:
        summary = pd.read_csv(layout.require(folder, layout.SUMMARY))
        for outcome in experiment["measures"]:
            figures[f"mean_{slug(outcome)}"] = lambda outcome=outcome: grid_heatmap(
                summary, factors, outcome, note
            )
    from .discovery import discovery_figures
    from .luck import luck_figures

    return figures | luck_figures(folder, note) | discovery_figures(folder, note)


@styled
def sobol_bars(rows: pd.DataFrame, outcome: str, note: str, policy: str | None = None) -> Figure:
    """S1 and ST per parameter (largest ST on top) with 95% interval whiskers."""
    rows = rows.sort_values("ST", ascending=True)
    y = np.arange(len(rows))
    fig, ax = new_figure(8, _height(len(rows)))
    h = 0.38
    ax.barh(y - h / 2, rows["S1"], h, xerr=rows["S1_conf"], color=S1_COLOUR, label="S1 (alone)")
    ax.barh(y + h / 2, rows["ST"], h, xerr=rows["ST_conf"], color=ST_COLOUR, label="ST (total)")
    _parameter_axis(ax, rows["parameter"])
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlabel("Share of the outcome's variance over the design")
    ax.legend(loc="lower right")
    return finish(
        fig,
        f"Which parameters drive {measure_words(outcome)}{_under(policy)}? Sobol' indices",
        "S1: the share of variance a parameter explains alone; ST: alone and in interactions. "
        "Whiskers: 95% intervals. ST near 0: the parameter can be fixed anywhere in its range; "
        "ST well above S1: interactions.",
        note,
    )


@styled
def morris_scatter(
    rows: pd.DataFrame, outcome: str, note: str, policy: str | None = None
) -> Figure:
    """mu* (horizontal, with its 95% interval) against sigma (vertical), one point each."""
    fig, ax = new_figure(8, 5.5)
    ax.errorbar(
        rows["mu_star"],
        rows["sigma"],
        xerr=rows["mu_star_conf"],
        fmt="o",
        color=ST_COLOUR,
        ecolor="0.6",
        capsize=2,
    )
    texts = [
        ax.annotate(
            words(r.parameter).name, (r.mu_star, r.sigma), xytext=(4, 4),
            textcoords="offset points", fontsize=8,
        )
        for r in rows.sort_values("mu_star", ascending=False).itertuples()
    ]  # fmt: skip
    top = float(max(rows["mu_star"].max(), rows["sigma"].max(), 1e-12)) * 1.1
    ax.plot([0, top], [0, top], linestyle="--", color=UNCLEAR, linewidth=1, label="sigma = mu*")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("mu*: mean absolute effect of moving the parameter over its range")
    ax.set_ylabel("sigma: spread of the effects")
    ax.legend(loc="upper left")
    fig = finish(
        fig,
        f"Which parameters drive {measure_words(outcome)}{_under(policy)}? Morris screening",
        "Right: a strong effect; up: an effect that depends on where the other parameters "
        "stand (non-linear or interacting). Near the origin: the parameter hardly matters. "
        "Both in the outcome's unit per full range of the parameter.",
        note,
    )
    declutter(fig, texts)  # the strongest parameters keep their names
    return fig


@styled
def prcc_bars(rows: pd.DataFrame, outcome: str, note: str, policy: str | None = None) -> Figure:
    """PRCC per parameter (largest magnitude on top); grey bars are not significant."""
    rows = rows.assign(size=rows["PRCC"].abs().fillna(0)).sort_values("size")
    y = np.arange(len(rows))
    significant = (rows["PRCC_p"] < ALPHA).to_numpy()
    colours = [
        (UP if v > 0 else DOWN) if s else UNCLEAR
        for v, s in zip(rows["PRCC"], significant, strict=True)
    ]
    fig, ax = new_figure(8, _height(len(rows)))
    values = rows["PRCC"].fillna(0).to_numpy()
    ax.barh(y, values, 0.6, color=colours)
    for yi, v, p, s in zip(y, values, rows["PRCC_p"], significant, strict=True):
        text = f"{v:+.2f}" + (" *" if s else f" (p = {p:.2f})" if p == p else "")
        ax.annotate(
            text,
            (v, yi),
            xytext=(4 if v >= 0 else -4, 0),
            textcoords="offset points",
            ha="left" if v >= 0 else "right",
            va="center",
            fontsize=8,
        )
    _parameter_axis(ax, rows["parameter"])
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlim(-1.15, 1.15)
    ax.set_xlabel("Partial rank correlation with the outcome (PRCC)")
    r2 = float(rows["R2"].iloc[0])
    return finish(
        fig,
        f"Which parameters drive {measure_words(outcome)}{_under(policy)}? "
        "Partial rank correlations",
        "A bar's length: how consistently the outcome rises (blue, right) or falls (orange, "
        f"left) as the parameter grows, the others held fixed. * and colour: p < {ALPHA}; "
        f"grey: no clear effect. A linear fit explains R2 = {r2:.2f} of the variance.",
        note,
    )


@styled
def grid_heatmap(summary: pd.DataFrame, factors: list[str], outcome: str, note: str) -> Figure:
    """The outcome's mean over seeds at every point of a two-parameter grid."""
    rows_p, cols_p = factors
    table = summary.pivot_table(index=rows_p, columns=cols_p, values=f"{outcome}:mean")
    table = table.sort_index(ascending=False)
    fig, ax = new_figure(8, 5.5)
    image = ax.imshow(table.to_numpy(), cmap="viridis", aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(table.shape[1]), [tick_label(v) for v in table.columns])
    ax.set_yticks(range(table.shape[0]), [tick_label(v) for v in table.index])
    ax.set_xlabel(axis_label(cols_p))
    ax.set_ylabel(axis_label(rows_p))
    values = table.to_numpy()
    middle = np.nanmean(values)
    for (i, j), v in np.ndenumerate(values):
        ax.text(j, i, f"{v:.3g}", ha="center", va="center", color="white" if v < middle else "k")
    fig.colorbar(image, ax=ax, label="Mean over seeds")
    return finish(
        fig,
        f"{measure_words(outcome)} across the grid",
        "Each cell is one design point: the mean over its seeds. Read along a row or a "
        "column to see how the outcome moves with one parameter, the other fixed.",
        note,
    )


def tick_label(value: object) -> str:
    """A grid value as a tick label: a number as ``0.15``, a switch as ``true``, else text."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value)).lower()
    if isinstance(value, int | float | np.number):
        return f"{value:g}"
    return str(value)


def _under(policy: str | None) -> str:
    """' under big bang, investment funding off' for a policy of a lever sweep, else ''."""
    if not policy:
        return ""
    from .policies import policy_words

    return f" under {policy_words(policy)}"


def _parameter_axis(ax, parameters: pd.Series) -> None:
    ax.set_yticks(range(len(parameters)), [axis_label(p) for p in parameters])
    ax.grid(axis="y", visible=False)


@styled
def outcome_by_parameter(
    summary: pd.DataFrame, factors: list[str], outcome: str, note: str
) -> Figure:
    """The outcome (mean over seeds) against each parameter: points and binned means."""
    import seaborn as sns  # imported here: it takes about a second

    ncols = min(len(factors), 3)
    nrows = -(-len(factors) // ncols)
    fig, axes = new_figure(
        8, 2.5 * nrows + 1.8, nrows=nrows, ncols=ncols, sharey=True, squeeze=False
    )
    axes = axes.ravel()
    y = f"{outcome}:mean"
    for ax, factor in zip(axes, factors, strict=False):
        bins = min(8, summary[factor].nunique())
        sns.regplot(
            data=summary, x=factor, y=y, ax=ax, x_bins=bins, fit_reg=False, ci=95, n_boot=200,
            seed=1, color=ST_COLOUR, scatter_kws={"s": 14},
        )  # fmt: skip
        sns.scatterplot(data=summary, x=factor, y=y, ax=ax, s=5, alpha=0.25, color="0.4", lw=0)
        ax.set_xlabel(axis_label(factor), fontsize=8)
        ax.set_ylabel("Mean over seeds" if ax in axes[::ncols] else "", fontsize=8)
        ax.tick_params(labelsize=8)
    for ax in axes[len(factors) :]:
        ax.axis("off")
    return finish(
        fig,
        f"{measure_words(outcome)} against each parameter",
        "Grey dots: the design points (mean over seeds); blue: the mean of the points in "
        "each of up to eight bins of the parameter, with a 95% bootstrap interval. A flat "
        "row of blue dots: the outcome does not depend on that parameter.",
        note,
    )


def _height(bars: int) -> float:
    return 2.6 + 0.45 * bars
