"""The shared look of every plot: colours, labels, titles, notes and saving.

Figures are built as :class:`matplotlib.figure.Figure` objects, never through
``pyplot``, so drawing needs no interactive backend, leaves no global figure
state behind and works the same in a script, a test or a notebook. PNG files
are rendered with Agg.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FormatStrFormatter, MultipleLocator
from PIL import Image

from ..core.columns import OUTCOMES
from ..experiments.files import replacing
from ..experiments.layout import note_plots
from .data import Results, decimal_years, month_words, next_month

DPI = 150
PNG_COMPRESSION = 3  # zlib level: files about as small as level 6, written faster
INCH_PER_LINE = 0.24  # height of one line of title or note text, in inches

#: Scenario colours: seaborn's "colorblind" palette, written out so that drawing does not
#: need to import seaborn (which costs about a second).
SCENARIO_PALETTE = (
    "#0173b2",
    "#de8f05",
    "#029e73",
    "#d55e00",
    "#cc78bc",
    "#ca9161",
    "#fbafe4",
    "#949494",
    "#ece133",
    "#56b4e9",
)

#: Colour-blind-safe colours (Okabe & Ito 2008) for things that are not scenarios.
SOURCE_COLOURS = {"programme": "#56B4E9", "investment": "#E69F00", "operating": "#009E73"}
OUTCOME_COLOURS = {
    "completed": "#009E73",
    "running": "#56B4E9",
    "blocked": "#F0E442",
    "failed": "#D55E00",
}
BETTER, WORSE, UNCLEAR = "#0072B2", "#D55E00", "#7F7F7F"

RC: dict[str, Any] = {
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "digistrat",
}


def styled[**P, R](build: Callable[P, R]) -> Callable[P, R]:
    """Run a figure builder (or a saver) with the house style :data:`RC`."""

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with matplotlib.rc_context(RC):
            return build(*args, **kwargs)

    return wrapper


def scenario_colours(scenarios: Iterable[str]) -> dict[str, str]:
    """One colour-blind-safe colour per scenario, in order (repeating after ten)."""
    names = list(scenarios)
    return {name: SCENARIO_PALETTE[i % len(SCENARIO_PALETTE)] for i, name in enumerate(names)}


def axis_label(outcome: str) -> str:
    """'Label (unit)' of an outcome column, for an axis."""
    info = OUTCOMES[outcome]
    return "\n".join(textwrap.wrap(f"{info.label} ({info.unit})", 36))


def better_words(outcome: str) -> str:
    """'higher is better', 'lower is better' or '' for an outcome."""
    better = OUTCOMES[outcome].better
    return f"{better} is better" if better else ""


def source_note(results: Results) -> str:
    """The source line under every plot: version, scenarios, replications."""
    version = results.manifest.digistrat_version or "(version unknown)"
    names = ", ".join(results.quoted(s) for s in results.scenarios)
    counts = results.replications
    if len(set(counts.values())) <= 1:
        n = next(iter(counts.values()), 0)
        runs = f"{n} replication{'s' if n != 1 else ''} each"
    else:
        runs = "replications: " + ", ".join(f"{results.quoted(s)} {n}" for s, n in counts.items())
    scenario_word = "scenario" if len(results.scenarios) == 1 else "scenarios"
    return f"Source: digistrat {version}, {scenario_word} {names}; {runs}."


def new_figure(width: float, height: float, **subplots: Any) -> tuple[Figure, Any]:
    """A constrained-layout figure (inches) and its axes, as ``Figure.subplots`` makes them."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots(**subplots)


def new_grid(
    width: float, height: float, nrows: int, ncols: int, legend_width: float, **subplots: Any
) -> tuple[Figure, Any, Axes]:
    """A grid of panels plus a blank column on the right for a shared legend.

    Returns:
        The figure, an ``nrows`` x ``ncols`` array of panels and the legend's axes.
    """
    ratios = [1.0] * ncols + [legend_width * ncols / max(width - legend_width, 1)]
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, ncols + 1, width_ratios=ratios, squeeze=False, **subplots)
    for ax in axes[:, -1]:
        ax.axis("off")
    return fig, axes[:, :-1], axes[0, -1]


def finish(fig: Figure, title: str, subtitle: str, note: str) -> Figure:
    """Put a title and a reading hint at the top and a source note at the bottom."""
    width, height = fig.get_size_inches()
    title_lines = textwrap.wrap(title, int(width * 8.5))
    subtitle_lines = textwrap.wrap(subtitle, int(width * 11.5)) if subtitle else []
    note_lines = textwrap.wrap(note, int(width * 15))
    top = (1.5 * len(title_lines) + len(subtitle_lines) + 0.6) * INCH_PER_LINE / height
    bottom = (len(note_lines) + 0.6) * INCH_PER_LINE / height
    fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - top - bottom))  # l, b, w, h
    y = 1 - 0.3 * INCH_PER_LINE / height
    fig.text(0.01, y, "\n".join(title_lines), ha="left", va="top", fontsize=13, weight="bold")
    y -= 1.5 * len(title_lines) * INCH_PER_LINE / height
    if subtitle_lines:
        fig.text(0.01, y, "\n".join(subtitle_lines), ha="left", va="top", color="0.25")
    fig.text(0.01, 0.2 * INCH_PER_LINE / height, "\n".join(note_lines), fontsize=8, color="0.4")
    return fig


def year_axis(ax: Axes) -> None:
    """Years on the x axis (data in decimal years)."""
    ax.xaxis.set_major_locator(MultipleLocator(2))
    ax.xaxis.set_minor_locator(MultipleLocator(1))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))
    ax.set_xlabel("Year")


