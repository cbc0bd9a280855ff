"""The maturity plane: digital legacy fitness against digital capability over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .data import Results, medians, month_words
from .style import axis_label, finish, new_figure, scenario_colours, source_note, styled

X, Y = "maturity_legacy", "maturity_capability"
SHAPES = (
    "How to read the path: a move to the right is work on the digital legacy, a move up "
    "is new digital capability in the departments. Small steps trace a staircase "
    "(capability and legacy take turns); big bang traces an L (legacy first, then "
    "capability)."
)


@styled
def maturity_plane(results: Results, years_labelled: int = 4) -> Figure:
    """Each scenario's median path through the maturity plane.

    Args:
        results: the results to draw.
        years_labelled: about how many years to write next to the path.
    """
    table = medians(results.timeseries, [X, Y])
    fig, ax = new_figure(8, 7.5)
    colours = scenario_colours(results.scenarios)
    for rank, (scenario, colour) in enumerate(colours.items()):
        path = table[table["scenario"] == scenario].reset_index(drop=True)
        width = max(3.5 - 0.6 * rank, 1.2)  # later paths thinner: identical ones stay visible
        _draw_path(ax, path, colour, results.label(scenario), years_labelled, width)
    ax.set_xlabel(axis_label(X) + "  \u2192 more modern legacy")
    ax.set_ylabel(axis_label(Y) + "  \u2192 more capable")
    ax.legend(title="Scenario (dot = 1 January each year)", loc="upper left")
    ax.margins(0.08)
    hint = f"Median path of all runs per scenario. {SHAPES}"
    title = "Maturity plane: how each strategy moves the organisation over time"
    return finish(fig, title, hint, source_note(results))


def _draw_path(
    ax: Axes, path: pd.DataFrame, colour, label: str, labelled: int, width: float
) -> None:
    ax.plot(path[X], path[Y], color=colour, lw=width, label=label)
    yearly = path.index[path["month"].str.endswith("-01")].tolist()
    ax.plot(path.loc[yearly, X], path.loc[yearly, Y], "o", color=colour, ms=5)
    for i in yearly[1:]:
        _arrow(ax, path, i, colour)
    for i in _labelled(yearly, len(path) - 1, labelled):
        month = path.at[i, "month"]
        year = month[:4] if i in yearly else month_words(month)
        ax.annotate(
            year,
            (path.at[i, X], path.at[i, Y]),
            xytext=(6, -10),
            textcoords="offset points",
            fontsize=8,
            color=colour,
            weight="bold",
        )


def _arrow(ax: Axes, path: pd.DataFrame, i: int, colour) -> None:
    """An arrow head on the path, pointing from the month before to month ``i``."""
    tail, head = path.loc[i - 1, [X, Y]], path.loc[i, [X, Y]]
    if (tail == head).all():
        return
    ax.annotate(
        "",
        xy=(head[X], head[Y]),
        xytext=(tail[X], tail[Y]),
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "mutation_scale": 14},
    )


def _labelled(yearly: list[int], last: int, count: int) -> list[int]:
    """The first point, every k-th year and the last point."""
    if not yearly:
        return [0, last] if last else [0]
    step = max(1, round(len(yearly) / max(count - 1, 1)))
    chosen = yearly[::step]
    return [*chosen, last] if last - chosen[-1] > 6 else chosen
