"""Targeted legacy fixes (strangler-fig steps): IT and unit staff improve one system.

A fix consumes the evidence that led to it, is designed with what is known of the
system's needs then, and on completion raises health, raises API readiness as far as
the needs are still known (the knowledge at the start, aged by the turbulence over
the fix), and removes part of the system's complexity (anti-regressive work).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .depreciation import INFRASTRUCTURE
from .streams import lognormal_quantile
from .tolerances import FTE_EPS
from .work import Initiative

if TYPE_CHECKING:
    from .agents import LegacySystem
    from .initiatives import Portfolio

#: Legacy fixes whose fate is drawn at a time (the draws are the same as one by one).
FIX_BLOCK = 32


def next_fate(portfolio: Portfolio) -> tuple[float, float, bool]:
    """Duration (months), overrun and failure of the next legacy fix.

    Three ``legacy_fix`` uniforms per fix (duration, failure, overrun), drawn
    :data:`FIX_BLOCK` fixes at a time: the k-th fix gets the same three numbers as
    if they were drawn one fix at a time.
    """
    if not portfolio.fix_fates:
        m, i = portfolio.model, portfolio.bp.initiatives
        u = m.streams["legacy_fix"].random((FIX_BLOCK, 3))
        size = portfolio.size_factor(m.params.organisation.it.fix_fte * i.fix_months)
        overrun = portfolio.overrun(u[:, 2], size)
        months = lognormal_quantile(u[:, 0], i.fix_months, i.fix_sigma)
        months *= 1.0 + i.schedule_to_cost * overrun.clip(min=0.0)
        fails = u[:, 1] < portfolio.fail_probability(size)
        portfolio.fix_fates = list(
            zip(months.tolist(), overrun.tolist(), fails.tolist(), strict=True)
        )
        portfolio.fix_fates.reverse()  # taken from the end
    return portfolio.fix_fates.pop()


def start(portfolio: Portfolio, system: LegacySystem, team: float = 1.0) -> bool:
    """Start a targeted fix of ``system`` with IT staff; False when staff or money is lacking.

    ``team`` is the share of the whole team (``fix_fte`` of IT, ``fix_unit_fte`` of the
    unit) it starts with; a smaller team takes ``1 / team`` times as long for the same
    work and cost.
    """
    m, i = portfolio.model, portfolio.bp.initiatives
    it = m.params.organisation.it
    team_it, team_unit = it.fix_fte * team, it.fix_unit_fte * team
    if team_it > m.it.free() + FTE_EPS or team_unit > m.unit.free() + FTE_EPS:
        return False
    drawn, overrun, fails = next_fate(portfolio)
    months = drawn / team
    upfront = i.fix_cost_msek * (1.0 + min(0.0, overrun))
    source = m.treasury.pay_first(upfront, m.treasury.legacy_order, INFRASTRUCTURE)
    if source is None:
        portfolio.fix_fates.append((drawn, overrun, fails))  # unused: the next fix gets it
        return False
    ini = Initiative(
        number=portfolio.started + 1,
        kind="legacy_fix",
        department=None,
        system=system,
        source=source,
        start=m.month,
        effort=it.fix_fte * i.fix_months,
        cost=i.fix_cost_msek,
        overrun=overrun,
        team_unit=team_unit,
        team_it=team_it,
        cocreated=False,
        fit=system.knowledge,
        planned_months=i.fix_months / team,
    )
    system.under_work = True
    system.evidence = 0.0  # what revealed it is used; what comes in during the fix counts anew
    portfolio.register(ini)
    duration = math.ceil(months)
    ini.due = portfolio.env.now + duration
    portfolio.env.process(_run(portfolio, ini, duration, "failed" if fails else "completed"))
    return True


def _run(portfolio: Portfolio, ini: Initiative, months: int, outcome: str):
    yield portfolio.env.timeout(months)
    if outcome == "completed" and not portfolio.pay_overrun(ini):
        outcome = "failed"
    system = ini.system
    system.under_work = False
    if outcome == "completed":
        i = portfolio.bp.initiatives
        fit = ini.fit * (1.0 - portfolio.bp.needs.turbulence) ** months
        system.fix(i.fix_health_gain, i.fix_api_gain, fit)
    portfolio.finish(ini, outcome)