def mark_programme_end(ax: Axes, results: Results, words: bool = True) -> None:
    """A dashed vertical line where programme money ends, labelled in plain words.

    The labels are marked (gid ``programme-end``) so that :func:`declutter_marks` can
    drop those that would overlap when several scenarios end their money apart.
    """
    for end in results.programme_ends():
        when = decimal_years(pd.Series([next_month(end)])).iloc[0]
        ax.axvline(when, color="0.35", linestyle="--", linewidth=1)
        if words:
            ax.annotate(
                f"Programme money ends\n({month_words(end)})",
                xy=(when, 1),
                xycoords=("data", "axes fraction"),
                xytext=(4, -4),
                textcoords="offset points",
                va="top",
                fontsize=8,
                color="0.3",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
                gid=PROGRAMME_END,
            )


def new_panels(
    width: float,
    height: float,
    nrows: int = 1,
    ncols: int = 1,
    legend_lines: int = 1,
    **subplots: Any,
) -> tuple[Figure, Any, Axes]:
    """A grid of panels above a blank strip for a legend, so that no legend covers data.

    Args:
        width: figure width in inches.
        height: figure height in inches, the legend strip included.
        nrows: rows of panels.
        ncols: columns of panels.
        legend_lines: lines of legend text the strip must hold (0: no strip).
        **subplots: passed to ``Figure.subplots`` (``sharex``, ``sharey``).

    Returns:
        The figure, an ``nrows`` x ``ncols`` array of panels and the strip's axes (or None).
    """
    fig = Figure(figsize=(width, height), layout="constrained")
    if legend_lines <= 0:
        return fig, fig.subplots(nrows, ncols, squeeze=False, **subplots), None
    strip = 0.28 * legend_lines + 0.15
    ratios = [max(height - strip - 1.5, 1.0) / nrows] * nrows + [strip]
    grid = fig.add_gridspec(nrows + 1, ncols, height_ratios=ratios)
    axes = grid[:nrows, :].subgridspec(nrows, ncols).subplots(squeeze=False, **subplots)
    strip_ax = fig.add_subplot(grid[nrows, :])
    strip_ax.axis("off")
    return fig, axes, strip_ax


def legend_in(strip: Axes, handles: list, labels: list | None = None, **options: Any) -> None:
    """Put a legend in a strip made by :func:`new_panels`, centred, in columns."""
    if labels is None:
        labels = [h.get_label() for h in handles]
    options.setdefault("ncols", 2 if len(handles) > 1 else 1)
    strip.legend(handles, labels, loc="center", fontsize=8, title_fontsize=8, **options)


def legend_below(strip: Axes, ax: Axes, title: str = "Scenario") -> None:
    """The legend of ``ax``'s lines in ``strip``, under the panels, where it covers no data."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        legend_in(strip, handles, labels, title=title)


PROGRAMME_END = "programme-end"


def declutter_marks(fig: Figure) -> int:
    """Drop the programme-end labels that overlap an earlier one (see :func:`declutter`)."""
    marks = [t for ax in fig.axes for t in ax.texts if t.get_gid() == PROGRAMME_END]
    return declutter(fig, marks) if len(marks) > 1 else 0


def declutter(fig: Figure, texts: Iterable[Any]) -> int:
    """Remove each of ``texts`` (in order of priority) that overlaps one kept before it.

    The figure is laid out and drawn once to measure the texts.

    Returns:
        How many texts were removed.
    """
    fig.canvas = FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    fig.draw_without_rendering()
    kept, removed = [], 0
    for text in texts:
        box = text.get_window_extent(renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in kept):
            text.remove()
            removed += 1
        else:
            kept.append(box)
    return removed


@styled
def save(fig: Figure, directory: Path, stem: str) -> list[Path]:
    """Write ``stem.png`` (at :data:`DPI`) and ``stem.svg`` into ``directory``.

    The layout is computed once, while the PNG is drawn; the SVG reuses it. Both
    names are noted in the folder's list of digistrat's plots first
    (:func:`~digistrat.experiments.layout.note_plots`), so that ``--force`` and a
    redraw replace them, and only them.
    """
    directory.mkdir(parents=True, exist_ok=True)
    png, svg = directory / f"{stem}.png", directory / f"{stem}.svg"
    note_plots(directory, [png.name, svg.name])  # first: a file of ours is always listed
    with replacing(png) as tmp:  # a full disk leaves no half-written image
        write_png(fig, tmp)
    fig.set_layout_engine("none")  # keep the layout just computed; saves a second pass
    with replacing(svg) as tmp:
        fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})
    return [png, svg]


def write_png(fig: Figure, path: Path) -> None:
    """Draw ``fig`` with Agg at :data:`DPI` and write it as a PNG file.

    The same pixels as ``fig.savefig(path, dpi=DPI)``, but stored without the alpha
    channel when every pixel is opaque and compressed with zlib level
    :data:`PNG_COMPRESSION`: a smaller file, written in about half the time.
    """
    canvas, dpi = fig.canvas, fig.dpi
    fig.set_dpi(DPI)
    try:  # a canvas of its own, as savefig does: its pixel buffer goes when this returns
        pixels, size = FigureCanvasAgg(fig).print_to_buffer()
    finally:
        fig.set_canvas(canvas)
        fig.set_dpi(dpi)
    image = Image.frombuffer("RGBA", size, pixels, "raw", "RGBA", 0, 1)
    if image.getextrema()[3] == (255, 255):
        image = image.convert("RGB")
    image.save(path, format="png", dpi=(DPI, DPI), compress_level=PNG_COMPRESSION)
