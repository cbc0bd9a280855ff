"""Entry points that draw every plot of a results directory into ``plots/``.

Each figure is built by a function that returns a :class:`~matplotlib.figure.Figure`
(see :mod:`.timeseries`, :mod:`.plane`, :mod:`.initiatives`, :mod:`.comparison`,
:mod:`.distributions`); the functions here only decide which figures a results
directory supports and save them as PNG and SVG.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from matplotlib.figure import Figure

from ..core.columns import OUTCOMES
from ..experiments import layout
from .comparison import difference_chart
from .data import Results, load
from .distributions import outcomes_across_runs
from .initiatives import cost_overruns, initiative_outcomes
from .plane import maturity_plane
from .runs import Measure
from .style import save
from .timeseries import fan_chart, spending, staff_and_strain

PLOTS_DIR = layout.PLOTS

CAPABILITY_TITLE = "Change capability over time: the ability to keep changing how services work"
LEAD_TIME_TITLE = "How long a standard change set would take to deliver, month by month"
#: File stems of outcomes whose fan chart has a name of its own.
STEMS = {"change_lead_time_months": "change_lead_time"}
TITLES = {"change_capability": CAPABILITY_TITLE, "change_lead_time_months": LEAD_TIME_TITLE}


def key_stem(outcome: str) -> str:
    """The file stem of the fan chart of ``outcome``: the report's key figure."""
    return STEMS.get(outcome, outcome)


def run_figures(
    results: Results, measure: Measure | None = None
) -> dict[str, Callable[[], Figure]]:
    """The figures a results directory supports, by file stem, not yet drawn."""
    measure = measure or Measure.for_results(None, results)

    def fan(outcome: str, question: str = "") -> Callable[[], Figure]:
        title = TITLES.get(outcome, f"{OUTCOMES[outcome].label} over time")
        return lambda: fan_chart(results, outcome, title, question, mark=measure.when)

    figures: dict[str, Callable[[], Figure]] = {
        key_stem(measure.outcome): fan(measure.outcome),
        "outcomes_across_runs": lambda: outcomes_across_runs(results, measure),
        "maturity_plane": lambda: maturity_plane(results),
        "spending": lambda: spending(results),
        "staff_and_strain": lambda: staff_and_strain(results),
    }
    if "change_capability" != measure.outcome:
        figures["change_capability"] = fan("change_capability")
    if "change_lead_time_months" != measure.outcome:
        figures["change_lead_time"] = fan(
            "change_lead_time_months",
            "The months the standard change would take from idea to use, from that month's state.",
        )
    if results.initiatives is not None and len(results.initiatives):
        figures["initiative_outcomes"] = lambda: initiative_outcomes(results)
        figures["cost_overruns"] = lambda: cost_overruns(results)
    return figures


def draw_run(results_dir: Path, measure: Measure | None = None) -> list[Path]:
    """Draw the plots of one run of scenarios into ``results_dir/plots``.

    Args:
        results_dir: a directory with at least ``timeseries.parquet``.
        measure: the headline measure (default: the headline, fitted to the run).

    Returns:
        The PNG and SVG files written.
    """
    results = load(results_dir)
    return _save_all(run_figures(results, measure), Path(results_dir) / PLOTS_DIR)


def draw_comparison(results_dir: Path, measure: Measure | None = None) -> list[Path]:
    """Draw each scenario against the best into ``results_dir/plots``.

    Returns:
        The PNG and SVG files written; none for a single scenario.
    """
    results = load(results_dir)
    if len(results.scenarios) < 2:
        return []
    measure = measure or Measure.for_results(None, results)
    figures = {"comparison": lambda: difference_chart(results, measure)}
    return _save_all(figures, Path(results_dir) / PLOTS_DIR)


def _save_all(figures: dict[str, Callable[[], Figure]], directory: Path) -> list[Path]:
    written: list[Path] = []
    for stem, build in figures.items():
        written += save(build(), directory, stem)
    return written
