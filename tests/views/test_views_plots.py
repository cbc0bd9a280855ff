"""The plots: every file is written, and the figures say what they show."""

from __future__ import annotations

import json

import matplotlib
import numpy as np
import pandas as pd
import pytest
from digistrat.core.columns import OUTCOMES
from digistrat.experiments.layout import ResultsError
from digistrat.views import draw_comparison, draw_run
from digistrat.views.comparison import difference_chart
from digistrat.views.data import load
from digistrat.views.initiatives import cost_overruns, initiative_outcomes
from digistrat.views.plane import maturity_plane
from digistrat.views.timeseries import fan_chart, spending, staff_and_strain
from matplotlib.figure import Figure

RUN_PLOTS = (
    "change_capability",
    "outcomes_across_runs",
    "maturity_plane",
    "spending",
    "staff_and_strain",
    "change_lead_time",
    "initiative_outcomes",
    "cost_overruns",
)


def texts(fig: Figure) -> str:
    """Every piece of text on a figure, its axes and legends, joined."""
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return "\n".join(str(t) for t in found)


def assert_written(paths, stems) -> None:
    names = {p.name for p in paths}
    for stem in stems:
        for suffix in ("png", "svg"):
            assert f"{stem}.{suffix}" in names, f"{stem}.{suffix} was not written"
    for path in paths:
        assert path.exists() and path.stat().st_size > 1000, f"{path.name} is empty or tiny"


def test_draw_run_writes_every_plot_as_png_and_svg(drawn):
    directory, paths = drawn
    assert all(p.parent == directory / "plots" for p in paths)
    assert_written(paths, [*RUN_PLOTS, "comparison"])


def test_draw_comparison_of_one_scenario_writes_nothing(make):
    directory = make(scenarios=("small_steps",))
    assert draw_comparison(directory) == []
    assert not (directory / "plots" / "comparison.png").exists()


def test_draw_comparison_needs_no_comparison_file(make):
    directory = make(comparison=False)
    assert_written(draw_comparison(directory), ["comparison"])


def test_draw_run_without_optional_files_skips_initiative_plots(make):
    directory = make(optional=False, comparison=False)
    paths = draw_run(directory)
    assert_written(paths, ["change_capability", "maturity_plane", "spending"])
    assert not any("initiative" in p.name or "overrun" in p.name for p in paths)


@pytest.mark.parametrize(
    ("scenarios", "replications", "months"),
    [(("small_steps",), 1, 24), (("a", "b", "c"), 2, 30)],
)
def test_any_number_of_scenarios_replications_and_months(make, scenarios, replications, months):
    directory = make(scenarios=scenarios, replications=replications, months=months)
    assert_written(draw_run(directory), RUN_PLOTS)
    assert len(draw_comparison(directory)) in (0, 2)


def test_missing_time_series_is_a_clear_error(tmp_path):
    with pytest.raises(ResultsError, match="timeseries.parquet is missing"):
        draw_run(tmp_path)


def test_fan_chart_is_labelled_in_plain_words(results_dir):
    results = load(results_dir)
    fig = fan_chart(results, "change_capability", "Change capability over time")
    words = texts(fig)
    assert "Change capability over time" in words
    assert "Change capability index (index 0-1)" in words  # axis label from OUTCOMES
    assert "Higher is better" in words
    assert "Programme money ends" in words and "Dec 2022" in words
    assert "Source: digistrat" in words and "3 replications each" in words
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    assert [t.get_text() for t in legends[0].get_texts()] == ["small steps", "big bang"]


def test_maturity_plane_axes_and_shapes_note(results_dir):
    fig = maturity_plane(load(results_dir))
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("Legacy fitness")
    assert ax.get_ylabel().startswith("Capability")
    words = texts(fig)
    assert "staircase" in words and "an L" in words
    assert "2017" in words  # years are written along the path
    assert "single runs" in words


def test_spending_has_a_panel_per_scenario_and_every_source(make):
    directory = make(scenarios=("a", "b", "c"))
    fig = spending(load(directory))
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert {"a", "b", "c"} <= set(titles)
    words = texts(fig)
    for source in ("Programme", "Investment", "Operating"):
        assert f"{source} money" in words
    assert "Depreciation" in words
    assert all(ax.get_ylabel() == "MSEK per month" for ax in fig.axes if ax.get_title(loc="left"))


def test_staff_and_strain_has_two_panels_with_units(results_dir):
    fig = staff_and_strain(load(results_dir))
    labels = [" ".join(ax.get_ylabel().split()) for ax in fig.axes]
    assert "Digitalisation unit staff (FTE)" in labels
    assert "Strain in the digitalisation unit (index 0-1)" in labels


def test_initiative_figures_name_kinds_outcomes_and_doubling(results_dir):
    results = load(results_dir)
    outcomes = texts(initiative_outcomes(results))
    assert "Failed" in outcomes and "Completed" in outcomes
    assert "Large legacy modernisation" in outcomes
    overruns = texts(cost_overruns(results))
    assert "cost doubled" in overruns and "+100%" in overruns


def test_difference_chart_sets_each_scenario_against_the_best(results_dir):
    from digistrat.views.runs import Measure

    fig = difference_chart(load(results_dir), Measure.parse("change_capability@2026-12"))
    words = texts(fig)
    assert "Change capability index\n(higher is better)" in words
    assert "(lower is better)" in words and OUTCOMES["change_lead_time_months"].unit in words
    assert "better in" in words and "of 3" in words
    assert "in 2026" in words and "against the best" in words


