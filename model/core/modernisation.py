"""The big-bang legacy modernisation programme as one long SimPy process."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .initiatives import Initiative
from .tolerances import MSEK_EPS, PROGRESS_EPS

if TYPE_CHECKING:
    from .model import DigitalisationModel


def start_modernisation(model: DigitalisationModel, systems: list) -> Initiative:
    """Start a programme that replaces ``systems`` at once.

    Its size puts it in the fat tail: the overrun is drawn with relative size
    near 1, and the cost is paid month by month (investment first when open,
    then programme, then operating money, together). A month with part of the
    money makes that part of the progress; ``modernisation_stall_months`` without any
    abandon it.
    Value (renewed systems) arrives only at completion, and fits the needs only
    as well as capability work has revealed them (:func:`requirements_fit`). A
    failed programme renews only ``failed_share`` of its scope.
    """
    p, portfolio = model.params, model.portfolio
    s = p.strategy
    u_fail, u_over = model.streams["modernisation"].random(2)
    team_unit = s.modernisation_unit_share * model.unit.capacity()
    team_it = min(s.modernisation_it_fte, max(0.0, model.it.free()))
    effort = (s.modernisation_it_fte + team_unit) * s.modernisation_months
    size = float(portfolio.size_factor(effort))
    overrun = float(portfolio.overrun(u_over, size))
    ini = Initiative(
        number=portfolio.started + 1,
        kind="modernisation",
        department=None,
        system=None,
        source=model.treasury.investment,
        start=model.month,
        effort=effort,
        cost=s.modernisation_cost_msek,
        overrun=overrun,
        team_unit=team_unit,
        team_it=team_it,
        cocreated=False,
        systems=tuple(systems),
    )
    fails = bool(u_fail < portfolio.fail_probability(size))
    ini.fit = requirements_fit(model)
    for system in systems:
        system.under_work = True
    portfolio._register(ini)
    model.env.process(_run(model, ini, fails))
    return ini


def requirements_fit(model: DigitalisationModel) -> float:
    """How well renewal planned now fits the needs: floor + (1 - floor) * capability.

    The report's point: capability work explores what the legacy must do. A
    programme planned while departments have little capability builds
    infrastructure that fits only part of what they will need.
    """
    floor = model.params.behaviour.legacy.known_needs_floor
    return floor + (1.0 - floor) * model.outcomes["maturity_capability"]


def _run(model: DigitalisationModel, ini: Initiative, fails: bool):
    s, i = model.params.strategy, model.params.behaviour.initiatives
    needed = s.modernisation_months * (1.0 + i.schedule_to_cost * ini.overrun)
    monthly = ini.cost * (1.0 + ini.overrun) / needed
    t = model.treasury
    progress, stalled, paid_total = 0.0, 0, 0.0
    paid_by = dict.fromkeys(t.sources, 0.0)
    planned_it = s.modernisation_it_fte
    stall_limit = s.modernisation_stall_months
    while progress < needed - PROGRESS_EPS and stalled < stall_limit:
        yield model.env.timeout(1)
        order = t.legacy_order  # set for this month before SimPy catches up
        before = [source.spent for source in order]
        paid = t.pay_across(monthly, order)
        for source, spent in zip(order, before, strict=True):
            paid_by[source] += source.spent - spent
        if paid <= MSEK_EPS:
            stalled += 1
            continue
        stalled = 0
        paid_total += paid
        # progress is held back when IT has fewer development staff than the plan needs
        staffed = min(1.0, model.it.dev_fte / planned_it) if planned_it > 0 else 1.0
        progress += staffed * paid / monthly
    failed = fails or stalled >= stall_limit
    if paid_total > 0:
        ini.source = max(paid_by, key=paid_by.get)  # the log names the source that paid most
    ini.overrun = paid_total / ini.cost - 1.0 if ini.cost > 0 else 0.0
    model.portfolio.overrun_paid += max(0.0, paid_total - ini.cost)
    lb = model.params.behaviour.legacy
    renewed = ini.systems[: round(len(ini.systems) * lb.failed_share)] if failed else ini.systems
    for system in ini.systems:
        system.under_work = False
    for system in renewed:
        system.renew(lb.new_health, lb.new_api * ini.fit)
    model.portfolio.finish(ini, "failed" if failed else "completed")
