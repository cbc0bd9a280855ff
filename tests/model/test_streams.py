"""The quantile functions and the fates drawn from them."""

import numpy as np
import pytest
from digistrat import Parameters, build_model
from digistrat.core.fixes import FIX_BLOCK, next_fate
from digistrat.core.initiatives import FATE
from digistrat.core.streams import Streams, lognormal_quantile, overrun_quantile, poisson_quantile

SHAPE = dict(
    body_mean=-0.12, body_sd=0.3, floor=-0.4, tail_share=0.17, alpha=1.0, tail_min=1.0, cap=5.0
)
U = (np.arange(200_000) + 0.5) / 200_000  # an even grid over (0, 1)


def test_lognormal_quantile_has_its_median_and_spread():
    assert float(lognormal_quantile(0.5, 6.0, 0.5)) == pytest.approx(6.0)
    q = lognormal_quantile(U, 6.0, 0.5)
    assert np.all(np.diff(q) > 0)
    assert np.log(q).std() == pytest.approx(0.5, rel=0.01)


@pytest.mark.parametrize("size", [0.0, 0.1, 0.5, 0.99])
def test_overrun_body_and_tail(size):
    # One uniform picks the component and the quantile within it: the body takes
    # u < 1 - p_tail, the tail the rest; each is monotone in u on its own.
    q = overrun_quantile(U, np.full_like(U, size), **SHAPE)
    assert q.min() >= SHAPE["floor"] and q.max() <= SHAPE["cap"]
    p_tail = SHAPE["tail_share"] * size
    body = U < 1 - p_tail
    assert (~body).mean() == pytest.approx(p_tail, abs=1e-5)
    assert np.all(np.diff(q[body]) >= 0) and np.all(np.diff(q[~body]) >= 0)
    # the body is normal with its mean and sd, cut at the floor
    x = SHAPE["body_mean"] + SHAPE["body_sd"] * np.random.default_rng(0).standard_normal(400_000)
    assert q[body].mean() == pytest.approx(np.maximum(x, SHAPE["floor"]).mean(), abs=2e-3)
    assert np.median(q[body]) == pytest.approx(SHAPE["body_mean"], abs=1e-3)
    # the tail is Pareto from tail_min with exponent alpha, truncated at cap (no point mass)
    if p_tail > 0:
        tail = q[~body]
        lo, hi, a = SHAPE["tail_min"], SHAPE["cap"], SHAPE["alpha"]
        assert tail.min() == pytest.approx(lo, rel=1e-3) and tail.max() < hi
        kept = 1 - (lo / hi) ** a
        share_over_2 = (1 - (lo / 2) ** a) / kept  # P(x <= 2 lo) of the truncated tail
        assert (tail <= 2 * lo).mean() == pytest.approx(share_over_2, abs=0.01)
        mean = lo * np.log(hi / lo) / kept  # alpha = 1
        assert tail.mean() == pytest.approx(mean, rel=0.01)


def test_a_large_project_overruns_27_percent_on_average_one_in_six_by_100_or_more():
    """Flyvbjerg & Budzier 2011, with the default shape: the mixture does not double count."""
    q = overrun_quantile(U, np.ones_like(U), **SHAPE)
    assert q.mean() == pytest.approx(0.27, abs=0.02)
    assert (q >= 1.0).mean() == pytest.approx(1 / 6, abs=0.01)
    assert q[q >= 1.0].mean() == pytest.approx(2.0, abs=0.1)
    # Budzier & Flyvbjerg: 8 in 10 miss their cost estimate by more than 10%
    assert (np.abs(q) > 0.1).mean() == pytest.approx(0.8, abs=0.03)


def test_scalars_and_arrays_give_the_same_overrun():
    u, size = np.array([0.1, 0.5, 0.95, 0.999]), np.array([0.2, 0.9, 0.9, 0.5])
    together = overrun_quantile(u, size, **SHAPE)
    one_by_one = [float(overrun_quantile(a, b, **SHAPE)) for a, b in zip(u, size, strict=True)]
    assert together.tolist() == pytest.approx(one_by_one)


def test_poisson_quantile_is_zero_exactly_below_exp_minus_rate():
    for lam in (0.05, 0.5, 2.0):
        assert poisson_quantile(np.exp(-lam) * 0.999, lam, 4) == 0
        assert poisson_quantile(np.exp(-lam) * 1.001, lam, 4) == 1


def test_proposal_fates_follow_the_parameters():
    model = build_model(Parameters(), 3)
    i = model.params.behaviour.initiatives
    fates = model._fates
    assert fates.shape[1] == len(FATE)
    effort, cost, overrun, planned, margin = (fates[:, k] for k in range(5))
    fails = margin < 0  # failure at zero strain
    assert np.median(effort) == pytest.approx(i.small_effort_fte_months, rel=0.05)
    assert cost == pytest.approx(i.small_cost_msek * effort / i.small_effort_fte_months)
    assert ((margin >= -1) & (margin <= 1)).all()
    size = 1 - np.exp(-effort / i.size_scale_fte_months)
    expected_fail = (i.fail_small + (i.fail_large - i.fail_small) * size).mean()
    assert fails.mean() == pytest.approx(expected_fail, abs=0.02)
    assert (overrun >= i.overrun_floor).all() and (planned > 0).all()
    # the brake and system columns are the proposal's own uniforms
    assert (fates[:, 5:] == model.u_proposal.reshape(-1, 6)[:, 4:]).all()


def test_fixes_drawn_in_blocks_get_the_numbers_drawn_one_at_a_time():
    model = build_model(Parameters(), 7)
    portfolio = model.portfolio
    got = [next_fate(portfolio) for _ in range(FIX_BLOCK + 5)]  # crosses a block
    one_at_a_time = Streams(7)["legacy_fix"]
    i = model.params.behaviour.initiatives
    size = portfolio.size_factor(model.params.organisation.it.fix_fte * i.fix_months)
    for months, overrun, fails in got:
        u = one_at_a_time.random(3)
        assert overrun == pytest.approx(float(portfolio.overrun(u[2], size)))
        assert fails == bool(u[1] < portfolio.fail_probability(size))
        assert months == pytest.approx(
            float(lognormal_quantile(u[0], i.fix_months, i.fix_sigma))
            * (1 + i.schedule_to_cost * max(0.0, overrun))
        )