def test_manifest_gives_names_and_programme_end(make):
    results = load(make(optional=False))
    assert results.scenarios == ("small_steps", "big_bang")
    assert results.label("small_steps") == "small steps"
    assert results.programme_ends() == ["2022-12"]


@pytest.mark.parametrize(
    "scenarios",
    [{"small_steps": {}, "big_bang": {}}, ["small_steps", "big_bang"]],
    ids=["a mapping", "bare names"],
)
def test_a_manifest_of_another_shape_is_a_results_error(make, scenarios):
    directory = make()
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["scenarios"] = scenarios
    (directory / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ResultsError, match="manifest.json"):
        load(directory)


def test_a_directory_without_a_manifest_is_a_results_error(make):
    directory = make()
    (directory / "manifest.json").unlink()
    with pytest.raises(ResultsError, match="manifest.json is missing"):
        load(directory)


def test_descriptions_double_underscores_and_the_default_programme_end(make):
    directory = make(programme_end=None)
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["scenarios"][1]["resolved"]["description"] = "Modernise first."
    (directory / "manifest.json").write_text(json.dumps(manifest))
    results = load(directory)
    assert results.description("big_bang") == "Modernise first."
    assert results.description("small_steps") == ""
    assert results.label("big_bang__investment") == "big bang, investment"
    assert results.programme_ends() == ["2022-12"]  # the default when the manifest is silent


def test_programme_end_outside_the_run_draws_no_marker(make):
    directory = make(months=24)
    results = load(directory)
    assert results.programme_ends() == []
    assert "Programme money ends" not in texts(fan_chart(results, "trust", "Trust"))


def test_figures_leave_no_pyplot_state(drawn):
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []


def test_summary_of_bands_is_ordered(results_dir):
    from digistrat.views.data import bands

    table = bands(pd.read_parquet(results_dir / "timeseries.parquet"), "trust")
    assert (table["q5"] <= table["q50"]).all() and (table["q50"] <= table["q95"]).all()
    assert len(table) == 2 * 168


def test_load_reads_a_directory_once_until_a_file_changes(results_dir):
    first = load(results_dir)
    assert load(results_dir) is first
    manifest = json.loads((results_dir / "manifest.json").read_text())
    manifest["scenarios"][0]["resolved"]["description"] = "Small steps, described"
    (results_dir / "manifest.json").write_text(json.dumps(manifest))
    again = load(results_dir)
    assert again is not first
    assert again.description("small_steps") == "Small steps, described"


def test_png_has_the_pixels_savefig_would_draw(results_dir, tmp_path):
    import numpy as np
    from digistrat.views.style import DPI, RC, write_png
    from PIL import Image

    results = load(results_dir)
    fig = fan_chart(results, "trust", "Trust")
    write_png(fig, tmp_path / "ours.png")
    with matplotlib.rc_context(RC):
        fig.savefig(tmp_path / "savefig.png", dpi=DPI)
    ours, theirs = Image.open(tmp_path / "ours.png"), Image.open(tmp_path / "savefig.png")
    assert ours.mode == "RGB" and ours.info["dpi"] == pytest.approx((DPI, DPI), abs=0.1)
    assert ours.size == theirs.size
    assert (np.asarray(ours) == np.asarray(theirs.convert("RGB"))).all()


def test_source_note_quotes_scenario_names_that_hold_commas(make):
    from digistrat.views.style import source_note

    results = load(make(scenarios=("small_steps__investment", "big_bang__investment")))
    note = source_note(results)
    assert (
        "scenarios \u201csmall steps, investment\u201d, \u201cbig bang, investment\u201d; "
        "3 replications each." in note
    )


def test_the_spread_of_runs_draws_the_same_jitter_every_time_and_leaves_numpy_alone(make):
    import numpy as np
    from digistrat.views.distributions import outcomes_across_runs
    from digistrat.views.runs import Measure

    results = load(make(replications=4))
    measure = Measure("change_capability", "2026-12")

    def dots():
        fig = outcomes_across_runs(results, measure)
        return [c.get_offsets().copy() for ax in fig.axes for c in ax.collections]

    np.random.seed(123)
    expected = np.random.random()
    np.random.seed(123)
    first = dots()
    assert np.random.random() == expected  # the global generator is as it was
    second = dots()
    assert len(first) == len(second) > 0
    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize("n", [1, 7, 1000, 1001, 54_321])
def test_exceedance_steps_thin_long_curves_within_their_bound(n):
    from digistrat.views.initiatives import exceedance_steps

    values = np.random.default_rng(n).lognormal(0, 1.5, n) - 1
    steps = 1000
    x, y = exceedance_steps(values, steps)
    assert len(x) == len(y) <= steps + 1
    assert x[0] == values.min() and x[-1] == values.max() and y[0] == 1.0 and y[-1] == 0.0
    assert np.all(np.diff(x) >= 0) and np.all(np.diff(y) <= 0)
    probe = np.sort(np.concatenate([values, values + 1e-9, values - 1e-9]))
    exact = 1 - np.searchsorted(np.sort(values), probe, side="right") / n  # share above
    drawn = np.where(probe < x[0], 1.0, y[np.searchsorted(x, probe, side="right") - 1])
    assert np.all(drawn >= exact - 1e-12)
    if n <= steps:
        assert np.allclose(drawn, exact)
    else:
        assert np.max(drawn - exact) < 1 / (steps - 1)
