"""The maturity plane: digital legacy fitness against digital capability over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .data import Results, medians, month_words, rows_by
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
    paths = rows_by(medians(results.timeseries, [X, Y]))
    fig, ax = new_figure(8, 7.5)
    colours = scenario_colours(results.scenarios)
    for rank, (scenario, colour) in enumerate(colours.items()):
        path = paths.get(scenario)
        if path is None:
            continue
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
    x, y = path[X].to_numpy(), path[Y].to_numpy()
    months = path["month"].astype(str).tolist()
    ax.plot(x, y, color=colour, lw=width, label=label)
    yearly = [i for i, month in enumerate(months) if month.endswith("-01")]
    ax.plot(x[yearly], y[yearly], "o", color=colour, ms=5)
    for i in yearly[1:]:
        _arrow(ax, (x[i - 1], y[i - 1]), (x[i], y[i]), colour)
    for i in _labelled(yearly, len(months) - 1, labelled):
        year = months[i][:4] if i in yearly else month_words(months[i])
        ax.annotate(
            year,
            (x[i], y[i]),
            xytext=(6, -10),
            textcoords="offset points",
            fontsize=8,
            color=colour,
            weight="bold",
        )


def _arrow(ax: Axes, tail: tuple[float, float], head: tuple[float, float], colour) -> None:
    """An arrow head on the path, pointing from ``tail`` (the month before) to ``head``."""
    if tail == head:
        return
    ax.annotate(
        "",
        xy=head,
        xytext=tail,
        arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 0, "mutation_scale": 14},
    )


def _labelled(yearly: list[int], last: int, count: int) -> list[int]:
    """The first point, every k-th year and the last point."""
    if not yearly:
        return [0, last] if last else [0]
    step = max(1, round(len(yearly) / max(count - 1, 1)))
    chosen = yearly[::step]
    return [*chosen, last] if last - chosen[-1] > 6 else chosen
