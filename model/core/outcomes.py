"""Outcome measures: the change-capability index, the lead time and the maturity plane.

change_capability = (w_c C + w_s S + w_l L + w_k K + w_t T) / (w_c + w_s + w_l + w_k + w_t)

where, with department sizes as weights,
  C = mean department capability,
  S = mean department self-sufficiency,
  L = mean legacy flexibility of the systems each department depends on
      (flexibility = (1 - api_weight) health + api_weight API readiness),
  K = min(1, delivery FTE * productivity / reference_fte): the development capacity
      that delivers change, net of strain and assimilation,
  T = mean trust in the unit.

change_lead_time_months is the expected time from a department's need to a
delivered standard change request (a small initiative of median effort):
  start-up (framing the need, shorter with capability and low thresholds)
  + queue wait (backlog of team effort / delivery capacity)
  + build time (median duration / productivity)
  + expected legacy delay (block probability * (block_delay_months
    + block_fail * (small_months + queue wait)): a blocked request waits, or is
    abandoned and queued and built again),
capped at lead_time_cap_months.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tolerances import FTE_EPS, MIN_LEAD_TIME_PRODUCTIVITY

if TYPE_CHECKING:
    from .model import DigitalisationModel


def measure(model: DigitalisationModel) -> dict[str, float]:
    """Measure the month: one value per column of :data:`~digistrat.core.columns.OUTCOMES`."""
    unit, bp = model.unit, model.params.behaviour
    o = bp.outcome
    productivity = unit.productivity()
    cocreated = model.strategy.cocreated
    team_need = model.portfolio.team_need
    waiting = model.portfolio.waiting()
    size = cap = selfs = legacy = trust = block = queued = 0.0
    for d in model.departments:
        d.update_legacy()
        w = d.size
        size += w
        cap += w * d.capability
        selfs += w * d.self_sufficiency
        legacy += w * d.maturity_legacy
        trust += w * d.trust
        block += w * d.block_probability
        if d in waiting:
            queued += waiting[d] * team_need(d, cocreated)
    cap, selfs, legacy, trust, block = (
        cap / size,
        selfs / size,
        legacy / size,
        trust / size,
        block / size,
    )
    delivery = model.strategy.delivery_fte(model)
    capacity = min(1.0, delivery * productivity / o.reference_fte)
    index = (
        o.w_capability * cap
        + o.w_self_sufficiency * selfs
        + o.w_legacy * legacy
        + o.w_capacity * capacity
        + o.w_trust * trust
    ) / (o.w_capability + o.w_self_sufficiency + o.w_legacy + o.w_capacity + o.w_trust)
    own = bp.learning.self_reliance * bp.learning.own_fte_per_thousand * selfs * size
    row = {
        "change_capability": index,
        "cc_capacity": capacity,
        "change_lead_time_months": lead_time(
            model, productivity, delivery, own, queued, cap, block, cocreated
        ),
        "maturity_capability": cap,
        "maturity_legacy": legacy,
        "self_sufficiency": selfs,
        "trust": trust,
        "political_will": model.will,
    }
    _flows(model, row)
    return row


def _flows(model: DigitalisationModel, row: dict[str, float]) -> None:
    """Money, staff, legacy and initiative counts for this month, added to ``row``."""
    t, p = model.treasury, model.portfolio
    for source in t.sources:
        row[f"spend_{source.name}_msek"] = source.spent_this_month
    for source in t.sources:
        row[f"remaining_{source.name}_msek"] = source.remaining
    row["depreciation_msek"] = t.depreciation
    row["unit_staff_fte"] = model.unit.total_staff
    row["unit_strain"] = model.unit.strain
    row["it_dev_fte"] = model.it.dev_fte
    systems = model.systems
    row["legacy_health"] = sum([s.health for s in systems]) / len(systems) if systems else 1.0
    row["maintenance_share"] = model.it.maintenance_share
    row["initiatives_active"] = len(p.active)
    row["initiatives_started"] = p.started
    row["initiatives_completed"] = p.completed
    row["initiatives_failed"] = p.failed
    row["overrun_msek"] = p.overrun_paid
    row["benefits_msek_year"] = sum([d.benefits_msek_year for d in model.departments])


def lead_time(
    model: DigitalisationModel,
    productivity: float,
    delivery: float,
    own: float,
    queued: float,
    capability: float,
    block: float,
    cocreated: bool,
) -> float:
    """Expected months to deliver a standard change request from the current state.

    Args:
        productivity: the unit's productivity this month.
        delivery: FTE delivering change (the unit, or IT when work is ordered).
        own: the departments' own effort in FTE, self_reliance * own_fte_per_thousand *
            sum of size * self-sufficiency.
        queued: team FTE the queued proposals need.
        capability: size-weighted mean department capability.
        block: size-weighted mean chance that the legacy brake stops an initiative.
        cocreated: whether work is co-created (otherwise ordered from IT).
    """
    bp = model.params.behaviour
    i, lb, att = bp.initiatives, bp.legacy, bp.attitudes
    productivity = max(productivity, MIN_LEAD_TIME_PRODUCTIVITY)
    capacity = delivery * productivity + own
    wait = queued * i.small_months / capacity if capacity > FTE_EPS else float("inf")
    build = i.small_months / productivity
    o = bp.outcome
    startup = (
        o.startup_months
        * (1.0 - capability)
        * (1.0 - o.startup_threshold_effect * att.lower_thresholds)
    )
    if not cocreated:
        startup += model.params.strategy.order_spec_months
    delay = block * (lb.block_delay_months + lb.block_fail * (i.small_months + wait))
    return min(startup + wait + build + delay, o.lead_time_cap_months)
