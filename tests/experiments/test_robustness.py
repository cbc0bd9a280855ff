"""Regret, satisficing and the paired lead, against numbers worked out by hand."""

import numpy as np
import pandas as pd
import pytest
from digistrat.experiments.discovery.pairs import by_choice, pair
from digistrat.experiments.discovery.robustness import regret, satisficing
from digistrat.experiments.sweep.settings import SettingsError, parse_threshold

HIGHER, LOWER = "change_capability@2026-12", "change_lead_time_months@2026-12"
#: values[choice][point] = (seed 0, seed 1); three futures, two seeds, three choices
VALUES = {
    "A": [(0.5, 0.7), (0.4, 0.4), (0.2, 0.4)],  # seed means 0.6, 0.4, 0.3
    "B": [(0.6, 0.4), (0.5, 0.7), (0.3, 0.3)],  # 0.5, 0.6, 0.3
    "C": [(0.1, 0.3), (0.4, 0.6), (0.6, 0.2)],  # 0.2, 0.5, 0.4
}
POLICIES = pd.DataFrame(
    {"policy": [0, 1, 2], "name": list("ABC"), "choice": list("ABC"), "context": [""] * 3}
)


def outcomes(measure: str) -> pd.DataFrame:
    rows = [
        {"point": p, "policy": i, "replication": r, "seed": r, measure: v}
        for i, per_point in enumerate(VALUES.values())
        for p, seeds in enumerate(per_point)
        for r, v in enumerate(seeds)
    ]
    return pd.DataFrame(rows)


def table(measure: str) -> pd.DataFrame:
    return by_choice(outcomes(measure), POLICIES, measure, "")


def test_regret_when_higher_is_better():
    # best per future: A (0.6), B (0.6), C (0.4); regret = best - own seed mean
    r = regret(table(HIGHER), HIGHER).set_index("choice")
    assert r.loc["A", "mean_regret"] == pytest.approx((0 + 0.2 + 0.1) / 3)
    assert r.loc["B", "mean_regret"] == pytest.approx((0.1 + 0 + 0.1) / 3)
    assert r.loc["C", "mean_regret"] == pytest.approx((0.4 + 0.1 + 0) / 3)
    assert r["max_regret"].tolist() == pytest.approx([0.2, 0.1, 0.4])
    # 90th percentile of three values, linear: sorted[1] + 0.8 (sorted[2] - sorted[1])
    assert r["p90_regret"].tolist() == pytest.approx([0.18, 0.1, 0.34])
    assert r["best_share"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])
    # best per run: (p0,s0) B, (p0,s1) A, (p1,s0) B, (p1,s1) B, (p2,s0) C, (p2,s1) A
    assert r["best_share_runs"].tolist() == pytest.approx([2 / 6, 3 / 6, 1 / 6])
    assert r["mean"].tolist() == pytest.approx([1.3 / 3, 1.4 / 3, 1.1 / 3])
    assert (r["futures"] == 3).all() and (r["seeds"] == 2).all()


def test_regret_when_lower_is_better_counts_ties_for_each():
    # lead time: best = lowest mean; future 2 ties A and B at 0.3
    r = regret(table(LOWER), LOWER).set_index("choice")
    assert r["mean_regret"].tolist() == pytest.approx([0.4 / 3, 0.5 / 3, 0.2 / 3])
    assert r["best_share"].tolist() == pytest.approx([2 / 3, 1 / 3, 1 / 3])


def test_satisficing_shares_of_futures_and_of_runs():
    s = satisficing(table(HIGHER), parse_threshold(f"{HIGHER} >= 0.45")).set_index("choice")
    assert s["share"].tolist() == pytest.approx([1 / 3, 2 / 3, 1 / 3])
    assert s["share_runs"].tolist() == pytest.approx([2 / 6, 3 / 6, 2 / 6])
    at_most = satisficing(table(LOWER), parse_threshold(f"{LOWER}<=0.35")).set_index("choice")
    assert at_most["share"].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])


def test_the_leader_leads_more_runs_and_the_margin_widens_the_challengers_cases():
    wide = table(HIGHER)
    # B - A per run: +0.1, -0.3, +0.1, +0.3, +0.1, -0.1: B better in 4 of 6
    p = pair(wide, "A", "B", HIGHER)
    assert (p.leader, p.challenger) == ("B", "A")
    assert p.gap.tolist() == pytest.approx([-0.1, 0.3, -0.1, -0.3, -0.1, 0.1])
    assert p.lead.tolist() == [False, True, False, False, False, True]
    assert p.future_gap().tolist() == pytest.approx([0.1, -0.2, 0.0])
    assert (p.futures, p.seeds) == (3, 2)
    wider = pair(wide, "A", "B", HIGHER, margin=0.15)
    assert wider.lead.tolist() == [True, True, True, False, True, True]


def test_a_point_missing_a_run_is_left_out_of_every_comparison():
    runs = outcomes(HIGHER)
    runs.loc[(runs.point == 1) & (runs.policy == 2) & (runs.replication == 0), HIGHER] = np.nan
    wide = by_choice(runs, POLICIES, HIGHER, "")
    assert sorted(set(wide.index.get_level_values("point"))) == [0, 2]
    assert regret(wide, HIGHER)["futures"].tolist() == [2, 2, 2]


@pytest.mark.parametrize(
    "text", ["change_capability@2026-12 > 0.4", "0.4 <= x", "m >= nan", "m >= high", 3]
)
def test_bad_thresholds_say_what_is_allowed(text):
    with pytest.raises(SettingsError, match="threshold|number|finite"):
        parse_threshold(text)
