"""Dot-and-whisker chart: each scenario against the best, run for run."""

from __future__ import annotations

import math
import textwrap

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..core.columns import OUTCOMES
from .data import Results
from .pairs import Pair, against
from .runs import KEY_OUTCOMES, Measure
from .style import BETTER, UNCLEAR, WORSE, finish, legend_in, new_panels, source_note, styled
from .verdict import rank

WIDTH = 8.0  # inches: 1,200 px at 150 dpi


def colour(pair: Pair) -> str:
    """Blue: clearly better than the best; orange: clearly worse; grey: no clear difference."""
    better = pair.measure.better
    if not better or pair.n == 0 or pair.low <= 0 <= pair.high:
        return UNCLEAR
    higher = pair.low > 0
    return BETTER if higher == (better == "higher") else WORSE


@styled
def difference_chart(results: Results, measure: Measure) -> Figure:
    """Mean paired difference (scenario minus best) with 95% intervals, a panel per outcome."""
    ranking = rank(results, measure)
    best, others = ranking[0].scenario, [r.scenario for r in ranking[1:]]
    outcomes = [measure.outcome, *(o for o in KEY_OUTCOMES if o in results.timeseries)]
    outcomes = list(dict.fromkeys(outcomes))
    ncols = 2 if len(outcomes) > 1 else 1
    nrows = math.ceil(len(outcomes) / ncols)
    panel = 0.36 * len(others) + 1.1
    fig, axes, strip = new_panels(WIDTH, nrows * panel + 2.6, nrows, ncols, legend_lines=2)
    axes = axes.ravel()
    for ax, outcome in zip(axes, outcomes, strict=False):
        pairs = [against(results, s, best, Measure(outcome, measure.when)) for s in others]
        _panel(ax, pairs, results, outcome, show_names=list(axes).index(ax) % ncols == 0)
    for ax in axes[len(outcomes) :]:
        ax.axis("off")
    legend_in(strip, _legend(), ncols=3)
    hint = (
        f"Every scenario against the best on {measure.name()}, {results.label(best)}, "
        f"{measure.when_words(results)}: the dot is the average difference over runs with the "
        "same seeds (scenario minus best), the whisker its 95% interval; the text says in how "
        "many paired runs the scenario did better than the best."
    )
    return finish(fig, "Each scenario against the best, run for run", hint, source_note(results))


def _panel(ax: Axes, pairs: list[Pair], results: Results, outcome: str, show_names: bool) -> None:
    info = OUTCOMES[outcome]
    for y, pair in enumerate(pairs):
        if pair.n == 0:
            continue
        c = colour(pair)
        err = [[pair.mean_diff - pair.low], [pair.high - pair.mean_diff]]
        ax.errorbar(pair.mean_diff, y, xerr=err, fmt="o", color=c, capsize=3, ms=5)
        if info.better:
            ax.annotate(
                f"better in {pair.wins} of {pair.n}",
                (pair.mean_diff, y),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=7,
                color=c,
            )
    ax.axvline(0, color="0.2", lw=1)
    labels = [results.label(p.first) for p in pairs] if show_names else [""] * len(pairs)
    ax.set_yticks(range(len(pairs)), labels, fontsize=8)
    ax.set_ylim(len(pairs) - 0.5, -0.8)
    ax.grid(axis="y", visible=False)
    span = max([abs(v) for p in pairs for v in (p.low, p.high) if p.n and v == v] or [0.0])
    span = span or 1e-9  # every difference zero (one strategy, or identical runs)
    ax.set_xlim(-1.15 * span, 1.15 * span)
    direction = f"\n({info.better} is better)" if info.better else ""
    label = "\n".join(textwrap.wrap(info.label, 44))
    ax.set_title(f"{label}{direction}", loc="left", fontsize=9)
    ax.set_xlabel(f"Difference from the best ({info.unit})", fontsize=8)
    ax.tick_params(axis="x", labelsize=8)


def _legend() -> list[Line2D]:
    def dot(c: str, text: str) -> Line2D:
        return Line2D([], [], marker="o", color=c, ls="-", label=text)

    return [
        dot(BETTER, "better than the best (interval clear of zero)"),
        dot(WORSE, "worse than the best (interval clear of zero)"),
        dot(UNCLEAR, "no clear difference"),
    ]
