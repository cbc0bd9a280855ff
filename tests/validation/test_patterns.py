"""Pattern-oriented validation: the model reproduces the report's patterns.

Each test runs over N_PAIRS paired seeds (common random numbers), states its
result as a share of pairs and a bootstrap 95% CI of the mean difference, and says
in its assertion message what was expected. These tests check the model as
designed: when one fails, look for the mechanism that is wrong or missing.
"""

import numpy as np
import pytest

from .common import N_PAIRS, at, paired, runs, scenario

pytestmark = pytest.mark.slow

PROGRAMME_ONLY = {"funding__investment__enabled": False}
CONTINUING = {"funding__programme__end": "2030-12", **PROGRAMME_ONLY}


def test_funding_ends_small_steps_leaves_more_change_capability_than_big_bang():
    ss = scenario("small_steps", **PROGRAMME_ONLY)
    bb = scenario("big_bang", **PROGRAMME_ONLY)
    result = paired(at(ss, "change_capability", "2026-12"), at(bb, "change_capability", "2026-12"))
    print("small steps vs big bang, change capability 2026-12:", result)
    assert result.share >= 0.70, (
        "expected small steps to end 2026 with higher change capability than big bang in at "
        f"least 70% of paired seeds when programme money ends in 2022; got {result}"
    )
    assert result.low > 0, f"expected the CI of the mean difference above zero; got {result}"


def test_funding_cliff_bends_the_curve_after_2023():
    ends = scenario("small_steps", **PROGRAMME_ONLY)
    goes_on = scenario("small_steps", **CONTINUING)
    before = paired(
        at(ends, "change_capability", "2022-12"), at(goes_on, "change_capability", "2022-12")
    )
    assert before.mean == 0.0, f"expected identical runs up to 2022-12 (same seeds); got {before}"
    gaps = []
    for month in ("2024-12", "2026-12", "2030-12"):
        result = paired(
            at(goes_on, "change_capability", month), at(ends, "change_capability", month)
        )
        print(f"continued vs ended programme money, {month}:", result)
        assert result.share >= 0.9 and result.low > 0, (
            f"expected continued funding to give higher change capability at {month} in at "
            f"least 90% of pairs; got {result}"
        )
        gaps.append(result.mean)
    assert gaps[0] < gaps[1] < gaps[2], f"expected the gap to widen after the cliff; got {gaps}"


def _half_yearly(result):
    ts = result.timeseries
    return ts.maturity_capability.to_numpy()[::6], ts.maturity_legacy.to_numpy()[::6]


def _switches(result, moved=0.01) -> int:
    """Switches of the axis that moved most, over half-years in which something moved."""
    cap, leg = _half_yearly(result)
    dominant = [
        "C" if c > g else "L"
        for c, g in zip(np.diff(cap), np.diff(leg), strict=True)
        if max(c, g) > moved
    ]
    return sum(a != b for a, b in zip(dominant, dominant[1:], strict=False))


def test_small_steps_trace_a_staircase():
    switches = np.array([_switches(r) for r in runs(scenario("small_steps", **PROGRAMME_ONLY))])
    share = float((switches >= 3).mean())
    print(
        f"small steps: >= 3 switches between capability and legacy moves in {share:.0%} "
        f"of {N_PAIRS} runs (median {np.median(switches)})"
    )
    assert share >= 0.8, (
        "expected small steps to alternate: capability and legacy improving in interleaved "
        f"half-years (>= 3 switches) in at least 80% of runs; got {share:.0%}"
    )


def test_big_bang_traces_an_l():
    flat, single = [], []
    for r in runs(scenario("big_bang", **PROGRAMME_ONLY)):
        cap, leg = _half_yearly(r)
        gain = leg - leg[0]
        done = int(np.argmax(gain >= 0.9 * gain.max()))
        flat.append(cap[done - 1] - cap[0] <= 0.25 * (cap.max() - cap[0]))
        single.append(_switches(r) <= 2)
    share_flat, share_single = float(np.mean(flat)), float(np.mean(single))
    print(
        f"big bang: capability flat until the legacy jump in {share_flat:.0%}; "
        f"<= 2 switches in {share_single:.0%} of {N_PAIRS} runs"
    )
    assert share_flat >= 0.8, (
        "expected big bang to move legacy first with capability flat (under a quarter of its "
        f"gain before the legacy jump) in at least 80% of runs; got {share_flat:.0%}"
    )
    assert share_single >= 0.8, f"expected an L (one turn), got {share_single:.0%}"


def test_ignoring_legacy_gains_first_then_plateaus_below_small_steps():
    cap_only = scenario("capability_only", **CONTINUING)
    ss = scenario("small_steps", **CONTINUING)
    early = paired(
        at(cap_only, "maturity_capability", "2019-12"), at(ss, "maturity_capability", "2019-12")
    )
    late = paired(
        at(ss, "maturity_capability", "2030-12"), at(cap_only, "maturity_capability", "2030-12")
    )
    print("capability_only vs small steps, capability 2019-12:", early)
    print("small steps vs capability_only, capability 2030-12:", late)
    assert early.mean > 0 and early.low > 0, (
        f"expected capability_only to gain capability faster at first; got {early}"
    )
    assert late.share >= 0.8 and late.low > 0, (
        f"expected capability_only to end below small steps in >= 80% of pairs; got {late}"
    )
    slope = lambda p, a, b: at(p, "maturity_capability", b) - at(p, "maturity_capability", a)  # noqa: E731
    plateau = paired(slope(ss, "2024-12", "2030-12"), slope(cap_only, "2024-12", "2030-12"))
    print("late growth 2024-2030, small steps vs capability_only:", plateau)
    assert plateau.low > 0, f"expected capability_only to flatten late; got {plateau}"


def test_big_bang_overruns_are_fat_tailed():
    overruns = np.concatenate(
        [
            r.initiatives.query("kind == 'modernisation'").overrun.to_numpy()
            for r in runs(scenario("big_bang", **PROGRAMME_ONLY))
        ]
    )
    share = float((overruns > 1.0).mean())
    print(
        f"big-bang programmes over +100% cost: {share:.0%} of {len(overruns)}; "
        f"max {overruns.max():+.0%}"
    )
    assert len(overruns) == N_PAIRS
    assert share >= 0.10, (
        "expected a sizeable share (>= 10%) of big-bang programmes to overrun cost by more "
        f"than 100% (Flyvbjerg & Budzier 2011: about 1 in 6); got {share:.0%}"
    )


def test_small_initiatives_mostly_succeed():
    shares = []
    for r in runs(scenario("small_steps", **PROGRAMME_ONLY)):
        done = r.initiatives.query("kind == 'capability' and outcome != 'running'")
        shares.append((done.outcome == "completed").mean())
    mean = float(np.mean(shares))
    print(f"small initiatives completed: {mean:.0%} on average over {N_PAIRS} runs")
    # "Mostly": clearly more than half. Standish CHAOS 2015 finds about 62% of small
    # projects successful (on time, budget and scope, a stricter test than completing),
    # so completing in 60% or more of cases on average, and in no run below half, is the
    # pattern; below that, small initiatives would fail more often than the literature.
    assert mean >= 0.6 and min(shares) >= 0.5, (
        f"expected small initiatives mostly to succeed (>= 60% on average, CHAOS 2015: about "
        f"62% of small projects succeed); got {mean:.0%}"
    )
