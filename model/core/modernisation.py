"""The big-bang legacy modernisation programme as one long SimPy process.

The programme first spends ``modernisation_discovery_months`` finding out what the
departments need of the systems in scope (with its unit team), then freezes the
design and builds. Its money comes from its own budget line
(:class:`~digistrat.core.funding.Commitment`): each month, after the unit's payroll
and before any new work, the treasury pays the instalment from investment (when
open), programme and operating money together. A month with part of the money makes
that part of the progress, and progress is held back when IT has fewer development
staff free than the plan needs; ``modernisation_stall_months`` in a row without
progress (no money or no IT staff) abandon it, and so does running past
``modernisation_overtime_max`` times its planned build. Value (renewed systems) arrives only
at completion, and fits the needs only as far as they were known when the design
was frozen, aged by the turbulence over the build
(``fit = knowledge * (1 - turbulence) ** build months``). A failed programme renews
only ``failed_share`` of its scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tolerances import MSEK_EPS, PROGRESS_EPS
from .work import Initiative

if TYPE_CHECKING:
    from .model import DigitalisationModel


def start_modernisation(model: DigitalisationModel, systems: list) -> Initiative:
    """Start a programme that replaces ``systems`` at once.

    Its size puts it in the fat tail: the overrun is drawn with relative size near
    1, and failure is drawn at the start (both from the ``modernisation`` stream).
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
        planned_months=s.modernisation_discovery_months + s.modernisation_months,
    )
    fails = bool(u_fail < portfolio.fail_probability(size))
    for system in systems:
        system.under_work = True
    portfolio.register(ini)
    ini.due = model.env.now + s.modernisation_discovery_months + s.modernisation_months
    model.env.process(_run(model, ini, fails))
    return ini


def _discover(model: DigitalisationModel, ini: Initiative):
    """Months of needs discovery with the departments, before the design is frozen."""
    s = model.params.strategy
    planned = s.modernisation_unit_share * model.unit.capacity()
    for _ in range(round(s.modernisation_discovery_months)):
        yield model.env.timeout(1)
        staffed = min(1.0, ini.team_unit / planned) if planned > 0 else 1.0
        for system in ini.systems:
            system.learn_needs(s.modernisation_discovery_rate * staffed)


def _run(model: DigitalisationModel, ini: Initiative, fails: bool):
    s, i = model.params.strategy, model.params.behaviour.initiatives
    yield from _discover(model, ini)
    frozen = {system: system.knowledge for system in ini.systems}
    needed = s.modernisation_months * (1.0 + i.schedule_to_cost * max(0.0, ini.overrun))
    monthly = ini.cost * (1.0 + ini.overrun) / needed
    t = model.treasury
    line = t.commit(monthly)
    progress, stalled, paid_total, months = 0.0, 0, 0.0, 0
    planned_it = s.modernisation_it_fte
    stall_limit = s.modernisation_stall_months
    longest = s.modernisation_months * s.modernisation_overtime_max  # then it is called off
    while progress < needed - PROGRESS_EPS and stalled < stall_limit and months < longest:
        yield model.env.timeout(1)
        months += 1
        paid = line.paid  # settled by the treasury this month, before any new work
        paid_total += paid
        # progress is held back when IT gives fewer development staff than the plan needs
        it_staff = min(ini.team_it, max(0.0, model.it.dev_fte - model.it.ops_fte))
        staffed = min(1.0, it_staff / planned_it) if planned_it > 0 else 1.0
        step = staffed * paid / monthly
        if step <= PROGRESS_EPS or paid <= MSEK_EPS:
            stalled += 1  # a month with no money or no staff makes no progress
            continue
        stalled = 0
        progress += step
    t.release(line)
    failed = fails or progress < needed - PROGRESS_EPS
    if paid_total > 0:  # the log names the source that paid most
        most = max(line.paid_by, key=line.paid_by.get)
        ini.source = next(source for source in t.sources if source.name == most)
    ini.overrun = paid_total / ini.cost - 1.0 if ini.cost > 0 else 0.0
    model.portfolio.overrun_paid += max(0.0, paid_total - ini.cost)
    lb, drift = model.params.behaviour.legacy, 1.0 - model.params.behaviour.needs.turbulence
    renewed = ini.systems[: round(len(ini.systems) * lb.failed_share)] if failed else ini.systems
    for system in ini.systems:
        system.under_work = False
    for system in renewed:
        system.renew(frozen[system] * drift**months)
    ini.fit = sum(frozen.values()) / len(frozen) * drift**months if frozen else 1.0
    model.portfolio.finish(ini, "failed" if failed else "completed")
