"""Draw everything a results directory supports: the plots, and a study's report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..experiments import layout
from ..experiments.layout import read_manifest


@dataclass(frozen=True)
class Drawn:
    """What was drawn: the plot files (PNG and SVG) and the report, if any."""

    plots: tuple[Path, ...]
    report: Path | None

    @property
    def figures(self) -> int:
        """Number of figures (each is written as PNG and SVG)."""
        return len({p.stem for p in self.plots})


def draw(folder: Path) -> Drawn:
    """Draw the plots of a study or a sweep (its manifest says which), and a study's report.

    Raises:
        ResultsError: if ``folder`` is not a readable results directory.
    """
    folder = Path(folder)
    if read_manifest(folder).kind == layout.SWEEP:
        from .sweep import draw_sweep

        return Drawn(tuple(draw_sweep(folder)), None)
    from .plots import draw_comparison, draw_run
    from .report import write_report

    paths = [*draw_run(folder), *draw_comparison(folder)]
    return Drawn(tuple(paths), write_report(folder))
