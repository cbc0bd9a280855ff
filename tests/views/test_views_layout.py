"""Every figure reads at a glance: 1,200 px wide, no text over text, no legend over data,
nothing cut off at the edges."""

from __future__ import annotations

import itertools

import pytest
from digistrat.views.comparison import difference_chart
from digistrat.views.data import load
from digistrat.views.plots import run_figures
from digistrat.views.runs import Measure
from digistrat.views.style import DPI, RC
from matplotlib import rc_context
from matplotlib.axis import Tick
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from tests.views.test_views_sweep import _folder

PAGE = 1200  # px: the width of a page the report is read on


def figures(directory):
    results = load(directory)
    built = {stem: build for stem, build in run_figures(results).items()}
    built["comparison"] = lambda: difference_chart(
        results, Measure.parse("change_capability@2026-12")
    )
    return built


def sweep_figures_of(tmp_path):
    from digistrat.views.sweep import sweep_figures

    return sweep_figures(_folder(tmp_path, "lhs"))


def laid_out(fig):
    with rc_context(RC):
        fig.set_dpi(DPI)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
    return canvas.get_renderer()


def visible_texts(fig):
    """Texts a reader sees, tick labels left out (matplotlib's locators place those)."""
    ticks = {id(label) for tick in fig.findobj(Tick) for label in (tick.label1, tick.label2)}
    return [
        text
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip() and id(text) not in ticks
    ]


def check(fig, name: str) -> None:
    renderer = laid_out(fig)
    width, height = fig.get_size_inches() * DPI
    assert width <= PAGE, f"{name} is {width:.0f} px wide"
    page = fig.bbox
    texts = visible_texts(fig)
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    for text, box in boxes:
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, (
            f"{name}: {text.get_text()[:40]!r} is cut off at the side"
        )
        assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, (
            f"{name}: {text.get_text()[:40]!r} is cut off at the top or bottom"
        )
    legends = [leg for ax in fig.axes if (leg := ax.get_legend())] + list(fig.legends)
    inside = {id(t) for leg in legends for t in [*leg.get_texts(), leg.get_title()]}
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        if id(a) in inside and id(b) in inside:
            continue  # a legend lays out its own entries
        assert not box_a.overlaps(box_b), (
            f"{name}: {a.get_text()[:30]!r} overlaps {b.get_text()[:30]!r}"
        )
    data_areas = [ax.get_window_extent(renderer) for ax in fig.axes if ax.axison]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for area in data_areas:
            assert not box.overlaps(area), f"{name}: a legend covers a panel"


@pytest.mark.slow
def test_every_study_figure_reads_at_a_glance(drawn):
    for stem, build in figures(drawn[0]).items():
        check(build(), stem)


@pytest.mark.slow
def test_every_study_figure_reads_at_a_glance_with_four_scenarios(make):
    directory = make(
        scenarios=(
            "small_steps__programme_2022",
            "big_bang__programme_2022",
            "small_steps__investment",
            "big_bang__investment",
        ),
        replications=3,
    )
    for stem, build in figures(directory).items():
        check(build(), stem)


def test_every_sweep_figure_reads_at_a_glance(tmp_path):
    for stem, build in sweep_figures_of(tmp_path).items():
        check(build(), stem)


def test_programme_ends_close_together_keep_one_label(make):
    import json

    from digistrat.views.timeseries import fan_chart

    directory = make(replications=2)
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["scenarios"][1]["resolved"]["funding"]["programme"]["end"] = "2023-03"
    (directory / "manifest.json").write_text(json.dumps(manifest))
    results = load(directory)
    assert results.programme_ends() == ["2022-12", "2023-03"]
    fig = fan_chart(results, "change_capability", "Change capability")
    labels = [t for t in fig.axes[0].texts if t.get_text().startswith("Programme money ends")]
    assert len(labels) == 1  # the second would overlap the first
    check(fig, "fan chart with two programme ends")
