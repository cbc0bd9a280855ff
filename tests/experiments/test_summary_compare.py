"""Summary table and paired comparison on tables with known answers."""

import math

import numpy as np
import pandas as pd
import pytest
from digistrat.experiments import bootstrap_ci, p_better, paired_comparison, summary_table
from digistrat.experiments.compare import COLUMNS

from .synthetic import random_timeseries, timeseries


def test_summary_has_one_row_per_run_and_values_at_each_point():
    ts = timeseries({"a": [0.1, 0.2], "b": [0.3]})
    table = summary_table(ts)
    assert list(table[["scenario", "replication", "seed"]].itertuples(index=False)) == [
        ("a", 0, 100),
        ("a", 1, 101),
        ("b", 0, 100),
    ]
    assert table["change_capability@2022-12"].tolist() == pytest.approx([1.1, 1.2, 1.3])
    assert table["change_capability@end"].tolist() == pytest.approx([2.1, 2.2, 2.3])
    assert "change_capability@2026-12" not in table.columns  # outside the horizon
    cols = [c for c in table.columns if c.startswith("change_capability@")]
    assert cols == ["change_capability@2022-12", "change_capability@end"]


def test_paired_comparison_reports_the_known_difference():
    ts = timeseries({"a": [0.5, 0.6, 0.7, 0.8], "b": [0.4, 0.5, 0.6, 0.7]})
    table = paired_comparison(ts, ["a", "b"], seed=1)
    assert list(table.columns) == list(COLUMNS)
    row = table[(table.outcome == "change_capability") & (table.month == "end")].iloc[0]
    assert (row.scenario_a, row.scenario_b, row.n_pairs) == ("a", "b", 4)
    assert row.mean_diff == pytest.approx(0.1)
    assert row.ci_low == pytest.approx(0.1) and row.ci_high == pytest.approx(0.1)
    assert row.p_a_better == 1.0
    lead = table[(table.outcome == "change_lead_time_months") & (table.month == "end")].iloc[0]
    assert lead.mean_diff == pytest.approx(-0.1)
    assert lead.p_a_better == 1.0  # lower lead time is better
    spend = table[table.outcome == "spend_programme_msek"]
    assert spend.p_a_better.isna().all()  # neither direction is better


def test_each_scenario_is_compared_with_the_first_and_the_table_is_reproducible():
    ts = random_timeseries(("a", "b", "c"), replications=8)
    first = paired_comparison(ts, ["a", "b", "c"], seed=3)
    again = paired_comparison(ts.sample(frac=1, random_state=2), ["a", "b", "c"], seed=3)
    assert set(first.scenario_a) == {"a"} and set(first.scenario_b) == {"b", "c"}
    assert first.equals(again)
    for row in first.itertuples():
        assert row.ci_low <= row.mean_diff <= row.ci_high


def test_pairs_are_matched_by_seed_not_by_order():
    ts = timeseries({"a": [1.0, 2.0], "b": [0.5, 1.5]})
    flipped = ts[ts.scenario == "b"].assign(seed=lambda d: 201 - d.seed)  # seeds 101, 100
    ts = pd.concat([ts[ts.scenario == "a"], flipped])
    row = paired_comparison(ts, ["a", "b"], seed=0).iloc[0]
    # by seed the pairs are (1.0, 1.5) and (2.0, 0.5): A wins one of two;
    # paired by row order A would win both
    assert row.mean_diff == pytest.approx(0.5)
    assert row.p_a_better == 0.5


def test_p_better_counts_ties_half_and_rejects_unknown_directions():
    diff = np.array([1.0, -1.0, 0.0, 2.0])
    assert p_better(diff, "higher") == pytest.approx(0.625)
    assert p_better(diff, "lower") == pytest.approx(0.375)
    assert math.isnan(p_better(diff, ""))
    with pytest.raises(ValueError, match="better must be"):
        p_better(diff, "bigger")


def test_bootstrap_interval_covers_the_mean_and_narrows_with_more_pairs():
    rng = np.random.default_rng(0)
    small, large = rng.normal(1, 1, 10), rng.normal(1, 1, 1000)
    lo_s, hi_s = bootstrap_ci(small, seed=1)
    lo_l, hi_l = bootstrap_ci(large, seed=1)
    assert lo_s < small.mean() < hi_s and lo_l < large.mean() < hi_l
    assert hi_l - lo_l < (hi_s - lo_s) / 3
    assert bootstrap_ci(small, seed=1) == (lo_s, hi_s)
    with pytest.raises(ValueError, match="at least one value"):
        bootstrap_ci(np.array([]), seed=1)


def test_comparison_needs_two_present_scenarios():
    ts = random_timeseries(("a", "b"))
    with pytest.raises(ValueError, match="at least two"):
        paired_comparison(ts, ["a"], seed=0)
    with pytest.raises(ValueError, match="no runs"):
        paired_comparison(ts, ["a", "zzz"], seed=0)


def test_the_summary_holds_every_runs_outcomes_at_the_points_in_order_of_appearance():
    from digistrat.experiments.summary import KEYS, order_summary, points, summary_table

    ts = random_timeseries(("b", "a"), replications=3)
    ts = ts[~((ts["scenario"] == "a") & (ts["month"] == "2023-01"))]  # a month only b reaches
    shuffled = ts.sample(frac=1.0, random_state=3)
    long = points(ts).assign(column=lambda t: t["outcome"] + "@" + t["point"])
    wide = long.pivot(index=list(KEYS), columns="column", values="value").reset_index()
    runs = ts[list(KEYS)].drop_duplicates()
    expected = order_summary(runs.merge(wide, on=list(KEYS), how="left"))
    pd.testing.assert_frame_equal(summary_table(ts), expected, check_exact=True)
    by_run = summary_table(shuffled).sort_values(list(KEYS)).reset_index(drop=True)
    pd.testing.assert_frame_equal(
        by_run, expected.sort_values(list(KEYS)).reset_index(drop=True), check_exact=True
    )
