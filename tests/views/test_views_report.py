"""The report: says what was compared, the headline numbers and its limits."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from digistrat.views import write_report
from digistrat.views.data import load
from digistrat.views.headlines import fmt
from digistrat.views.report import build_report, report_title

PAIR = ("small_steps__programme_2022", "big_bang__programme_2022")


def test_report_mentions_scenarios_replications_and_numbers(drawn):
    results_dir, _ = drawn
    page = results_dir / "report.html"
    markdown = (results_dir / "report.md").read_text(encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    for text in (markdown, html):
        assert "small steps" in text and "big bang" in text
        assert "3 runs" in text and "Each scenario was run 3 times" in text
        assert "Dec 2026" in text and "End of run (Dec 2030)" in text
        assert "not a forecast" in text
        assert "paired runs" in text  # sentences from comparison.csv
    assert "](plots/change_capability.png)" in markdown
    assert html.count("data:image/png;base64,") >= 8
    assert "def " not in markdown and "import " not in markdown


def test_report_draws_missing_plots_first(make):
    directory = make(replications=1, months=120)
    write_report(directory)
    assert (directory / "plots" / "maturity_plane.png").exists()
    assert (directory / "plots" / "comparison.png").exists()


def test_report_without_comparison_or_optional_files(make):
    directory = make(comparison=False, optional=False)
    markdown = (write_report(directory).parent / "report.md").read_text(encoding="utf-8")
    assert "Scenario against scenario" not in markdown
    assert "of 3 paired runs" not in markdown
    assert "How initiatives end" not in markdown
    assert "Headline: change capability" in markdown


def test_report_for_one_short_scenario(make):
    directory = make(scenarios=("small_steps",), replications=1, months=24)
    markdown = (write_report(directory).parent / "report.md").read_text(encoding="utf-8")
    assert "1 run (replications) per scenario" in markdown
    assert "Dec 2022" not in markdown.split("## Headline")[1].split("##")[0]


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
    listed = next(b for b in blocks if hasattr(b, "items"))  # "What was compared"
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


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_report_renders_in_a_headless_browser(drawn, tmp_path):
    page = drawn[0] / "report.html"
    shot = tmp_path / "report.png"
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=1200,2000",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 50_000, "the screenshot looks blank"
