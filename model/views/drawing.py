"""Draw everything a results directory supports: the plots, and a study's report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..experiments import layout
from ..experiments.layout import forget_other_plots, read_manifest

__all__ = ["Drawn", "draw", "forget_other_plots"]


@dataclass(frozen=True)
class Drawn:
    """What was drawn: the plot files (PNG and SVG) and the report, if any."""

    plots: tuple[Path, ...]
    report: Path | None

    @property
    def figures(self) -> int:
        """Number of figures (each is written as PNG and SVG)."""
        return len({p.stem for p in self.plots})


def draw(folder: Path, headline: str | None = None, robustness: Sequence[Path] = ()) -> Drawn:
    """Draw the plots of a study or a sweep (its manifest says which), and its report.

    A study's report is ``report.html`` (and ``report.md``); a sweep with levers gets
    ``discovery.md``, the findings of its scenario discovery in sentences.

    Args:
        folder: a results directory.
        headline: a study's headline measure, ``OUTCOME@YYYY-MM`` or ``OUTCOME@end``.
        robustness: sweep or discovery results directories for the report's robustness
            sentence (see :mod:`digistrat.views.robustness`).

    Raises:
        ResultsError: if ``folder`` (or a robustness directory) is not a readable results
            directory.
        MeasureError: if the headline names an unknown outcome or a month outside the run.
    """
    folder = Path(folder)
    if read_manifest(folder).kind == layout.SWEEP:
        from .discovery_text import write_discovery
        from .sweep import draw_sweep

        paths = draw_sweep(folder)
        forget_other_plots(folder / layout.PLOTS, paths)
        return Drawn(tuple(paths), write_discovery(folder))
    from .data import load
    from .plots import draw_comparison, draw_run
    from .report import write_report
    from .runs import Measure

    measure = Measure.for_results(headline, load(folder))
    paths = [*draw_run(folder, measure), *draw_comparison(folder, measure)]
    forget_other_plots(folder / layout.PLOTS, paths)
    return Drawn(tuple(paths), write_report(folder, headline, tuple(robustness)))
