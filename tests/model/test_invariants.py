"""Invariants that hold in every month of every run."""

import pytest
from digistrat import build_model
from digistrat.core.columns import OUTCOMES

from .helpers import params

INDEX_COLUMNS = [n for n, info in OUTCOMES.items() if info.unit in ("index 0-1", "share 0-1")]


def check_month(model) -> None:
    for source in model.treasury.sources:
        kept = source.spent + source.lapsed + source.remaining
        assert source.funded == pytest.approx(kept, abs=1e-9), (
            f"{source.name}: funded {source.funded} != spent {source.spent} + lapsed "
            f"{source.lapsed} "
            f"+ remaining {source.remaining} in month {model.month}"
        )
        assert source.remaining >= -1e-12, f"{source.name} balance negative in {model.month}"
    for name in INDEX_COLUMNS:
        value = model.outcomes[name]
        assert 0.0 <= value <= 1.0, f"{name}={value} outside [0, 1] in month {model.month}"
    for dept in model.departments:
        for attr in ("capability", "self_sufficiency", "trust", "maturity_legacy"):
            value = getattr(dept, attr)
            assert 0.0 <= value <= 1.0, f"{dept.name}.{attr}={value} in month {model.month}"
    for system in model.systems:
        assert 0.0 <= system.health <= 1.0 and 0.0 <= system.api_readiness <= 1.0
    assert model.unit.staff >= 0.0 and model.unit.total_staff >= 0.0
    assert model.it.dev_fte >= 0.0 and model.it.dev_staff >= 0.0
    assert model.unit.committed >= 0.0 and model.it.committed >= 0.0
    assert model.outcomes["change_lead_time_months"] > 0.0


@pytest.mark.parametrize(
    "kind,overrides",
    [
        ("small_steps", {}),
        ("big_bang", {"funding__investment__enabled": False}),
        ("big_bang", {}),
        ("capability_only", {"behaviour__strain__pace": 1.8}),
        ("order_from_it", {}),
        ("hybrid", {"organisation__it__move_fte": 6.0}),
        ("small_steps", {"funding__programme__annual_msek": 0.0}),
    ],
)
def test_invariants_every_month(kind, overrides):
    for seed in range(3):
        model = build_model(params(kind, **overrides), seed)
        for _ in range(model.n_months):
            model.step()
            assert model.steps == model.env.now, "SimPy clock out of step with Mesa"
            check_month(model)


@pytest.mark.parametrize("kind", ["small_steps", "big_bang", "order_from_it", "hybrid"])
def test_monthly_spending_adds_up_to_what_was_spent(kind):
    """Every payment lands in some month's spend, including those made inside SimPy."""
    for seed in range(3):
        model = build_model(params(kind), seed)
        model.run()
        ts = model.result().timeseries
        for source in model.treasury.sources:
            monthly = ts[f"spend_{source.name}_msek"].sum()
            assert monthly == pytest.approx(source.spent, rel=1e-9, abs=1e-9), (
                f"{kind} seed {seed}: monthly {source.name} spending sums to {monthly}, "
                f"but {source.spent} was spent"
            )


@pytest.mark.parametrize("kind", ["small_steps", "big_bang"])
def test_every_investment_payment_is_depreciated(kind):
    """Each month's investment spending is charged straight-line from the next month on.

    With the test above (monthly spending adds up to all that was spent), this
    means every capitalised payment is depreciated, whenever in the month it is made.
    """
    p = params(kind)
    model = build_model(p, 0)
    model.run()
    ts = model.result().timeseries
    life = round(p.funding.investment.useful_life_years * 12)
    spend = ts.spend_investment_msek.to_numpy()
    n = len(spend)
    expected = [sum(spend[j] / life for j in range(max(0, i - life), i)) for i in range(n)]
    assert ts.depreciation_msek.to_numpy() == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_result_tables_have_the_documented_columns():
    from digistrat import run
    from digistrat.core.columns import DEPARTMENT_COLUMNS, INITIATIVE_COLUMNS

    r = run(params(), seed=1)
    assert list(r.timeseries.columns) == ["month", "step", *OUTCOMES]
    assert len(r.timeseries) == 14 * 12
    assert r.timeseries.month.iloc[0] == "2017-01" and r.timeseries.month.iloc[-1] == "2030-12"
    assert list(r.initiatives.columns) == list(INITIATIVE_COLUMNS)
    assert list(r.departments.columns) == ["month", *DEPARTMENT_COLUMNS]
    assert len(r.departments) == 14 * 12 * 6
    assert set(r.initiatives.outcome) <= {"completed", "failed", "blocked", "running"}


def test_recruitment_is_never_capitalised():
    """Hiring costs come from programme or operating money, never from investment."""
    model = build_model(params(), 0)
    for _ in range(80):  # into 2023: programme money has ended, investment is open
        model.step()
    t, unit = model.treasury, model.unit
    t.programme.deposit(100.0)  # money to hire with
    t.investment.deposit(100.0)
    unit.target = unit.total_staff + 1.0
    before = t.investment.remaining, t.programme.remaining
    assert unit.hire(t, model.month) > 0
    assert t.investment.remaining == before[0], "recruitment was paid from investment money"
    assert t.programme.remaining < before[1]


def test_a_modernisation_programme_logs_the_source_that_paid_most():
    for investment in (False, True):
        model = build_model(params("big_bang", funding__investment__enabled=investment), 0)
        model.run()
        log = model.result().initiatives
        programme = log[log.kind == "modernisation"].iloc[0]
        if not investment:
            assert programme.source == "programme", "no investment money existed to pay it"
        paid = {s.name: s.spent for s in model.treasury.sources}
        assert programme.source in paid


def test_a_modernisation_short_of_it_staff_takes_longer():
    def programme_months(dev_staff):
        p = params(
            "big_bang",
            organisation__it__dev_staff_fte=dev_staff,
            organisation__it__ops_fte_per_system=0.0,  # all of IT's staff are free for it
            strategy__modernisation_it_fte=12.0,
            behaviour__initiatives__overrun_cap=2.0,
        )
        log = build_model(p, 0)
        log.run()
        row = log.result().initiatives.query("kind == 'modernisation'").iloc[0]
        start = int(row.start[:4]) * 12 + int(row.start[5:])
        end = int(row.end[:4]) * 12 + int(row.end[5:]) if row.end else 10**6
        return end - start

    assert programme_months(6.0) > programme_months(18.0)
