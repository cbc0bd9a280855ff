"""Checks of the model core against docs/ODD.md: timing, money and state, one per finding."""

from model import build_model
from model.calendar import month_number
from model.initiatives import Initiative

from .helpers import params


def _step_to(model, month: str) -> None:
    while model.month < month_number(month) or model.steps == 0:
        model.step()


def test_an_initiative_of_d_months_started_in_month_m_ends_at_the_start_of_m_plus_d():
    """ODD section 3: its team works months M .. M + d - 1 and is free again in M + d."""
    model = build_model(params("capability_only"), 0)
    _step_to(model, "2019-03")
    portfolio, dept = model.portfolio, model.departments[0]
    start = model.month
    ini = Initiative(
        portfolio.started + 1, "capability", dept, None, model.treasury.programme,
        start, 6.0, 0.0, 0.0, team_unit=1.0,
    )  # fmt: skip
    portfolio._register(ini)
    model.env.process(portfolio._run(ini, 3, "completed"))
    for _ in range(2):  # months M + 1 and M + 2: still running
        model.step()
        assert ini.outcome == "running", model.month - start
    model.step()  # month M + 3
    assert model.month == start + 3
    assert ini.outcome == "completed"
    assert ini.end == start + 3
    assert dept.last_delivery == start + 3


def test_every_initiative_is_closed_in_the_month_it_records_as_its_end():
    model = build_model(params("small_steps"), 1)
    closed_in = {}
    for _ in range(model.n_months):
        model.step()
        for ini in model.portfolio.log:
            closed_in.setdefault(ini.number, model.month)
        assert model.steps == model.env.now
    assert closed_in
    assert all(ini.end == closed_in[ini.number] for ini in model.portfolio.log)
