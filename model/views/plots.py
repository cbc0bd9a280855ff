"""Entry points that draw every plot of a results directory into ``plots/``.

Each figure is built by a function that returns a :class:`~matplotlib.figure.Figure`
(see :mod:`.timeseries`, :mod:`.plane`, :mod:`.initiatives`, :mod:`.comparison`);
the functions here only decide which figures a results directory supports and
save them as PNG and SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

from ..experiments import layout
from .comparison import difference_chart
from .data import Results, load
from .initiatives import cost_overruns, initiative_outcomes
from .plane import maturity_plane
from .style import save
from .timeseries import fan_chart, spending, staff_and_strain

PLOTS_DIR = layout.PLOTS

CAPABILITY_TITLE = "Change capability over time: the ability to keep changing how services work"
LEAD_TIME_TITLE = "How long a standard change set would take to deliver, month by month"


def run_figures(results: Results) -> dict[str, Callable[[], Figure]]:
    """The figures a results directory supports, by file stem, not yet drawn."""
    figures: dict[str, Callable[[], Figure]] = {
        "change_capability": lambda: fan_chart(results, "change_capability", CAPABILITY_TITLE),
        "maturity_plane": lambda: maturity_plane(results),
        "spending": lambda: spending(results),
        "staff_and_strain": lambda: staff_and_strain(results),
        "change_lead_time": lambda: fan_chart(
            results,
            "change_lead_time_months",
            LEAD_TIME_TITLE,
            "The time a typical request from a department would take from idea to use.",
        ),
    }
    if results.initiatives is not None and len(results.initiatives):
        figures["initiative_outcomes"] = lambda: initiative_outcomes(results)
        figures["cost_overruns"] = lambda: cost_overruns(results)
    return figures


def draw_run(results_dir: Path) -> list[Path]:
    """Draw the plots of one run of scenarios into ``results_dir/plots``.

    Args:
        results_dir: a directory with at least ``timeseries.parquet``.

    Returns:
        The PNG and SVG files written.
    """
    results = load(results_dir)
    return _save_all(run_figures(results), Path(results_dir) / PLOTS_DIR)


def draw_comparison(results_dir: Path) -> list[Path]:
    """Draw the paired differences of ``comparison.csv`` into ``results_dir/plots``.

    Returns:
        The PNG and SVG files written; none when there is no comparison.
    """
    results = load(results_dir)
    if results.comparison is None or results.comparison.empty:
        return []
    figures = {"comparison": lambda: difference_chart(results)}
    return _save_all(figures, Path(results_dir) / PLOTS_DIR)


def _save_all(figures: dict[str, Callable[[], Figure]], directory: Path) -> list[Path]:
    written: list[Path] = []
    for stem, build in figures.items():
        written += save(build(), directory, stem)
    return written
