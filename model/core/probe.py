"""The probe: months and money to deliver a standard change set from the current state.

The standard set is one small change request in every department, as when a new law
requires every department to change a process. The probe asks, each month, what it
would take to deliver it from the state the organisation is in, by the model's own
rules, without changing the run:

- The set is mandated, so it has priority over queued proposals and over work under
  way (which pauses for it): its requests are staffed from the unit's whole capacity,
  and a request that does not fit waits until an earlier request of the set ends. How
  busy the unit happens to be does not shorten or lengthen it; how large and how
  productive it is does.
- A request's team is what its department needs (smaller when it is self-sufficient);
  under the ordering model, the unit builds it with a full team after the department
  has specified it.
- Start-up: framing the need, shorter with capability and lowered thresholds.
- Build: the small initiative's median duration over productivity, dragged by the
  rigidity of the department's systems; the expected delay of the legacy brake
  (``p_block * (block_delay + block_fail * (abandoned part + rebuild))``).
- Money: the set's external cost is paid, ahead of new work, from what the sources
  hold and the net inflow (after the unit's payroll) over the months it is built;
  only what neither covers makes the set wait for more inflow (after a funding cliff,
  possibly for ever: the probe then reports ``lead_time_cap_months``).

The set is delivered when its last request is: that month count is
``change_lead_time_months``. Its money (``change_cost_msek``) is the external cost
plus the unit's staff time the requests take. Only the state is read, so the run
is not disturbed, and nothing random is drawn.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from .tolerances import FTE_EPS, MIN_LEAD_TIME_PRODUCTIVITY

if TYPE_CHECKING:
    from .model import DigitalisationModel


def standard_set(model: DigitalisationModel) -> tuple[float, float]:
    """Months and money (MSEK) to deliver the standard change set from this month's state."""
    bp = model.params.behaviour
    i, lb, o, att = bp.initiatives, bp.legacy, bp.outcome, bp.attitudes
    cap = o.lead_time_cap_months
    cocreated = model.strategy.cocreated
    productivity = max(model.unit.productivity(), MIN_LEAD_TIME_PRODUCTIVITY)
    spec = 0.0 if cocreated else model.params.strategy.order_spec_months
    portfolio = model.portfolio
    free = model.unit.capacity()
    ends: list[tuple[float, float]] = []  # (month a request of the set ends, its team)
    build_time = i.small_months / productivity
    money_wait = _money_wait(model, i.small_cost_msek * len(model.departments), build_time, cap)
    fte_month = model.params.organisation.unit.fte_cost_msek_year / 12.0
    threshold = 1.0 - o.startup_threshold_effect * att.lower_thresholds
    rebuild = max(1.0, lb.abandon_share * i.small_months)
    last = cost = 0.0
    for dept in model.departments:
        team = portfolio.team_need(dept, cocreated)
        wait = 0.0
        while free + FTE_EPS < team and ends:
            end, released = heapq.heappop(ends)
            free += released
            wait = max(wait, end)
        if free + FTE_EPS < team:
            return cap, cost  # the pool could never staff it
        free -= team
        startup = o.startup_months * (1.0 - dept.capability) * threshold + spec
        build = i.small_months / productivity * (1.0 + lb.drag * (1.0 - dept.maturity_legacy))
        delay = dept.block_probability * (lb.block_delay_months + lb.block_fail * (rebuild + build))
        done = max(startup, wait, money_wait) + build + delay
        heapq.heappush(ends, (done, team))
        last = max(last, done)
        cost += i.small_cost_msek + team * (build + delay) * fte_month
    return min(last, cap), cost


def _money_wait(model: DigitalisationModel, needed: float, months: float, cap: float) -> float:
    """Months the set waits for money.

    None if what the sources hold and ``months`` of net inflow cover ``needed`` MSEK;
    otherwise until more inflow does.
    """
    t = model.treasury
    held = sum([source.remaining for source in t.project_order])
    if held >= needed:
        return 0.0
    inflow = t.programme_monthly(model.month) + t.operating_monthly
    if t.investment_open(model.month):
        inflow += model.params.funding.investment.annual_ceiling_msek / 12.0
    inflow -= model.unit.staff * model.params.organisation.unit.fte_cost_msek_year / 12.0
    if inflow <= 0.0:
        return cap
    return min(cap, max(0.0, (needed - held) / inflow - months))
