"""Checks of the model core against docs/ODD.md: timing, money and state, one per finding."""

from digistrat import build_model
from digistrat.core import capability
from digistrat.core.calendar import month_number
from digistrat.core.initiatives import Initiative

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
        number=portfolio.started + 1,
        kind="capability",
        department=dept,
        system=None,
        source=model.treasury.programme,
        start=start,
        effort=6.0,
        cost=0.0,
        overrun=0.0,
        team_unit=1.0,
    )
    portfolio.register(ini)
    model.env.process(capability._run(portfolio, ini, 3, "completed"))
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


def test_a_programme_event_pays_every_month_of_its_window():
    """ODD 7.8: each grant deposits annual / 12 in every month of its window."""
    from digistrat.core.parameters import Event

    p = params(
        funding__programme__annual_msek=0.0,
        events=(Event(month="2020-01", kind="programme", value=12.0, months=12.0),),
    )
    model = build_model(p, 0)
    _step_to(model, "2020-01")
    assert abs(model.treasury.programme.funded - 1.0) < 1e-9
    model.run()
    assert abs(model.treasury.programme.funded - 12.0) < 1e-9


def test_staff_moved_from_it_leave_its_development_fte_in_the_move_month():
    """ODD 7.4/7.9: moved staff stay on IT's budget, so IT's own development FTE fall at once."""
    model = build_model(params(organisation__it__move_fte=4.0), 0)
    _step_to(model, "2022-01")
    it = model.it
    assert it.moved == 4.0
    left = it.budget - it.maintenance_paid - it.moved * it.fte_month
    assert abs(it.dev_fte - max(0.0, min(it.dev_staff, left / it.fte_month))) < 1e-9


def _cliff_delay(lag: int) -> int:
    """Months from the first unfunded month to the month unfunded staff leave."""
    p = params(
        funding__investment__enabled=False,
        funding__operating__annual_msek=0.0,
        organisation__unit__cliff_lag_months=lag,
    )
    model = build_model(p, 0)
    first = None  # first month of the current run of unfunded months
    for _ in range(model.n_months):
        model.step()
        if model.unit.lost_to_cliff > 0.0:
            return model.month - (model.month if first is None else first)
        if model.unit.funded_fte < model.unit.staff - 1e-9:
            first = model.month if first is None else first
        else:
            first = None
    raise AssertionError("no cliff")


def test_unfunded_staff_stay_cliff_lag_months_before_they_leave():
    """ODD 7.8: they stay ``cliff_lag_months`` months, then leave (0: at once)."""
    assert [_cliff_delay(lag) for lag in (0, 1, 6)] == [0, 1, 6]


def test_a_staff_target_event_overrides_the_plan_from_its_month():
    from digistrat.core.parameters import Event

    p = params(events=(Event(month="2020-01", kind="staff_target", value=10.0),))
    model = build_model(p, 0)
    _step_to(model, "2020-06")
    assert model.unit.target == 10.0


def test_a_unit_formed_before_the_horizon_starts_has_its_initial_staff():
    p = params(horizon__start="2019-01", organisation__unit__staffing_plan=(("2018-01", 8.0),))
    model = build_model(p, 0)
    model.step()
    assert model.unit.staff >= 8.0 * 0.9
