"""The seed-variance share on functions with known noise."""

import re

import numpy as np
import pandas as pd
import pytest
from digistrat.experiments.sweep.variance import decompose, variance_notes, variance_table

POINTS, SEEDS = 2000, 4


def table(signal_sd: float, common_sd: float, own_sd: float, seed: int = 0) -> np.ndarray:
    """y[p, r] = f(x_p) + b_r + e_pr with f = signal_sd * sqrt(12) * (x - 1/2), x ~ U(0, 1)."""
    rng = np.random.default_rng(seed)
    f = signal_sd * np.sqrt(12.0) * (rng.uniform(0, 1, POINTS) - 0.5)  # variance signal_sd**2
    b = rng.normal(0, common_sd, SEEDS)
    e = rng.normal(0, own_sd, (POINTS, SEEDS))
    return f[:, None] + b[None, :] + e


@pytest.mark.parametrize(("signal", "own"), [(1.0, 1.0), (1.0, 0.5), (0.5, 2.0), (1.0, 0.0)])
def test_the_seed_share_matches_the_noise_put_in(signal, own):
    parts = decompose(table(signal, 0.0, own))
    expected = own**2 / (signal**2 + own**2)
    # sampling error of (MSp - MSe) / R: a mean square on P - 1 degrees of freedom has a
    # relative sd of sqrt(2 / (P - 1)); four of those bound the estimate
    spread = 4 * np.sqrt(2 / (POINTS - 1)) * (SEEDS * signal**2 + own**2) / SEEDS
    assert parts["parameter_variance"] == pytest.approx(signal**2, abs=spread)
    # the shares move with that estimate: their derivative times its bound, plus 0.01
    share_spread = own**2 * spread / (signal**2 + own**2) ** 2 + 0.01
    assert parts["seed_share"] == pytest.approx(expected, abs=share_spread)
    assert parts["seed_point_variance"] == pytest.approx(own**2, rel=0.05, abs=1e-12)
    noise = own**2 / SEEDS
    means_spread = noise * spread / (signal**2 + noise) ** 2 + 0.01
    expected_means = noise / (signal**2 + noise)
    assert parts["means_noise_share"] == pytest.approx(expected_means, abs=means_spread)
    assert (parts["points"], parts["seeds"]) == (POINTS, SEEDS)


def test_luck_common_to_every_point_counts_for_a_run_but_not_for_the_point_means():
    rng_free = decompose(table(1.0, 0.0, 0.5, seed=3))
    common = decompose(table(1.0, 2.0, 0.5, seed=3))
    # the same seed effect at every point (common random numbers) is luck for one run...
    assert common["seed_share"] > 0.5 > rng_free["seed_share"]
    # ...but cancels between points, so the indices' noise is unchanged
    assert common["means_noise_share"] == pytest.approx(rng_free["means_noise_share"], abs=1e-9)
    assert common["parameter_variance"] == pytest.approx(rng_free["parameter_variance"])


def test_pure_noise_is_all_luck_and_a_deterministic_outcome_none():
    assert decompose(table(0.0, 0.0, 1.0))["seed_share"] > 0.97
    assert decompose(table(1.0, 0.0, 0.0))["seed_share"] == pytest.approx(0.0, abs=1e-12)


def test_points_with_a_missing_run_are_left_out_and_one_seed_cannot_be_split():
    y = table(1.0, 0.0, 1.0)
    y[:10, 0] = np.nan
    assert decompose(y)["points"] == POINTS - 10
    assert np.isnan(decompose(y[:, :1])["seed_share"])


def test_the_table_has_a_row_per_measure_and_policy_and_warns_when_luck_dominates():
    y, z = table(0.2, 0.0, 1.0), table(1.0, 0.0, 0.1, seed=1)
    rows = [
        {"point": p, "policy": name, "replication": r, "m": a[p, r]}
        for name, a in (("x", y), ("y", z))
        for p in range(POINTS)
        for r in range(SEEDS)
    ]
    out = variance_table(pd.DataFrame(rows), ["m"], by="policy")
    assert out["policy"].tolist() == ["x", "y"]
    assert out.loc[0, "seed_share"] > 0.9 > 0.1 > out.loc[1, "seed_share"]
    (note,) = variance_notes(out)
    assert re.match(r"x: m: luck \(the seed\) is 9\d% of the variance of a run", note)
