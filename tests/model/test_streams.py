"""The quantile functions and the fates drawn from them."""

import numpy as np
import pytest
from digistrat import Parameters, build_model
from digistrat.core.initiatives import FATE, FIX_BLOCK
from digistrat.core.streams import Streams, lognormal_quantile, overrun_quantile, poisson_quantile

SHAPE = dict(mean_body=0.27, tail_share=0.17, alpha=1.0, tail_min=1.0, cap=8.0)
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
    assert q.min() >= 0 and q.max() <= SHAPE["cap"]
    p_tail = SHAPE["tail_share"] * size
    body = U < 1 - p_tail
    assert (~body).mean() == pytest.approx(p_tail, abs=1e-5)
    assert np.all(np.diff(q[body]) >= 0) and np.all(np.diff(q[~body]) >= 0)
    # the body is exponential with mean m = mean_body * max(size, 0.05), cut at cap
    m = SHAPE["mean_body"] * max(size, 0.05)
    assert q[body].mean() == pytest.approx(m * (1 - np.exp(-SHAPE["cap"] / m)), rel=0.01)
    # the tail is Pareto from tail_min with exponent alpha, cut at cap
    if p_tail > 0:
        tail = q[~body]
        assert tail.min() == pytest.approx(SHAPE["tail_min"], rel=1e-3)
        share_over_2 = (tail > 2 * SHAPE["tail_min"]).mean()
        assert share_over_2 == pytest.approx(2 ** -SHAPE["alpha"], abs=0.01)


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
    effort, cost, overrun, planned, fails = (fates[:, k] for k in range(5))
    assert np.median(effort) == pytest.approx(i.small_effort_fte_months, rel=0.05)
    assert cost == pytest.approx(i.small_cost_msek * effort / i.small_effort_fte_months)
    assert set(np.unique(fails)) <= {0.0, 1.0}
    size = 1 - np.exp(-effort / i.size_scale_fte_months)
    expected_fail = (i.fail_small + (i.fail_large - i.fail_small) * size).mean()
    assert fails.mean() == pytest.approx(expected_fail, abs=0.02)
    assert (overrun >= 0).all() and (planned > 0).all()
    # the brake and system columns are the proposal's own uniforms
    assert (fates[:, 5:] == model.u_proposal.reshape(-1, 6)[:, 4:]).all()


def test_fixes_drawn_in_blocks_get_the_numbers_drawn_one_at_a_time():
    model = build_model(Parameters(), 7)
    portfolio = model.portfolio
    got = [portfolio._next_fix_fate() for _ in range(FIX_BLOCK + 5)]  # crosses a block
    one_at_a_time = Streams(7)["legacy_fix"]
    i = model.params.behaviour.initiatives
    size = portfolio.size_factor(model.params.organisation.it.fix_fte * i.fix_months)
    for months, overrun, fails in got:
        u = one_at_a_time.random(3)
        assert overrun == pytest.approx(float(portfolio.overrun(u[2], size)))
        assert fails == bool(u[1] < portfolio.fail_probability(size))
        assert months == pytest.approx(
            float(lognormal_quantile(u[0], i.fix_months, i.fix_sigma))
            * (1 + i.schedule_to_cost * overrun)
        )
