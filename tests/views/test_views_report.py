"""The report: says what was compared, the headline numbers and its limits."""

from __future__ import annotations

import pytest
from digistrat.views import write_report
from digistrat.views.data import load
from digistrat.views.report import build_report, report_title
from digistrat.views.runs import fmt

PAIR = ("small_steps__programme_2022", "big_bang__programme_2022")


def test_report_says_the_verdict_first_then_facts_figures_and_tables(drawn):
    results_dir, _ = drawn
    markdown = (results_dir / "report.md").read_text(encoding="utf-8")
    html = (results_dir / "report.html").read_text(encoding="utf-8")
    for text in (markdown, html):
        assert "small steps" in text and "big bang" in text
        assert "Each scenario was run 3 times" in text
        assert "Dec 2026" in text and "End of run (Dec 2030)" in text
        assert "not a forecast" in text
        assert "paired runs" in text
        assert "indicative only" in text  # three runs are fewer than ten
    order = [
        markdown.index(key)
        for key in (
            "**Question.**",
            "**Verdict.**",
            "Ranked on change capability index in 2026",
            "](plots/change_capability.png)",
            "## The best against the runner-up",
            "## Scenario by scenario",
            "## Figures",
            "## Appendix",
        )
    ]
    assert order == sorted(order), "the report's parts are out of order"
    assert markdown.index("| Scenario |") > markdown.index("## Appendix"), "a table before figures"
    assert html.count("data:image/png;base64,") >= 9
    assert "def " not in markdown and "import " not in markdown


def test_report_draws_missing_plots_first(make):
    directory = make(replications=1, months=120)
    write_report(directory)
    assert (directory / "plots" / "maturity_plane.png").exists()
    assert (directory / "plots" / "comparison.png").exists()


def test_report_without_comparison_or_optional_files(make):
    directory = make(comparison=False, optional=False)
    markdown = (write_report(directory).parent / "report.md").read_text(encoding="utf-8")
    assert "**Verdict.**" in markdown  # the views pair runs themselves
    assert "How initiatives end" not in markdown
    assert "big-bang modernisation programme" not in markdown


def test_report_for_one_short_scenario(make):
    directory = make(scenarios=("small_steps",), replications=1, months=24)
    markdown = (write_report(directory).parent / "report.md").read_text(encoding="utf-8")
    assert "How much change capability does small steps leave at the end of the run" in markdown
    assert "rest on only one run per scenario, so they are indicative only" in markdown
    assert "runner-up" not in markdown


def test_report_of_a_headline_outside_the_run_is_a_clear_error(make):
    from digistrat.views import MeasureError

    directory = make(scenarios=("small_steps",), replications=1, months=24)
    with pytest.raises(MeasureError, match="outside the simulated months"):
        write_report(directory, "change_capability@2026-12")  # asked for: not replaced
    with pytest.raises(MeasureError, match="unknown outcome 'capability'"):
        write_report(directory, "capability@2026-12")


def test_title_of_two_scenarios_whose_names_hold_commas_is_unambiguous(make):
    directory = make(scenarios=PAIR, replications=1, months=36)
    write_report(directory)
    markdown = (directory / "report.md").read_text(encoding="utf-8")
    page = (directory / "report.html").read_text(encoding="utf-8")
    expected = (
        "Digitalisation strategies compared: "
        "\u201csmall steps, programme 2022\u201d vs \u201cbig bang, programme 2022\u201d"
    )
    assert markdown.splitlines()[0] == f"# {expected}"
    assert f"<title>{expected}</title>" in page
    assert f"<h1>{expected}</h1>" in page


def test_title_of_many_scenarios_is_short_and_the_list_follows(make):
    scenarios = (*PAIR, "small_steps__investment", "big_bang__investment")
    results = load(make(scenarios=scenarios, replications=1, months=36, comparison=False))
    assert report_title(results) == "Digitalisation strategies compared: four scenarios"
    blocks = build_report(results)
    appendix = next(
        i for i, b in enumerate(blocks) if getattr(b, "text", "").startswith("Appendix")
    )
    listed = blocks[appendix + 1]  # what was compared
    assert [item.split("**")[1] for item in listed.items] == [
        "small steps, programme 2022",
        "big bang, programme 2022",
        "small steps, investment",
        "big bang, investment",
    ]


def test_title_of_one_scenario(make):
    results = load(make(scenarios=("small_steps__investment",), replications=1, months=24))
    assert report_title(results) == "Digitalisation strategy: \u201csmall steps, investment\u201d"


def test_numbers_have_no_negative_zero():
    assert fmt(-0.001, "index 0-1") == "0.00"
    assert fmt(-0.04, "months") == "0.0"
    assert fmt(1.25, "MSEK") == "1.2"


def test_drawing_and_the_report_never_read_the_departments_table(tmp_path, monkeypatch):
    """It is the largest table (six rows per run and month) and nothing drawn needs it."""
    from pathlib import Path

    import pandas as pd
    from digistrat.views import data, draw

    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)
    read = []
    original = pd.read_parquet

    def reading(path, *args, **kwargs):
        read.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(pd, "read_parquet", reading)
    drawn = draw(folder)
    assert drawn.report is not None and drawn.figures > 0
    assert "departments.parquet" not in read and "timeseries.parquet" in read
    assert len(data.load(folder).departments) > 0  # still there when asked for
    assert read[-1] == "departments.parquet"


def test_runs_that_failed_are_counted_next_to_the_verdict(tmp_path):
    import pandas as pd
    from digistrat.views.text import verdict_text

    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=3)
    assert "Runs that failed" not in verdict_text(folder)
    failed = pd.DataFrame(
        {
            "scenario": ["small_steps", "small_steps", "big_bang"],
            "replication": [3, 4, 3],
            "seed": [1003, 1004, 1003],
            "error": ["RuntimeError: x"] * 3,
        }
    )
    failed.to_csv(folder / "failures.csv", index=False)
    words = (
        "3 of 9 runs gave no result (small steps: 2 of 5; big bang: 1 of 4), so the figures "
        "rest on the other 6; their errors, parameters and seeds are in failures.csv"
    )
    assert words in " ".join(verdict_text(folder).split())
    write_report(folder)
    assert f"**Runs that failed.** {words}" in (folder / "report.md").read_text(encoding="utf-8")
