"""The verdict: ranges of the runs, the ranking, how sure, the question and the warning."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from digistrat.views import MeasureError, verdict_text
from digistrat.views.data import load
from digistrat.views.runs import Measure, run_range
from digistrat.views.verdict import question_sentence, verdict

HEADLINE = Measure("change_capability", "2026-12")


def set_values(directory, values: dict[str, list[float]], month: str = "2026-12") -> None:
    """Give each scenario's runs these change-capability values in ``month``."""
    path = directory / "timeseries.parquet"
    ts = pd.read_parquet(path)
    for scenario, numbers in values.items():
        for replication, value in enumerate(numbers):
            rows = (ts.scenario == scenario) & (ts.replication == replication) & (ts.month == month)
            ts.loc[rows, "change_capability"] = value
    ts.to_parquet(path)


@pytest.mark.parametrize(
    ("n", "inside", "words"),
    [
        (1, 1, "the one run"),
        (4, 4, "all 4 runs"),
        (20, 18, "90% of runs"),
        (30, 28, "28 of 30 runs"),
    ],
)
def test_a_range_holds_the_runs_it_says(n, inside, words):
    values = np.arange(n, dtype=float)
    r = run_range(values)
    assert (r.inside, r.words()) == (inside, words)
    held = ((values >= r.low) & (values <= r.high)).sum()
    assert held == inside and held >= 0.9 * n
    assert r.median == np.median(values)


def test_the_best_beats_the_runner_up_in_the_paired_runs_counted(make):
    directory = make(replications=10)
    small = [0.50 + 0.01 * i for i in range(10)]
    big = [v - 0.02 for v in small]
    big[3] = small[3] + 0.05  # big bang wins one pair
    set_values(directory, {"small_steps": small, "big_bang": big})
    found = verdict(load(directory), HEADLINE)
    assert [r.scenario for r in found.ranking] == ["small_steps", "big_bang"]
    assert (found.wins, found.pairs) == (9, 10)
    assert found.sentence.startswith("Small steps leaves the most change capability in 2026 (0.55")
    assert "it beats the runner-up, big bang, in 9 of 10 paired runs." in found.sentence
    assert found.warning == ""


def test_a_lead_that_does_not_hold_in_most_pairs_is_not_called_a_lead(make):
    directory = make(replications=10)
    small = [0.50] * 10
    big = [0.49, 0.49, 0.49, 0.49, 0.60, 0.60, 0.60, 0.60, 0.60, 0.40]
    set_values(directory, {"small_steps": small, "big_bang": big})
    found = verdict(load(directory), HEADLINE)
    assert found.best == "big_bang"  # the higher median
    assert found.wins == 5
    assert found.sentence.startswith("No scenario clearly leads")


def test_lower_is_better_ranks_the_shortest_first(make):
    directory = make(replications=3)
    path = directory / "timeseries.parquet"
    ts = pd.read_parquet(path)
    ts.loc[ts.scenario == "big_bang", "change_lead_time_months"] = 9.0
    ts.loc[ts.scenario == "small_steps", "change_lead_time_months"] = 12.0
    ts.to_parquet(path)
    found = verdict(load(directory), Measure("change_lead_time_months", "2026-12"))
    assert [r.scenario for r in found.ranking] == ["big_bang", "small_steps"]
    assert found.sentence.startswith("Big bang has the shortest time to deliver")
    assert "in all 3 paired runs" in found.sentence


def test_few_paired_runs_give_a_warning(make):
    found = verdict(load(make(replications=3)), HEADLINE)
    assert "only 3 paired runs" in found.warning and "indicative only" in found.warning


def test_the_question_names_what_differs(make):
    directory = make(scenarios=("small_steps__programme_2022", "big_bang__investment"))
    import json

    manifest = json.loads((directory / "manifest.json").read_text())
    for record, kind, invest in zip(
        manifest["scenarios"], ("small_steps", "big_bang"), (False, True), strict=True
    ):
        record["resolved"]["strategy"] = {"kind": kind}
        record["resolved"]["funding"]["investment"] = {"enabled": invest}
    (directory / "manifest.json").write_text(json.dumps(manifest))
    question = question_sentence(load(directory), HEADLINE)
    assert question == (
        "Which way of handling the digital legacy (small steps or big bang) and which funding "
        "(with or without long-term investment money) leaves the municipality most able to "
        "change in 2026?"
    )


def test_the_text_output_is_the_verdict(make):
    text = verdict_text(make(replications=3))
    lines = text.splitlines()
    assert lines[0].startswith("Question: ")
    assert any(line.startswith("  1. ") for line in lines)
    assert "Verdict: " in text and "Indicative only: " in text


def test_a_bad_headline_is_a_clear_error():
    with pytest.raises(MeasureError, match="unknown outcome 'capability'; a headline may be"):
        Measure.parse("capability@2026-12")
    with pytest.raises(MeasureError, match="or 'end'"):
        Measure.parse("change_capability@2026")
    for month in ("2026-13", "2026-00"):
        with pytest.raises(MeasureError, match=r"YYYY-MM \(months 01 to 12\)"):
            Measure.parse(f"change_capability@{month}")
    with pytest.raises(MeasureError, match="neither higher nor lower is better"):
        Measure.parse("spend_operating_msek@2026-12")
